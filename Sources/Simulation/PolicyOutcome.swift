import SupplyDomain

/// One policy's ledger at the end: what tests and what-ifs check the report against.
public struct PolicyOutcome: Sendable {
    public var policy: String
    /// Stock per site × item on the first morning, before anything arrived.
    public var openingStock: [SiteItem: Int]
    /// Stock per site × item at the end of the last day.
    public var closingStock: [SiteItem: Int]
    /// Received, used, loaned and written off per site × item.
    public var flows: [SiteItem: StockFlow]
    /// The policy's own order lines, in placing order.
    public var lines: [PlacedOrderLine]
    /// `site/case` → the day the case was short.
    public var shortCases: [String: LocalDate]
}
