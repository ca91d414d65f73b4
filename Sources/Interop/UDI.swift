import Foundation
import SupplyDomain

/// What an implant's Unique Device Identifier barcode says, decoded from its GS1 element string.
///
/// Accepts the human-readable form with application identifiers in parentheses
/// (`(01)00614141999996(17)270630(10)LOT42(21)SN7`) and the scanned form where variable-length fields end with
/// the GS (ASCII 29) separator, optionally behind a `]d2` / `]C1` symbology prefix.
public struct UDI: Sendable, Hashable {
    public var gtin: String
    public var lot: String?
    public var serial: String?
    public var expiry: LocalDate?

    /// Why a barcode could not be read.
    public struct ParseFailure: Error, Sendable, CustomStringConvertible {
        public var udi: String
        public var reason: String
        public var description: String { "UDI '\(udi)': \(reason)" }
    }

    private static let fixedLengths: [String: Int] = ["00": 18, "01": 14, "02": 14, "11": 6, "12": 6, "13": 6, "15": 6, "16": 6, "17": 6, "20": 2]

    public static func parse(_ text: String) throws(ParseFailure) -> UDI {
        var fields: [String: String] = [:]
        var rest = Substring(text.trimmingCharacters(in: [" ", "\t"]))
        for prefix in ["]d2", "]C1", "]Q3", "]e0"] where rest.hasPrefix(prefix) {
            rest = rest.dropFirst(prefix.count)
        }
        if rest.hasPrefix("+") {
            throw ParseFailure(udi: text, reason: "HIBCC barcodes are not supported yet; send the item code or GTIN")
        }
        if rest.hasPrefix("(") {
            while !rest.isEmpty {
                guard rest.first == "(", let close = rest.firstIndex(of: ")") else {
                    throw ParseFailure(udi: text, reason: "expected '(' application identifier ')' at '\(rest.prefix(12))'")
                }
                let ai = String(rest[rest.index(after: rest.startIndex)..<close])
                rest = rest[rest.index(after: close)...]
                let end = rest.firstIndex(of: "(") ?? rest.endIndex
                fields[ai] = String(rest[..<end])
                rest = rest[end...]
            }
        } else {
            while !rest.isEmpty {
                if rest.first == "\u{1D}" {
                    rest = rest.dropFirst()
                    continue
                }
                guard rest.count >= 2 else { throw ParseFailure(udi: text, reason: "truncated application identifier") }
                var ai = String(rest.prefix(2))
                if fixedLengths[ai] == nil, ["23", "24", "25", "31", "32", "33", "34", "35", "36", "41"].contains(ai) {
                    ai = String(rest.prefix(ai.hasPrefix("3") ? 4 : 3))
                }
                rest = rest.dropFirst(ai.count)
                if let length = fixedLengths[ai] {
                    guard rest.count >= length else {
                        throw ParseFailure(udi: text, reason: "AI (\(ai)) needs \(length) characters")
                    }
                    fields[ai] = String(rest.prefix(length))
                    rest = rest.dropFirst(length)
                } else {
                    let end = rest.firstIndex(of: "\u{1D}") ?? rest.endIndex
                    fields[ai] = String(rest[..<end])
                    rest = rest[end...]
                }
            }
        }
        guard let gtin = fields["01"] else {
            throw ParseFailure(udi: text, reason: "no GTIN, application identifier (01)")
        }
        guard gtin.count == 14, gtin.allSatisfy(\.isASCIIDigit) else {
            throw ParseFailure(udi: text, reason: "GTIN '\(gtin)' must be 14 digits")
        }
        guard GTIN.hasValidCheckDigit(gtin) else {
            throw ParseFailure(udi: text, reason: "GTIN '\(gtin)' has a wrong check digit")
        }
        var expiry: LocalDate?
        if let value = fields["17"] {
            guard let date = GTIN.date(fromYYMMDD: value) else {
                throw ParseFailure(udi: text, reason: "expiry (17) '\(value)' is not a YYMMDD date")
            }
            expiry = date
        }
        return UDI(gtin: gtin, lot: fields["10"], serial: fields["21"], expiry: expiry)
    }
}

/// GS1 helpers: check digits and the YYMMDD dates of application identifiers.
public enum GTIN {
    /// Whether the last digit is the GS1 mod-10 check digit of the others (GTIN-8/12/13/14).
    public static func hasValidCheckDigit(_ digits: String) -> Bool {
        let values = digits.compactMap(\.wholeNumberValue)
        guard values.count == digits.count, values.count >= 8, let check = values.last else { return false }
        var sum = 0
        for (offset, value) in values.dropLast().reversed().enumerated() {
            sum += value * (offset % 2 == 0 ? 3 : 1)
        }
        return (10 - sum % 10) % 10 == check
    }

    /// GS1 dates: YY within 49 years ahead / 50 behind is read as 20YY here; DD 00 means the month's last day.
    public static func date(fromYYMMDD text: String) -> LocalDate? {
        guard text.count == 6, let value = Int(text) else { return nil }
        let year = 2000 + value / 10_000
        let month = value / 100 % 100
        var day = value % 100
        guard (1...12).contains(month) else { return nil }
        if day == 0 { day = LocalDate.daysIn(month: month, year: year) }
        guard day <= LocalDate.daysIn(month: month, year: year) else { return nil }
        return LocalDate(year: year, month: month, day: day)
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
