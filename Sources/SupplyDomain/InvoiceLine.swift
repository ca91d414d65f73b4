/// One line of a supplier's invoice, matched later against receipts and implant use.
public struct InvoiceLine: Sendable, Hashable, Codable {
    public var supplier: String
    public var invoice: String
    public var line: String
    public var po: String?
    public var poLine: String?
    public var item: String?
    public var gtin: String?
    public var lot: String?
    public var serial: String?
    public var quantity: Double
    public var unitPrice: Double
    public var currency: String?

    public init(
        supplier: String, invoice: String, line: String, po: String? = nil, poLine: String? = nil,
        item: String? = nil, gtin: String? = nil, lot: String? = nil, serial: String? = nil, quantity: Double,
        unitPrice: Double, currency: String? = nil
    ) {
        self.supplier = supplier
        self.invoice = invoice
        self.line = line
        self.po = po
        self.poLine = poLine
        self.item = item
        self.gtin = gtin
        self.lot = lot
        self.serial = serial
        self.quantity = quantity
        self.unitPrice = unitPrice
        self.currency = currency
    }
}
