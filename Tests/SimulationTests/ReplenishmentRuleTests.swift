import Simulation
import Testing

/// The two rules hospitals run today, on examples worked by hand.
@Suite struct ReplenishmentRuleTests {
    // 90 days used 270 units: 3 a day. Par level 14 days = 42, order up to 28 days = 84.
    @Test("Par levels order nothing while on hand + on order is above two weeks of average use")
    func parAbovePar() {
        #expect(ParLevelRule().order(onHand: 40, onOrder: 3, trailingUse: 270, constraints: OrderConstraints()) == 0)
    }

    @Test("Par levels reorder at exactly two weeks of use, up to four weeks")
    func parAtPar() {
        // 30 on hand + 12 on order = 42 = par: order 84 − 42 = 42.
        #expect(ParLevelRule().order(onHand: 30, onOrder: 12, trailingUse: 270, constraints: OrderConstraints()) == 42)
    }

    @Test("Par levels round up to whole packs, respect the minimum order and the maximum")
    func parPacks() {
        // 84 − 20 = 64 units: packs of 10 → 70.
        #expect(ParLevelRule().order(onHand: 20, onOrder: 0, trailingUse: 270,
                                     constraints: OrderConstraints(packSize: 10)) == 70)
        // 84 − 40 = 44, minimum order 100 in packs of 50 → 100.
        #expect(ParLevelRule().order(onHand: 40, onOrder: 0, trailingUse: 270,
                                     constraints: OrderConstraints(packSize: 50, minimumOrderQuantity: 100)) == 100)
        // 84 − 0 = 84, at most 6 → 6.
        #expect(ParLevelRule().order(onHand: 0, onOrder: 0, trailingUse: 270,
                                     constraints: OrderConstraints(maximumQuantity: 6)) == 6)
    }

    @Test("Par levels order nothing for an item nobody used")
    func parUnused() {
        #expect(ParLevelRule().order(onHand: 0, onOrder: 0, trailingUse: 0, constraints: OrderConstraints(packSize: 10)) == 0)
    }

    // 90 days used 270 units: AMC 90 a month. Reorder below 90, order up to 270.
    @Test("AMC reorders only below one month of stock")
    func amcAtOneMonth() {
        #expect(MonthlyConsumptionRule().order(onHand: 60, onOrder: 30, trailingUse: 270, constraints: OrderConstraints()) == 0)
        // 89 < 90: order 270 − 89 = 181.
        #expect(MonthlyConsumptionRule().order(onHand: 59, onOrder: 30, trailingUse: 270, constraints: OrderConstraints()) == 181)
    }

    @Test("AMC orders up to three months in packs, capped at the maximum")
    func amcPacks() {
        // 270 − 10 = 260 in packs of 20 → 260; in packs of 50 → 300; at most 200 in packs of 50 → 200.
        #expect(MonthlyConsumptionRule().order(onHand: 10, onOrder: 0, trailingUse: 270,
                                               constraints: OrderConstraints(packSize: 20)) == 260)
        #expect(MonthlyConsumptionRule().order(onHand: 10, onOrder: 0, trailingUse: 270,
                                               constraints: OrderConstraints(packSize: 50)) == 300)
        #expect(MonthlyConsumptionRule().order(onHand: 10, onOrder: 0, trailingUse: 270,
                                               constraints: OrderConstraints(packSize: 50, maximumQuantity: 220)) == 200)
    }

    @Test("A maximum below one pack still lets one pack through")
    func maximumBelowPack() {
        #expect(OrderConstraints(packSize: 10, maximumQuantity: 4).quantity(for: 35) == 10)
    }
}
