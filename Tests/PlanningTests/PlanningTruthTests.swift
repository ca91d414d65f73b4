import Foundation
import Interop
import Planning
import Store
import SupplyCastTesting
import SupplyDomain
import Testing

/// Demand per item that a test states by hand: `quantilePerDay × days` and `meanPerDay`.
struct ItemDemand: PlanningRunDemand {
    var perItem: [String: (quantilePerDay: Double, meanPerDay: Double)]
    var itemIds: [String] { perItem.keys.sorted() }

    func leadTimeDemand(item: String, days: Int, level: Double) -> Double {
        (perItem[item]?.quantilePerDay ?? 0) * Double(days)
    }

    func dailyMean(item: String) -> [Double] {
        Array(repeating: perItem[item]?.meanPerDay ?? 0, count: 60)
    }
}

/// What a planner reads after a run, checked against what the data says.
@Suite struct PlanningTruthTests {
    static func run(_ store: SupplyStore, _ demand: any PlanningRunDemand, asOf: LocalDate = PlanningFixture.asOf,
                    threshold: Double = 5000) throws -> PlanningRunRecord {
        try PlanningRun(store: store, settings: PlanningRunSettings(approvalThreshold: threshold)) { _, _ in demand }
            .run(site: "NORTH", asOf: asOf, trigger: "test", actor: "t")
    }

    static func importPolicies(_ store: SupplyStore, _ csv: String) throws {
        let data = Data(csv.utf8)
        let records = try MasterDataDecoder().decode(data, kind: .policies, file: "policies.csv")
        _ = try store.importMasterData([("policies.csv", records, data)])
    }

    /// Everything a run can change that someone outside would notice.
    static func footprint(_ store: SupplyStore) throws -> [String] {
        let requisitions = try store.requisitions().map { "\($0.id) \($0.status.rawValue) \($0.lines.count)" }
        let outbox = try store.outboxMessages(channel: nil, limit: 10_000).map { "\($0.channel) \($0.messageId)" }
        let alerts = try store.alerts(includeResolved: true, limit: 10_000)
            .map { "\($0.kind.rawValue) \($0.subject) \($0.state.rawValue) \($0.severity.rawValue) r\($0.revision)" }
        return (requisitions + outbox + alerts).sorted()
    }

    @Test("a need above the maximum per order is covered by several deliveries, and a second run orders nothing")
    func maximumCoveredInOneRun() throws {
        let test = try PlanningFixture.store()
        try Self.importPolicies(test.store, """
            site,item,serviceLevel,reviewPeriodDays,leadTimeDays,leadTimeStdDevDays,minimumOrderQuantity,maximumQuantity
            ,HIP-STEM,0.99,1,10,0,1,6
            """)
        let demand = ItemDemand(perItem: ["HIP-STEM": (1.2, 0.8), "GLOVE-M": (2, 1.5)])
        let first = try Self.run(test.store, demand, threshold: 100_000)
        let stems = try #require(try test.store.requisitions().first { $0.supplier == "ORTHO" })
        // Cover 11 days: 1 booked (C1) + 0.8 × 11 − 0.8 (C1's day is all booked) = 8 not yet booked; quantile 13.2
        // − mean 8.8 = 4.4 safety: ROP ⌈13.4⌉ = 14; order-up-to ⌈14 + 1⌉ = 15; nothing on hand → 15 in 6 + 6 + 3.
        #expect(stems.lines.map(\.quantity) == [6, 6, 3])
        #expect(stems.lines.allSatisfy { $0.reason.reorderPoint == 14 })
        let before = try Self.footprint(test.store)
        let second = try Self.run(test.store, demand, threshold: 100_000)
        #expect(first.requisitionsRaised == 2)
        #expect(second.requisitionsRaised == 0)
        #expect(second.alertsRaised == 0)
        #expect(second.alertsResolved == 0)
        #expect(try Self.footprint(test.store) == before)
    }

