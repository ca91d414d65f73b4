import DemoNetwork
import Foundation
import Simulation
import Store
import SupplyDomain
import Testing

/// A small closed loop shared by the tests that read it: one site, sixty days of history, twelve simulated days,
/// with the shelf of one long-lead implant emptied at the start so that some cases go short.
enum SmallLoop {
    static let network = DemoParameters(seed: 11, sites: 1, consumables: 30, implants: 10, pharmacyItems: 4, procedures: 6,
                                        historyDays: 60)
    static let days = 12

    struct Run {
        var outcome: SimulationOutcome
        var options: SimulationOptions
        var stream: DemandStream
        var planted: SiteItem
        var folder: URL
    }

    static let run: Result<Run, any Error> = Result { try makeRun() }

    static func makeRun() throws -> Run {
        var options = SimulationOptions(network: network, days: days, keepEvents: true)
        let stream = DemoNetwork.demandStream(options.streamParameters)
        // The implant with the longest lead time that the first simulated days use most.
        let longLead = Set(stream.items.filter { $0.isImplant && ($0.leadTimeDays ?? 0) >= 5 }.map(\.id))
        var uses: [String: Int] = [:]
        for demand in stream.demands(from: options.firstDay, through: options.firstDay.advanced(by: 3))
        where longLead.contains(demand.item) {
            uses[demand.item, default: 0] += 1
        }
        let item = try #require(uses.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key)
        let planted = SiteItem(site: "NORTH", item: item)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("simulation-test-\(UUID().uuidString)")
        options.databasePath = folder.appendingPathComponent("supplycast.sqlite").path
        options.emptiedAtStart = [planted]
        let outcome = try ClosedLoopSimulation(options: options).run()
        return Run(outcome: outcome, options: options, stream: stream, planted: planted, folder: folder)
    }
}

@Suite struct ClosedLoopSimulationTests {
    @Test("SupplyCast is sent the true demand: usage per site, item and day equals the stream's, loans included")
    func usageIsTheTruth() throws {
        let run = try SmallLoop.run.get()
        var recorded: [String: Double] = [:]
        for event in run.outcome.appendedEvents {
            guard case .usage(let usage) = event.body else { continue }
            recorded["\(usage.item ?? "")|\(event.occurredAt.localDate)", default: 0] += usage.quantity
        }
        var demanded: [String: Double] = [:]
        for demand in run.stream.demands(from: run.options.firstDay, through: run.options.lastDay) {
            demanded["\(demand.item)|\(demand.day)", default: 0] += Double(demand.quantity)
        }
        let differing = Set(recorded.keys).union(demanded.keys).filter { recorded[$0] != demanded[$0] }
        #expect(differing.isEmpty, "differ: \(differing.sorted().prefix(5))")
        #expect(!demanded.isEmpty)
    }

    @Test("Stock balances: opening + receipts − usage − write-offs = closing, for every site × item")
    func stockBalances() throws {
        let run = try SmallLoop.run.get()
        let supplyCast = run.outcome.policies[0]
        // Receipts (deliveries and emergency loans) and usage counted from the events SupplyCast was sent.
        var received: [SiteItem: Int] = [:]
        var used: [SiteItem: Int] = [:]
        for event in run.outcome.appendedEvents {
            switch event.body {
            case .receipt(let receipt):
                received[SiteItem(site: event.site, item: receipt.item ?? ""), default: 0] += Int(receipt.quantity)
            case .usage(let usage):
                used[SiteItem(site: event.site, item: usage.item ?? ""), default: 0] += Int(usage.quantity)
            default:
                break
            }
        }
        let siteItems = Set(supplyCast.openingStock.keys).union(supplyCast.closingStock.keys).union(received.keys)
        var unbalanced: [SiteItem] = []
        for siteItem in siteItems {
            let writtenOff = supplyCast.flows[siteItem]?.writtenOff ?? 0
            let expected = (supplyCast.openingStock[siteItem] ?? 0) + (received[siteItem] ?? 0) - (used[siteItem] ?? 0) - writtenOff
            if expected != (supplyCast.closingStock[siteItem] ?? 0) { unbalanced.append(siteItem) }
        }
        #expect(unbalanced.isEmpty, "unbalanced: \(unbalanced.sorted().prefix(5))")
        #expect(received.values.reduce(0, +) > 0)
    }

