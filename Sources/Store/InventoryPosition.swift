/// What a site can count on for an item: usable on hand + on order − reserved − backorders.
public struct InventoryPosition: Sendable, Codable, Hashable {
    public var site: String
    public var item: String
    /// Everything on hand, expired and recalled lots included.
    public var onHand: Double
    /// On hand in lots neither expired nor recalled.
    public var usableOnHand: Double
    /// Open requisition quantities not yet received.
    public var onOrder: Double
    /// Held for cases from today on.
    public var reserved: Double
    /// Case needs no usable stock covers (shortfalls).
    public var backorders: Double

    public init(site: String, item: String, onHand: Double = 0, usableOnHand: Double = 0, onOrder: Double = 0,
                reserved: Double = 0, backorders: Double = 0) {
        self.site = site
        self.item = item
        self.onHand = onHand
        self.usableOnHand = usableOnHand
        self.onOrder = onOrder
        self.reserved = reserved
        self.backorders = backorders
    }

    public var position: Double { usableOnHand + onOrder - reserved - backorders }
}
