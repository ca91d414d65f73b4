import DemoNetwork
import Foundation
import SupplyDomain
import Testing

/// A small network (90 days, few items) generated once and shared by the tests that only read it.
let smallParameters = DemoParameters(
    seed: 7, sites: 3, consumables: 60, implants: 12, pharmacyItems: 6, procedures: 10, historyDays: 90,
    endDate: LocalDate(year: 2026, month: 11, day: 20), forwardScheduleDays: 14)
let small = DemoNetwork.generate(smallParameters)

@Suite struct DemoNetworkDeterminismTests {
    @Test("The same seed gives identical master data and events")
    func sameSeedSameOutput() {
        let again = DemoNetwork.generate(smallParameters)
        #expect(again.events == small.events)
        #expect(again.items == small.items)
        #expect(again.preferenceCards == small.preferenceCards)
        #expect(MasterDataCSV.files(of: again).map(\.text) == MasterDataCSV.files(of: small).map(\.text))
    }

    @Test("A different seed gives different events")
    func differentSeedDifferentOutput() {
        var parameters = smallParameters
        parameters.seed = 8
        let other = DemoNetwork.generate(parameters)
        #expect(other.events != small.events)
        #expect(other.events.count != small.events.count || other.events.first != small.events.first)
    }
}

@Suite struct DemoNetworkShapeTests {
    @Test("A small run produces every event type but the feed-only ones")
    func allEventTypes() {
        for type in EventType.allCases where !DemoNetwork.typesNotGenerated.contains(type) {
            #expect((small.summary.countsByType[type] ?? 0) > 0, "no \(type.rawValue) events")
        }
        #expect(small.summary.totalEvents == small.events.count)
    }

    @Test("Events are sorted by occurredAt and lie within the history window, but for the opening census")
    func sortedAndWithinWindow() throws {
        for (earlier, later) in zip(small.events, small.events.dropFirst()) {
            #expect(earlier.occurredAt.secondsSinceEpoch <= later.occurredAt.secondsSinceEpoch)
        }
        // The admissions of patients already in house open the history (DemoNetworkCensusTests); nothing else
        // happens before the first day.
        let first = try #require(small.events.first { event in
            if case .admission = event.body { return false }
            return true
        })
        let last = try #require(small.events.last)
        #expect(first.occurredAt.localDate == smallParameters.startDate)
        #expect(last.occurredAt.localDate <= smallParameters.endDate)
    }

    @Test("Every timestamp carries a Central European offset")
    func offsets() {
        #expect(small.events.allSatisfy { $0.occurredAt.utcOffsetSeconds == 3600 || $0.occurredAt.utcOffsetSeconds == 7200 })
    }

    @Test("Event ids are unique within each source and every event passes validation")
    func uniqueIdsAndValid() throws {
        var seen = Set<String>()
        for event in small.events {
            #expect(seen.insert(event.source + "|" + event.id).inserted, "duplicate id \(event.id)")
            #expect(event.id.hasPrefix(event.source + "-"))
            try event.validate()
        }
    }

    @Test("Usage quantities are whole numbers of at least one")
    func wholeQuantities() {
        for event in small.events {
            guard case .usage(let usage) = event.body else { continue }
            #expect(usage.quantity >= 1 && usage.quantity == usage.quantity.rounded())
        }
    }

    @Test("The forward OR schedule books cases after the end date")
    func forwardSchedule() {
        let endOfHistory = small.events.last?.occurredAt.secondsSinceEpoch ?? 0
        let future = small.events.filter {
            guard case .surgicalCase(let change) = $0.body, change.kind == .scheduled,
                let start = change.scheduledFor else { return false }
            return start.secondsSinceEpoch > endOfHistory
        }
        #expect(future.count > 50)
    }

    @Test("Round-trips through the canonical JSON shape")
    func jsonRoundTrip() throws {
        let encoder = JSONEncoder()
        let decoder = JSONDecoder()
        var seenTypes = Set<EventType>()
        for event in small.events where seenTypes.insert(event.type).inserted {
            let decoded = try decoder.decode(SupplyEvent.self, from: try encoder.encode(event))
            #expect(decoded == event)
        }
    }
}
