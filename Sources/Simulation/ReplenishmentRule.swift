/// A rule hospitals run without SupplyCast: at each evening review it looks at one site × item's stock, what is
/// on order and what was used lately, and says how much to order.
public protocol ReplenishmentRule: Sendable {
    /// The name reports use (`par-levels`, `amc`).
    var name: String { get }
    /// Days of use the rule looks back on.
    var trailingDays: Int { get }
    /// Units to order now (zero for none), given usable stock on hand, open orders and the use of the last
    /// `trailingDays` days.
    func order(onHand: Int, onOrder: Int, trailingUse: Int, constraints: OrderConstraints) -> Int
}
