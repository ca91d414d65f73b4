/// Which device a UDI names: a GS1 GTIN, or an HIBCC labeler code with the labeler's product number.
public enum DeviceIdentifier: Sendable, Hashable, CustomStringConvertible {
    /// GS1 Global Trade Item Number, 14 digits with a valid check digit.
    case gtin(String)
    /// HIBCC primary data: labeler identification code (LIC), product or catalog number, unit of measure (0 is
    /// the unit of use, 1–8 packaging levels above it, 9 a variable quantity).
    case hibc(labeler: String, product: String, unitOfMeasure: Int)

    public var description: String {
        switch self {
        case .gtin(let gtin): "GTIN \(gtin)"
        case .hibc(let labeler, let product, let unit): "HIBC \(labeler) \(product) U/M \(unit)"
        }
    }
}
