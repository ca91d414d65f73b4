/// Average monthly consumption (AMC), the rule OpenBoxes and Open mSupply ship: AMC is the use of the last three
/// months divided by three; reorder when on hand + on order is below one month of it, and order up to three
/// months (in packs, at least the minimum, at most the maximum).
public struct MonthlyConsumptionRule: ReplenishmentRule {
    public var name: String { "amc" }
    /// Three months of thirty days.
    public var trailingDays = 90
    public var reorderMonths = 1.0
    public var orderUpToMonths = 3.0

    public init() {}

    public func order(onHand: Int, onOrder: Int, trailingUse: Int, constraints: OrderConstraints) -> Int {
        let monthly = Double(trailingUse) / (Double(trailingDays) / 30)
        let position = Double(onHand + onOrder)
        guard position < reorderMonths * monthly else { return 0 }
        return constraints.quantity(for: orderUpToMonths * monthly - position)
    }
}
