/// Par levels, per item and site: reorder when on hand + on order is at most two weeks of the trailing-90-day
/// average daily use, and order up to four weeks of it (in packs, at least the minimum, at most the maximum).
public struct ParLevelRule: ReplenishmentRule {
    public var name: String { "par-levels" }
    public var trailingDays = 90
    /// The par level, in days of average use.
    public var reorderDays = 14.0
    /// The level an order fills up to, in days of average use.
    public var orderUpToDays = 28.0

    public init() {}

    public func order(onHand: Int, onOrder: Int, trailingUse: Int, constraints: OrderConstraints) -> Int {
        let daily = Double(trailingUse) / Double(trailingDays)
        let position = Double(onHand + onOrder)
        guard position <= reorderDays * daily else { return 0 }
        return constraints.quantity(for: orderUpToDays * daily - position)
    }
}