    @Test("approval looks at what is already open for the site and item, so a need cannot pass in small pieces")
    func approvalSeesOpenOrders() throws {
        let test = try TemporaryStore().withStandardMasterData()
        try test.append(ndjson: [EventLine.caseEvent(id: "c1", "scheduled", caseId: "C1", at: "2026-11-02T09:00:00+01:00",
                                                     scheduledFor: "2026-11-10T08:00:00+01:00")])
        // First night: only C1's stem is known; ROP 1, order-up-to 2: 2 × 1,200 = 2,400 within 3,000, approved.
        _ = try Self.run(test.store, ItemDemand(perItem: ["HIP-STEM": (0, 0)]), threshold: 3000)
        let first = try #require(try test.store.requisitions().first { $0.supplier == "ORTHO" })
        #expect(first.lines.map(\.quantity) == [2])
        #expect(first.status == .approved)
        // Second night the forecast rises a little: one more stem (1,200 alone) would make 3,600 open for
        // NORTH × HIP-STEM, above the threshold, so it waits for a planner.
        _ = try Self.run(test.store, ItemDemand(perItem: ["HIP-STEM": (0.09, 0.05)]), threshold: 3000)
        let second = try #require(try test.store.requisitions().first { $0.supplier == "ORTHO" && $0.id != first.id })
        #expect(second.lines.map(\.quantity) == [1])
        #expect(second.status == .pendingApproval)
        let note = try test.store.requisition(id: second.id).1.first?.note ?? ""
        #expect(note.contains("HIP-STEM would have 3600.00 open at NORTH"))
    }

    @Test("a requisition approved days after its run arrives that many days later than the run expected")
    func approvalMovesArrival() throws {
        let test = try TemporaryStore().withStandardMasterData()
        try test.append(ndjson: [EventLine.caseEvent(id: "c1", "scheduled", caseId: "C1", at: "2026-11-02T09:00:00+01:00",
                                                     scheduledFor: "2026-11-10T08:00:00+01:00")])
        _ = try Self.run(test.store, ItemDemand(perItem: ["HIP-STEM": (0, 0)]), threshold: 0)
        let waiting = try #require(try test.store.requisitions().first { $0.supplier == "ORTHO" })
        let planned = try #require(waiting.lines.first?.expectedArrival)
        // Approved on the morning two days after the planning day.
        let approval = PlanningFixture.asOf.advanced(by: 2)
        try test.store.approveRequisition(id: waiting.id, actor: "planner",
                                          now: Timestamp(secondsSinceEpoch: Double(approval.dayNumber) * 86_400 + 8 * 3_600).date)
        let approved = try #require(try test.store.requisitions().first { $0.id == waiting.id })
        #expect(approved.lines.first?.expectedArrival == planned.advanced(by: 2))
        let open = try test.store.inventory(site: "NORTH", item: "HIP-STEM", asOf: approval)
        #expect(open.first?.onOrder == approved.lines.first?.quantity)
    }

    @Test("a shortage an open requisition covers in time raises no alert; a booked case short is critical")
    func shortageCoveredInTime() throws {
        let test = try PlanningFixture.store()
        let demand = ItemDemand(perItem: ["GLOVE-M": (2, 1.5), "HIP-STEM": (0, 0)])
        // On 5 Nov gloves are ordered (lead time 3: expected 8 Nov); on 8 Nov that delivery covers C1 and the wards.
        _ = try Self.run(test.store, demand, asOf: LocalDate(iso: "2026-11-05")!)
        _ = try Self.run(test.store, demand)
        let shortages = try test.store.alerts(kind: .shortageProjected)
        #expect(!shortages.contains { $0.subject == "NORTH/GLOVE-M" })
        // No stem on hand and none can arrive before C1 on 10 Nov (lead time 10): the case will lack it.
        let stem = try #require(shortages.first { $0.subject == "NORTH/HIP-STEM" })
        #expect(stem.severity == .critical)
        let risk = try #require(try test.store.alerts(kind: .caseAtRisk).first)
        #expect(risk.subject == "NORTH/C1")
        #expect(risk.severity == .critical)
    }

    @Test("a short case beyond every item's cover window is not at risk yet: the coming nights order for it")
    func caseBeyondCoverIsNotAtRisk() throws {
        let test = try PlanningFixture.store()
        // C2, C3 and C4 on 20 Nov are 12 days out: beyond the gloves' 4-day and the stem's 11-day cover. Tonight's
        // two stems (C1's need + one review day) can serve two of them; the third is for the coming nights.
        try test.append(ndjson: ["C2", "C3", "C4"].map {
            EventLine.caseEvent(id: $0.lowercased(), "scheduled", caseId: $0, at: "2026-11-03T09:00:00+01:00",
                                scheduledFor: "2026-11-20T08:00:00+01:00")
        })
        _ = try Self.run(test.store, ItemDemand(perItem: ["GLOVE-M": (2, 1.5), "HIP-STEM": (0, 0)]))
        #expect(try test.store.alerts(kind: .caseAtRisk).map(\.subject) == ["NORTH/C1"])
    }

