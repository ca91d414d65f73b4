/// A physical count of one item (and lot) in one location: it sets the balance as of `occurredAt`.
public struct StockCount: Sendable, Hashable, Codable {
    public var item: String?
    public var gtin: String?
    public var lot: String?
    public var serial: String?
    public var location: String?
    public var quantity: Double

    public init(
        item: String? = nil, gtin: String? = nil, lot: String? = nil, serial: String? = nil,
        location: String? = nil, quantity: Double
    ) {
        self.item = item
        self.gtin = gtin
        self.lot = lot
        self.serial = serial
        self.location = location
        self.quantity = quantity
    }
}
