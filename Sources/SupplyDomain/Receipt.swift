/// Goods received against a purchase order line, into a storage location.
public struct Receipt: Sendable, Hashable, Codable {
    public var po: String
    public var poLine: String?
    public var item: String?
    public var gtin: String?
    public var udi: String?
    public var quantity: Double
    public var lot: String?
    public var serial: String?
    public var expiry: LocalDate?
    public var unitPrice: Double?
    public var supplier: String?
    /// Where it was put away; the site's default location when absent.
    public var location: String?

    public init(
        po: String, poLine: String? = nil, item: String? = nil, gtin: String? = nil, udi: String? = nil,
        quantity: Double, lot: String? = nil, serial: String? = nil, expiry: LocalDate? = nil,
        unitPrice: Double? = nil, supplier: String? = nil, location: String? = nil
    ) {
        self.po = po
        self.poLine = poLine
        self.item = item
        self.gtin = gtin
        self.udi = udi
        self.quantity = quantity
        self.lot = lot
        self.serial = serial
        self.expiry = expiry
        self.unitPrice = unitPrice
        self.supplier = supplier
        self.location = location
    }
}