    @Test("forecast (ward) demand running short inside the window is a warning, not critical")
    func wardShortageIsWarning() throws {
        let test = try PlanningFixture.store()
        _ = try Self.run(test.store, ItemDemand(perItem: ["GLOVE-M": (2, 1.5), "HIP-STEM": (0, 0)]))
        let gloves = try #require(try test.store.alerts(kind: .shortageProjected).first { $0.subject == "NORTH/GLOVE-M" })
        #expect(gloves.severity == .warning)
        let substance = try #require(try JSONSerialization.jsonObject(with: gloves.data) as? [String: Any])
        // 5 on hand, 1.5 on 9 Nov, C1's 4 on 10 Nov: 0.5 short on the 10th, before the order can land on the 11th.
        #expect(substance["stockoutDate"] as? String == "2026-11-10")
        #expect(substance["expectedArrival"] as? String == "2026-11-11")
    }

    @Test("the position in a line's reason is what inventory showed for the same day before the run")
    func reasonMatchesInventory() throws {
        let test = try PlanningFixture.store()
        let shown = try #require(try test.store.inventory(site: "NORTH", item: "GLOVE-M", asOf: PlanningFixture.asOf).first)
        _ = try Self.run(test.store, ItemDemand(perItem: ["GLOVE-M": (2, 1.5), "HIP-STEM": (0, 0)]))
        let line = try #require(try test.store.requisitions().first { $0.supplier == "MEDLINE" }?.lines.first)
        #expect(line.reason.position == shown)
        // After the run the line is on order.
        let after = try #require(try test.store.inventory(site: "NORTH", item: "GLOVE-M", asOf: PlanningFixture.asOf).first)
        #expect(after.onOrder == shown.onOrder + line.quantity)
        // C1 on 10 Nov holds 4 of the 5 gloves; as of 10 Nov (its day is history) it holds none.
        #expect(shown.reserved == 4)
        let onTheDay = try #require(try test.store.inventory(site: "NORTH", item: "GLOVE-M",
                                                             asOf: LocalDate(iso: "2026-11-10")!).first)
        #expect(onTheDay.reserved == 0)
    }

    @Test("for random policies, stock and bookings, a second run on unchanged data changes nothing",
          arguments: 0..<24)
    func secondRunChangesNothing(seed: Int) throws {
        var random = SplitMix(seed: UInt64(seed) &+ 0x5EED)
        let test = try TemporaryStore().withStandardMasterData()
        var policies = "site,item,serviceLevel,reviewPeriodDays,leadTimeDays,leadTimeStdDevDays,minimumOrderQuantity,maximumQuantity\n"
        for item in ["GLOVE-M", "SUTURE-3", "HIP-STEM"] {
            let level = [0.9, 0.95, 0.99][random.below(3)]
            let maximum = random.below(2) == 0 ? "" : String(1 + random.below(30))
            policies += ",\(item),\(level),\(1 + random.below(7)),\(1 + random.below(12)),\(random.below(3)),"
                + "\(random.below(40)),\(maximum)\n"
        }
        try Self.importPolicies(test.store, policies)
        var lines: [String] = []
        for (index, item) in ["GLOVE-M", "SUTURE-3", "HIP-STEM"].enumerated() where random.below(3) > 0 {
            lines.append(ReservationTests.receipt("r\(index)", item: item, quantity: Double(1 + random.below(60)),
                                                  lot: "L\(index)", expiry: "2027-06-30"))
        }
        for number in 0..<random.below(8) {
            lines.append(EventLine.caseEvent(
                id: "c\(number)", "scheduled", caseId: "C\(number)", at: "2026-11-02T09:00:00+01:00",
                scheduledFor: String(format: "2026-11-%02dT08:00:00+01:00", 9 + random.below(21))))
        }
        if !lines.isEmpty { try test.append(ndjson: lines) }
        var perItem: [String: (Double, Double)] = [:]
        for item in ["GLOVE-M", "SUTURE-3", "HIP-STEM"] {
            let mean = Double(random.below(40)) / 10
            perItem[item] = (mean * (1 + Double(random.below(10)) / 10), mean)
        }
        let demand = ItemDemand(perItem: perItem)
        let threshold = Double(500 + random.below(20_000))
        _ = try Self.run(test.store, demand, threshold: threshold)
        let before = try Self.footprint(test.store)
        let second = try Self.run(test.store, demand, threshold: threshold)
        #expect(second.requisitionsRaised == 0)
        #expect(second.alertsRaised == 0)
        #expect(second.alertsResolved == 0)
        #expect(try Self.footprint(test.store) == before)
    }
}

/// A small seeded generator for property tests.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
}
