import Planning
import Store
import SupplyDomain
import Testing

/// The reorder decision on hand-computed cases: demand counted once, stockouts projected day by day, every
/// constraint named, whole units.
@Suite struct ReorderPointTests {
    static let asOf = LocalDate(iso: "2026-11-20")!

    static func policy(lead: Double = 6, review: Double = 1, pack: Double = 1, moq: Double = 0, maximum: Double? = nil,
                       level: Double = 0.95) -> ReorderPointPolicy {
        ReorderPointPolicy(serviceLevel: level, leadTimeDays: lead, reviewPeriodDays: review, packSize: pack,
                           minimumOrderQuantity: moq, maximumQuantity: maximum)
    }

    static func position(usable: Double, onOrder: Double = 0) -> InventoryPosition {
        InventoryPosition(site: "NORTH", item: "CON-0004", onHand: usable, usableOnHand: usable, onOrder: onOrder)
    }

    @Test("booked cases and the forecast share the window: each unit of demand counts once")
    func bookedCountedOnce() {
        // Forecast 10 a day for 7 days (the 6-day lead time + 1-day review); 32 booked on day 3, which the forecast
        // already expects 10 of. Booked 32 + not yet booked 6 × 10 + max(0, 10 − 32) = 60; safety 80 − 70 = 10.
        let decision = ReorderPoint.decide(
            policy: Self.policy(), asOf: Self.asOf, position: Self.position(usable: 50),
            arrivals: [], caseNeeds: [.init(caseId: "C1", day: Self.asOf.advanced(by: 3), quantity: 32)],
            demandQuantile: 80, dailyMean: Array(repeating: 10, count: 28))
        #expect(decision.coverDays == 7)
        #expect(decision.reason.reservationsInWindow == 32)
        #expect(decision.reason.unbookedDemand == 60)
        #expect(decision.reason.safetyStock == 10)
        #expect(decision.reorderPoint == 102)
        // Before the fix the reorder point was the quantile plus the reservations: 80 + 32 = 112.
        #expect(decision.reorderPoint < 80 + 32)
    }

    @Test("demand and lead-time spread add as independent variances: z·√(σ²_demand + (d·σ_L)²), not as a sum")
    func leadTimeSpreadCombined() {
        // Lead time 10 ± 2.5 days, daily review, P95, 4 a day. The forecast's P95 over the 11-day window is 52,
        // so the demand's safety stock is 8; the lead time's is z(0.95) · 2.5 days · 4 a day.
        let policy = ReorderPointPolicy(serviceLevel: 0.95, leadTimeDays: 10, leadTimeStdDevDays: 2.5, reviewPeriodDays: 1)
        let decision = ReorderPoint.decide(
            policy: policy, asOf: Self.asOf, position: Self.position(usable: 20), arrivals: [], caseNeeds: [],
            demandQuantile: 52, dailyMean: Array(repeating: 4, count: 28))
        let z95 = 1.6448536269514722
        let expectedSafety = (8.0 * 8.0 + (z95 * 2.5 * 4) * (z95 * 2.5 * 4)).squareRoot()
        #expect(decision.coverDays == 11)
        #expect(abs(decision.reason.safetyStock! - expectedSafety) < 1e-3)
        #expect(decision.reorderPoint == (44 + expectedSafety).rounded(.up))
        // Held against both at once, the old sum: a window widened by z·σ_L days plus the demand's safety stock.
        #expect(decision.reorderPoint < 44 + 8 + z95 * 2.5 * 4)
        #expect(decision.reason.summary.contains("lead time of 10 ± 2.5 days"))
    }

