import DemoNetwork
import SupplyDomain
import Testing

/// The demand stream is the generated network without its stock decisions: the same admissions and OR
/// schedule, and uses that the demo's replenishment turns into usage events one for one.
@Suite struct DemandStreamTests {
    let stream = DemoNetwork.demandStream(smallParameters)

    @Test("The stream's admission and case events are the dataset's")
    func scheduleEvents() {
        let schedule = small.events.filter {
            $0.type.rawValue.hasPrefix("admission.") || $0.type.rawValue.hasPrefix("case.")
        }
        #expect(stream.scheduleEvents == schedule)
    }

    @Test("Usage events of the dataset add up to the stream's demands per site, item and day")
    func usageMatchesDemands() {
        var recorded: [String: Double] = [:]
        for event in small.events {
            guard case .usage(let usage) = event.body else { continue }
            recorded["\(event.site)|\(usage.item ?? "")|\(event.occurredAt.localDate)", default: 0] += usage.quantity
        }
        var demanded: [String: Double] = [:]
        for demand in stream.demands(from: smallParameters.startDate, through: smallParameters.endDate) {
            demanded["\(demand.site)|\(demand.item)|\(demand.day)", default: 0] += Double(demand.quantity)
        }
        let differing = Set(recorded.keys).union(demanded.keys).filter { recorded[$0] != demanded[$0] }
        #expect(differing.isEmpty, "differ: \(differing.sorted().prefix(5))")
        #expect(!recorded.isEmpty)
    }

    @Test("Demands are in time order and lie in the asked window")
    func window() {
        let from = smallParameters.endDate.advanced(by: -9)
        let demands = stream.demands(from: from, through: smallParameters.endDate)
        #expect(demands.allSatisfy { $0.day >= from && $0.day <= smallParameters.endDate })
        #expect(zip(demands, demands.dropFirst()).allSatisfy {
            ($0.day.dayNumber, $0.secondOfDay) <= ($1.day.dayNumber, $1.secondOfDay)
        })
        #expect(!demands.isEmpty)
    }

    @Test("Theatre demands name their case; ward and pharmacy demands do not")
    func casesOnTheatreDemands() {
        for demand in stream.demands(from: smallParameters.startDate, through: smallParameters.endDate) {
            #expect((demand.caseId != nil) == (demand.location == "OR"))
        }
    }

    @Test("The closing stock and open orders of the replenishment equal receipts minus usage and counts")
    func closingStock() {
        let supply = DemoNetwork.replenishment(of: stream, through: smallParameters.endDate)
        // Counted independently from the events: receipts add, usage takes, a count resets the lot.
        var balance: [String: Double] = [:]
        for event in supply.events {
            switch event.body {
            case .receipt(let receipt):
                balance["\(event.site)|\(receipt.item ?? "")|\(receipt.location ?? "")|\(receipt.lot ?? "")|\(receipt.serial ?? "")", default: 0] += receipt.quantity
            case .usage(let usage):
                balance["\(event.site)|\(usage.item ?? "")|\(usage.location ?? "")|\(usage.lot ?? "")|\(usage.serial ?? "")", default: 0] -= usage.quantity
            case .stockCount(let count):
                let prefix = "\(event.site)|\(count.item ?? "")|\(count.location ?? "")|"
                if let lot = count.lot {
                    balance[prefix + lot + "|"] = count.quantity
                } else {
                    for key in balance.keys where key.hasPrefix(prefix) { balance[key] = 0 }
                    balance[prefix + "|"] = count.quantity
                }
            default:
                break
            }
        }
        var closing: [String: Double] = [:]
        for batch in supply.closingStock {
            closing["\(batch.site)|\(batch.item)|\(batch.location)|\(batch.lot ?? "")|\(batch.serial ?? "")", default: 0] += Double(batch.quantity)
        }
        let onShelf = balance.filter { $0.value != 0 }
        let differing = Set(closing.keys).union(onShelf.keys).filter { closing[$0] != onShelf[$0] }
        #expect(differing.isEmpty, "differ: \(differing.sorted().prefix(5))")
        #expect(!closing.isEmpty)
        #expect(supply.deliveriesInFlight.allSatisfy { $0.arrivalDay > smallParameters.endDate && $0.quantity > 0 })
    }
}