    @Test("SupplyCast's own stock ledger ends where the simulated shelves end, for every site × item")
    func storeMatchesShelves() throws {
        let run = try SmallLoop.run.get()
        let store = try SupplyStore(path: try #require(run.options.databasePath))
        var inStore: [SiteItem: Int] = [:]
        for balance in try store.stock(site: "NORTH") {
            inStore[SiteItem(site: "NORTH", item: balance.item), default: 0] += Int(balance.quantity.rounded())
        }
        let shelves = run.outcome.policies[0].closingStock.filter { $0.value != 0 }
        let differing = Set(shelves.keys).union(inStore.filter { $0.value != 0 }.keys)
            .filter { (shelves[$0] ?? 0) != (inStore[$0] ?? 0) }
        #expect(differing.isEmpty, "differ: \(differing.sorted().prefix(5).map { "\($0): shelf \(shelves[$0] ?? 0), store \(inStore[$0] ?? 0)" })")
    }

    @Test("A case is short exactly when an item it uses is missing from the shelf on its day")
    func plantedShortage() throws {
        let run = try SmallLoop.run.get()
        for policy in run.outcome.policies {
            // Until the first delivery of the emptied implant, the cases that use it, and only those, go short.
            let firstArrival = policy.lines.filter { $0.siteItem == run.planted }.map(\.arrivalDay).min()
                ?? run.options.lastDay.advanced(by: 1)
            let last = min(firstArrival.advanced(by: -1), run.options.firstDay.advanced(by: 3))
            let usingPlanted = Set(run.stream.demands(from: run.options.firstDay, through: last)
                .filter { $0.site == run.planted.site && $0.item == run.planted.item }
                .compactMap { $0.caseId.map { "NORTH/" + $0 } })
            let short = Set(policy.shortCases.filter { $0.value <= last }.keys)
            #expect(!usingPlanted.isEmpty, "\(policy.policy): no case used \(run.planted) before \(firstArrival)")
            #expect(short == usingPlanted, "\(policy.policy): short \(short.sorted()), expected \(usingPlanted.sorted())")
        }
    }

    @Test("SupplyCast's requisitions in the store are exactly the orders the simulation delivered")
    func requisitionsAreTheOrders() throws {
        let run = try SmallLoop.run.get()
        let store = try SupplyStore(path: try #require(run.options.databasePath))
        let requisitions = try store.requisitions(limit: 100_000)
        let stored = Set(requisitions.flatMap { requisition in
            requisition.lines.map { "\(requisition.id)|\($0.line)|\($0.item)|\(Int($0.quantity.rounded(.up)))" }
        })
        let ordered = Set(run.outcome.requisitionLines.values.flatMap { $0 }.map {
            "\($0.reference)|\($0.line)|\($0.siteItem.item)|\($0.quantity)"
        })
        let ownLines = Set(run.outcome.policies[0].lines.map { "\($0.reference)|\($0.line)|\($0.siteItem.item)|\($0.quantity)" })
        #expect(!stored.isEmpty)
        #expect(stored == ordered)
        #expect(ownLines == ordered)
        #expect(requisitions.allSatisfy { $0.status != .pendingApproval })
    }

    @Test("Policies that order from a supplier on the same day get the same delivery day")
    func sameLeadTimes() throws {
        let run = try SmallLoop.run.get()
        var arrivals: [String: Set<LocalDate>] = [:]
        for policy in run.outcome.policies {
            for line in policy.lines {
                arrivals["\(line.siteItem.site)|\(line.supplier)|\(line.placedDay)", default: []].insert(line.arrivalDay)
            }
        }
        #expect(arrivals.values.allSatisfy { $0.count == 1 })
        #expect(arrivals.count > run.outcome.policies[0].lines.count / 20)
    }

    @Test("The report's figures add up from the outcome")
    func reportAddsUp() throws {
        let run = try SmallLoop.run.get()
        for (report, policy) in zip(run.outcome.report.policies, run.outcome.policies) {
            let cases = run.outcome.cases.count
            #expect(report.cases == cases)
            #expect(report.shortCases == policy.shortCases.count)
            #expect(abs(report.caseServiceLevel - Double(cases - policy.shortCases.count) / Double(cases)) < 1e-12)
            #expect(report.orderLines == policy.lines.count)
            #expect(report.urgentLines == policy.lines.filter(\.urgent).count)
            #expect(report.unitsShort == policy.flows.values.reduce(0) { $0 + $1.loaned })
        }
        #expect(run.outcome.report.policies.map(\.policy) == ["supplycast", "par-levels", "amc"])
    }

    @Test("The same seed gives the same report twice")
    func deterministic() throws {
        let first = try SmallLoop.run.get()
        var options = first.options
        options.databasePath = nil
        options.keepEvents = false
        let again = try ClosedLoopSimulation(options: options).run()
        #expect(again.report == first.outcome.report)
        #expect(again.policies.map(\.lines) == first.outcome.policies.map(\.lines))
    }
}
