import DemoNetwork
import SupplyDomain
import Testing

/// Finding 9: the demo's own replenishment keeps a well-run hospital's baseline, with occasional real trouble.
@Suite struct HealthyBaselineTests {
    /// Deliveries that are not the opening fill, and those that came outside the 07:00–08:00 round: emergencies.
    static func deliveries(_ events: [SupplyEvent]) -> (all: Int, emergencies: Int) {
        var all = 0
        var emergencies = 0
        for event in events {
            guard case .receipt(let receipt) = event.body, !receipt.po.contains("OPEN"), receipt.poLine == "1" else { continue }
            let local = Int(event.occurredAt.secondsSinceEpoch) + event.occurredAt.utcOffsetSeconds
            let second = ((local % 86_400) + 86_400) % 86_400
            all += 1
            if second < 25_200 || second >= 28_800 { emergencies += 1 }
        }
        return (all, emergencies)
    }

    @Test("Emergency deliveries are rare: under one in fifty deliveries")
    func emergenciesAreRare() {
        let counts = Self.deliveries(small.events)
        #expect(counts.all > 0)
        #expect(Double(counts.emergencies) < Double(counts.all) * 0.02, "\(counts.emergencies) of \(counts.all)")
    }

    @Test("At the end of history the shelves hold the card needs of the cases booked up to the next two weekdays")
    func bookedCasesCovered() {
        let end = smallParameters.endDate
        // The end of history is a Friday: two weekend days, then two weekdays of lists.
        #expect(end.isoWeekday == 5)
        // Stock per site × item at the end, counted from the events (a count resets its lot).
        var stock: [String: Double] = [:]
        var cases: [String: (procedure: String, surgeon: String, day: LocalDate, live: Bool)] = [:]
        for event in small.events {
            switch event.body {
            case .receipt(let receipt):
                stock["\(event.site)|\(receipt.item ?? "")|\(receipt.location ?? "")|\(receipt.lot ?? "")|\(receipt.serial ?? "")", default: 0] += receipt.quantity
            case .usage(let usage):
                stock["\(event.site)|\(usage.item ?? "")|\(usage.location ?? "")|\(usage.lot ?? "")|\(usage.serial ?? "")", default: 0] -= usage.quantity
            case .stockCount(let count):
                let prefix = "\(event.site)|\(count.item ?? "")|\(count.location ?? "")|"
                if let lot = count.lot {
                    stock[prefix + lot + "|"] = count.quantity
                } else {
                    for key in stock.keys where key.hasPrefix(prefix) { stock[key] = 0 }
                    stock[prefix + "|"] = count.quantity
                }
            case .surgicalCase(let change):
                let key = event.site + "|" + change.caseId
                switch change.kind {
                case .scheduled:
                    cases[key] = (change.procedure ?? "", change.surgeon ?? "", change.scheduledFor?.localDate ?? end, true)
                case .rescheduled:
                    if let day = change.scheduledFor?.localDate { cases[key]?.day = day }
                default:
                    cases[key]?.live = false
                }
            default:
                break
            }
        }
        var onHand: [String: Double] = [:]
        for (key, quantity) in stock {
            let parts = key.split(separator: "|", omittingEmptySubsequences: false)
            onHand["\(parts[0])|\(parts[1])", default: 0] += quantity
        }
        var needed: [String: Double] = [:]
        for (key, booked) in cases where booked.live && booked.day > end && booked.day <= end.advanced(by: 4) {
            let site = key.split(separator: "|")[0]
            let surgeonCard = small.preferenceCards.filter { $0.procedure == booked.procedure && $0.surgeon == booked.surgeon }
            let card = surgeonCard.isEmpty
                ? small.preferenceCards.filter { $0.procedure == booked.procedure && $0.surgeon.isEmpty } : surgeonCard
            for line in card { needed["\(site)|\(line.item)", default: 0] += line.quantity }
        }
        let short = needed.filter { onHand[$0.key, default: 0] < $0.value }
        #expect(!needed.isEmpty)
        #expect(short.isEmpty, "short: \(short.sorted { $0.key < $1.key }.prefix(5))")
    }

    @Test("A supplier disruption delays orders placed in it by its extra days, and only those")
    func disruptionsDelay() throws {
        let stream = DemoNetwork.demandStream(smallParameters)
        let disruption = try #require(stream.supplierModel.disruptions.first)
        let model = stream.supplierModel
        let inside = model.leadTimeDays(site: "NORTH", supplier: disruption.supplier, leadTime: 4, standardDeviation: 0,
                                        orderedOn: disruption.from)
        let before = model.leadTimeDays(site: "NORTH", supplier: disruption.supplier, leadTime: 4, standardDeviation: 0,
                                        orderedOn: disruption.from.advanced(by: -1))
        #expect(inside == 4 + disruption.extraDays)
        #expect(before == 4)
    }

    @Test("Lead times vary with the supplier's spread, and the same order on the same day gets the same one")
    func keyedLeadTimes() {
        let model = DemoNetwork.demandStream(smallParameters).supplierModel
        let day = LocalDate(year: 2027, month: 6, day: 1)
        let draws = (0..<200).map {
            model.leadTimeDays(site: "EAST", supplier: "S03", leadTime: 4, standardDeviation: 1, orderedOn: day.advanced(by: $0))
        }
        let again = (0..<200).map {
            model.leadTimeDays(site: "EAST", supplier: "S03", leadTime: 4, standardDeviation: 1, orderedOn: day.advanced(by: $0))
        }
        let mean = Double(draws.reduce(0, +)) / Double(draws.count)
        #expect(draws == again)
        #expect(Set(draws).count >= 3)
        #expect(abs(mean - 4) < 0.5, "mean \(mean)")
    }

    @Test("A case surge fills its site's lists with more cases of its procedure")
    func surgeBringsCases() throws {
        var parameters = smallParameters
        parameters.historyDays = 240
        let stream = DemoNetwork.demandStream(parameters)
        let surge = try #require(stream.surges.first { $0.from >= parameters.startDate.advanced(by: 28) })
        func cases(from: LocalDate, through: LocalDate) -> Int {
            stream.scheduleEvents.filter {
                guard $0.site == surge.site, case .surgicalCase(let change) = $0.body, change.kind == .scheduled,
                    change.procedure == surge.procedure, let day = change.scheduledFor?.localDate else { return false }
                return day >= from && day <= through
            }.count
        }
        let during = cases(from: surge.from, through: surge.through)
        let fortnightBefore = cases(from: surge.from.advanced(by: -28), through: surge.from.advanced(by: -15))
        #expect(during > fortnightBefore * 2, "\(during) during, \(fortnightBefore) a fortnight before")
    }

    @Test("Now and then a lot comes short-dated; no unit is used after its lot's expiry")
    func shortDatedLots() {
        var expiry: [String: LocalDate] = [:]
        var shortDated = 0
        var usedAfterExpiry = 0
        for event in small.events {
            switch event.body {
            case .receipt(let receipt):
                guard let lot = receipt.lot, let date = receipt.expiry else { continue }
                expiry[(receipt.item ?? "") + "|" + lot] = date
                if event.occurredAt.localDate.distance(to: date) <= 45 { shortDated += 1 }
            case .usage(let usage):
                guard let lot = usage.lot, let date = expiry[(usage.item ?? "") + "|" + lot] else { continue }
                if event.occurredAt.localDate > date { usedAfterExpiry += 1 }
            default:
                break
            }
        }
        #expect(shortDated > 0)
        #expect(usedAfterExpiry == 0)
    }
}