    @Test("a stockout is the first day projected stock runs short, not a negative position from distant cases")
    func stockoutProjectedDayByDay() {
        // 114 on hand, 2 a day of ward use; a case on day 12 needs 120. Day 12 opens with 114 − 22 = 92 < 120.
        let decision = ReorderPoint.decide(
            policy: Self.policy(lead: 6), asOf: Self.asOf, position: Self.position(usable: 114),
            arrivals: [], caseNeeds: [.init(caseId: "C9", day: Self.asOf.advanced(by: 12), quantity: 120)],
            demandQuantile: 16, dailyMean: Array(repeating: 2, count: 28))
        #expect(decision.stockoutDay == Self.asOf.advanced(by: 12))
        #expect(decision.stockoutInDays == 12)
        #expect(!decision.urgent)
        #expect(decision.expectedArrival == LocalDate(iso: "2026-11-26")!)
    }

    @Test("an arrival before the stockout day moves the stockout; urgent only when it comes before the lead time")
    func arrivalsAndUrgency() {
        let base = ReorderPoint.decide(
            policy: Self.policy(lead: 6), asOf: Self.asOf, position: Self.position(usable: 6),
            arrivals: [], caseNeeds: [], demandQuantile: 20, dailyMean: Array(repeating: 2, count: 28))
        #expect(base.stockoutDay == Self.asOf.advanced(by: 4))
        #expect(base.urgent)
        #expect(base.deliveries.first?.needBy == Self.asOf.advanced(by: 4))
        let covered = ReorderPoint.decide(
            policy: Self.policy(lead: 6), asOf: Self.asOf, position: Self.position(usable: 6, onOrder: 10),
            arrivals: [.init(day: Self.asOf.advanced(by: 3), quantity: 10)], caseNeeds: [], demandQuantile: 20,
            dailyMean: Array(repeating: 2, count: 28))
        #expect(covered.stockoutDay == Self.asOf.advanced(by: 9))
        #expect(!covered.urgent)
    }

    @Test("a maximum per order splits the quantity into deliveries within it, and the reason says so")
    func maximumSplits() {
        // ROP 63 = 56 mean over 7 days + 7 safety; order-up-to 63 + 8 for the review day = 71; 16 on hand → 55.
        let decision = ReorderPoint.decide(
            policy: Self.policy(lead: 6, maximum: 6, level: 0.99), asOf: Self.asOf, position: Self.position(usable: 16),
            arrivals: [], caseNeeds: [], demandQuantile: 63, dailyMean: Array(repeating: 8, count: 28))
        #expect(decision.reorderPoint == 63)
        #expect(decision.orderUpTo == 71)
        #expect(decision.quantity == 55)
        #expect(decision.deliveries.map(\.quantity) == [6, 6, 6, 6, 6, 6, 6, 6, 6, 1])
        #expect(decision.deliveries.allSatisfy { $0.quantity <= 6 })
        #expect(decision.reason.summary.contains("at most 6 per order, so 10 deliveries"))
    }

    @Test("packs and the minimum order are named when they bind; numbers are whole units; one day is singular")
    func reasonNamesConstraints() {
        let decision = ReorderPoint.decide(
            policy: Self.policy(lead: 1, review: 1, pack: 10, moq: 50), asOf: Self.asOf,
            position: Self.position(usable: 3),
            arrivals: [], caseNeeds: [], demandQuantile: 6.3, dailyMean: Array(repeating: 2.2, count: 28))
        // ROP ⌈4.4 + 1.9⌉ = 7; order-up-to ⌈7 + max(2.2, 10)⌉ = 17; need 14 → 20 in packs → 50 by the MOQ.
        #expect(decision.reorderPoint == 7)
        #expect(decision.orderUpTo == 17)
        #expect(decision.quantity == 50)
        #expect(decision.reason.constraints == ["14 needed, rounded up to whole packs of 10", "raised to the minimum order of 50"])
        #expect(decision.reason.summary.contains("the 1-day lead time"))
        #expect(!decision.reason.summary.contains("1 days"))
        #expect(decision.reason.summary.contains("reorder point 7 ("))
        #expect(decision.reason.summary.contains("rounded up"))
    }
}
