import DemoNetwork
import SupplyCastTesting
import SupplyDomain
import Testing

/// The generator draws ward and pharmacy usage from its own midnight census; the product only sees the ADT events.
/// These tests hold the two to each other, so the demo's usage is driven by the census the product will count.
@Suite struct DemoNetworkCensusTests {
    let history = smallParameters.startDate...smallParameters.endDate

    @Test("The census that drives ward usage equals a headcount from the emitted ADT events, every site and day")
    func generatedCensusMatchesEvents() {
        let headcount = MidnightHeadcount(events: small.events, days: history)
        for site in small.sites.map(\.id) {
            #expect(small.midnightCensus[site] == headcount.inHouse(site: site), "site \(site)")
        }
    }

    @Test("Every site has patients in house on every day, and never a negative count")
    func censusIsPositive() {
        for site in small.sites.map(\.id) {
            let census = small.midnightCensus[site] ?? []
            #expect(census.count == history.count, "site \(site)")
            #expect(census.allSatisfy { $0 > 0 }, "site \(site): \(census.filter { $0 <= 0 })")
        }
    }

    @Test("The history opens with the arrival of every patient in house on the first day")
    func everyStayStartsWithItsArrival() {
        var seen = Set<String>()
        var departuresWithoutArrival: [String] = []
        for event in small.events {
            guard case .admission(let change) = event.body else { continue }
            let key = event.source + "/" + change.encounter
            if seen.insert(key).inserted && change.kind != .admitted {
                departuresWithoutArrival.append(key)
            }
        }
        #expect(departuresWithoutArrival.isEmpty, "\(departuresWithoutArrival.prefix(5))")
    }

    @Test("Before the first day come only the admissions and transfers of patients still in house on it")
    func openingState() {
        let start = smallParameters.startDate
        let early = small.events.filter { $0.occurredAt.localDate < start }
        let stillOpen = Set(small.events.compactMap { event -> String? in
            guard case .admission(let change) = event.body, event.occurredAt.localDate >= start else { return nil }
            return event.source + "/" + change.encounter
        })
        #expect(!early.isEmpty)
        for event in early {
            guard case .admission(let change) = event.body else {
                Issue.record("\(event.type.rawValue) \(event.id) before the first day")
                continue
            }
            #expect(change.kind == .admitted || change.kind == .transferred, "\(event.id)")
            #expect(stillOpen.contains(event.source + "/" + change.encounter), "\(event.id)")
        }
    }
}
