import SupplyDomain

/// Units of one item received together and still on a shelf: one lot (one serial for implants) at one location.
public struct ShelfBatch: Sendable, Hashable {
    public var site: String
    public var item: String
    public var location: String
    public var lot: String?
    public var expiry: LocalDate?
    public var serial: String?
    public var quantity: Int

    public init(site: String, item: String, location: String, lot: String? = nil, expiry: LocalDate? = nil,
                serial: String? = nil, quantity: Int) {
        self.site = site
        self.item = item
        self.location = location
        self.lot = lot
        self.expiry = expiry
        self.serial = serial
        self.quantity = quantity
    }
}
