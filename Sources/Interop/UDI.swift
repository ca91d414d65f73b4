import SupplyDomain

/// What a medical device's Unique Device Identifier barcode says, as a scanner sends it: GS1 or HIBCC.
///
/// GS1: the human-readable form with AIs in parentheses (`(01)00614141999996(17)270630(10)LOT42(21)SN7`) or the
/// raw data where variable-length fields end at GS (ASCII 29, the FNC1 a scanner transmits), with or without a
/// symbology identifier (`]d2`, `]C1`, `]Q3`, `]e0`). HIBCC: primary, secondary or both joined by `/`, starting with
/// `+` and ending with the mod-43 check character. Two-digit years are resolved around `scannedOn`.
public struct UDI: Sendable, Hashable {
    /// The device: GTIN or HIBCC labeler + product; nil for an HIBCC secondary barcode scanned on its own (it
    /// belongs to the primary whose check character is its `hibcLink`).
    public var device: DeviceIdentifier?
    public var lot: String?
    public var serial: String?
    /// Expiry: GS1 AI 17 (or the date of 7003), HIBCC expiration date.
    public var expiry: LocalDate?
    /// The time of day the device expires at, when the label gives one (GS1 AI 7003, HIBCC `YYMMDDHH`).
    public var expiryTime: TimeOfDay?
    /// GS1 AI 11, HIBCC `/16D`.
    public var productionDate: LocalDate?
    /// GS1 AI 30 (variable count of items), HIBCC quantity (`$$8`, `$$9`).
    public var quantity: Int?
    /// GS1 AI 240, additional product identification assigned by the manufacturer.
    public var additionalProductId: String?
    /// HIBCC secondary data printed as its own barcode ends with the primary's check character, which links the
    /// two; nil otherwise.
    public var hibcLink: Character?

    public init(device: DeviceIdentifier?, lot: String? = nil, serial: String? = nil, expiry: LocalDate? = nil,
                expiryTime: TimeOfDay? = nil, productionDate: LocalDate? = nil, quantity: Int? = nil,
                additionalProductId: String? = nil, hibcLink: Character? = nil) {
        self.device = device
        self.lot = lot
        self.serial = serial
        self.expiry = expiry
        self.expiryTime = expiryTime
        self.productionDate = productionDate
        self.quantity = quantity
        self.additionalProductId = additionalProductId
        self.hibcLink = hibcLink
    }

    /// The GTIN when the device is named by GS1.
    public var gtin: String? {
        if case .gtin(let gtin) = device { return gtin }
        return nil
    }

    /// Reads a scan, GS1 or HIBCC. `scannedOn` is the day of the scan: GS1 and HIBCC print two-digit years,
    /// and the century is the one that puts the year within 49 years before or 50 after it.
    public static func parse(_ scan: String, scannedOn: LocalDate) throws(ParseFailure) -> UDI {
        let characters = Array(scan)
        var start = 0
        while start < characters.count, characters[start] == " " || characters[start] == "\t" { start += 1 }
        var end = characters.count
        while end > start, [" ", "\t", "\r", "\n"].contains(characters[end - 1]) { end -= 1 }
        var symbology: String?
        if end - start >= 3, characters[start] == "]" {
            symbology = String(characters[start + 1...start + 2])
            start += 3
        }
        guard start < end else {
            throw ParseFailure(udi: scan, kind: .syntax, position: nil, reason: "the scan is empty")
        }
        let data = characters[start..<end]
        if data.first == "+" {
            return try HIBCReader(scan: scan, characters: data, today: scannedOn).read()
        }
        if let symbology, !["d2", "C1", "Q3", "e0", "J1"].contains(symbology) {
            throw ParseFailure(udi: scan, kind: .syntax, position: 1,
                reason: "symbology identifier ]\(symbology) carries neither GS1 data nor HIBCC data (which starts with '+')")
        }
        return try GS1ElementStringReader(scan: scan, characters: data, today: scannedOn).read()
    }
}
