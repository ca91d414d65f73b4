import SupplyDomain

/// An order line a policy placed: what, how many, when it was placed and when the supplier delivers it.
public struct PlacedOrderLine: Sendable, Hashable {
    public var siteItem: SiteItem
    public var supplier: String
    /// The purchase order or requisition it belongs to, and its line there.
    public var reference: String
    public var line: Int
    public var quantity: Int
    public var placedDay: LocalDate
    public var arrivalDay: LocalDate
    /// SupplyCast's own priority; for the baselines, stock on hand was below the use expected before delivery.
    public var urgent: Bool
}
