import SupplyDomain

/// Builds the GS1 identifiers the demo items and implant barcodes carry.
enum GS1 {
    /// A 14-digit GTIN from 13 digits of body plus its mod-10 check digit.
    static func gtin(body: String) -> String {
        precondition(body.count == 13 && body.allSatisfy(\.isNumber), "a GTIN body has 13 digits")
        var sum = 0
        for (offset, character) in body.reversed().enumerated() {
            sum += (character.wholeNumberValue ?? 0) * (offset % 2 == 0 ? 3 : 1)
        }
        return body + String((10 - sum % 10) % 10)
    }

    /// The human-readable UDI element string `(01)gtin(17)YYMMDD(10)lot(21)serial`.
    static func udi(gtin: String, expiry: LocalDate, lot: String, serial: String) -> String {
        "(01)" + gtin + "(17)" + yymmdd(expiry) + "(10)" + lot + "(21)" + serial
    }

    /// A date as GS1 writes it: `YYMMDD`.
    static func yymmdd(_ date: LocalDate) -> String {
        let (year, month, day) = date.components
        return pad(year % 100, 2) + pad(month, 2) + pad(day, 2)
    }
}

/// Zero-padded decimal text, e.g. `pad(42, 6)` is `000042`.
@inline(__always)
func pad(_ value: Int, _ width: Int) -> String {
    let text = String(value)
    return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
}
