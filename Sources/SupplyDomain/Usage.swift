/// Supplies or an implant used, on a ward or during a procedure.
///
/// The item is named by SupplyCast item code, by GTIN, or by the implant's scanned UDI (from which decoding
/// fills in GTIN, lot, serial and expiry).
public struct Usage: Sendable, Hashable, Codable {
    /// Whether the usage happened or an earlier one is taken back (a charge credited, HL7 DFT `CR`).
    public enum Kind: String, Sendable, Codable {
        case recorded
        /// The quantity goes back on the shelf and off the day's usage.
        case reversed
    }

    /// The payload's JSON carries no kind: the event's `type` says it.
    public var kind: Kind = .recorded
    public var item: String?
    public var gtin: String?
    /// The barcode as scanned (GS1 element string, e.g. `(01)00614141999996(17)270630(10)LOT42(21)SN7`).
    public var udi: String?
    public var quantity: Double
    public var lot: String?
    public var serial: String?
    public var expiry: LocalDate?
    /// Storage location it was taken from; the site's default location when absent.
    public var location: String?
    public var caseId: String?
    public var encounter: String?
    /// Patient reference; kept only for traceability and never shown without the trace role.
    public var patient: String?

    public init(
        kind: Kind = .recorded, item: String? = nil, gtin: String? = nil, udi: String? = nil, quantity: Double, lot: String? = nil,
        serial: String? = nil, expiry: LocalDate? = nil, location: String? = nil, caseId: String? = nil,
        encounter: String? = nil, patient: String? = nil
    ) {
        self.kind = kind
        self.item = item
        self.gtin = gtin
        self.udi = udi
        self.quantity = quantity
        self.lot = lot
        self.serial = serial
        self.expiry = expiry
        self.location = location
        self.caseId = caseId
        self.encounter = encounter
        self.patient = patient
    }

    enum CodingKeys: String, CodingKey {
        case item, gtin, udi, quantity, lot, serial, expiry, location
        case caseId = "case"
        case encounter, patient
    }
}
