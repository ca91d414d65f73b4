import Interop
import SupplyDomain
import Testing

/// GS1 element strings: what the reader exposes, the century and day-00 rules, and the errors that name a position.
@Suite struct UDITests {
    static let today = LocalDate(year: 2026, month: 12, day: 2)
    static let gs = "\u{1D}"

    func parse(_ scan: String, today: LocalDate = today) throws -> UDI {
        try UDI.parse(scan, scannedOn: today)
    }

    func refusal(of scan: String) -> UDI.ParseFailure? {
        do {
            _ = try UDI.parse(scan, scannedOn: Self.today)
            return nil
        } catch {
            return error
        }
    }

    // MARK: - What a scan says

    @Test("the human-readable form with AIs in parentheses gives GTIN, expiry, lot and serial")
    func humanReadable() throws {
        let udi = try parse("(01)00614141999996(17)270630(10)LOT42(21)SN7")
        #expect(udi.gtin == "00614141999996")
        #expect(udi.device == .gtin("00614141999996"))
        #expect(udi.expiry == LocalDate(year: 2027, month: 6, day: 30))
        #expect(udi.lot == "LOT42")
        #expect(udi.serial == "SN7")
    }

    @Test("production date (11), expiry date and time (7003), count (30) and additional product id (240) are exposed")
    func moreIdentifiers() throws {
        let udi = try parse("(01)00614141999996(11)250115(7003)2706301430(30)12(240)REF-88/A")
        #expect(udi.productionDate == LocalDate(year: 2025, month: 1, day: 15))
        #expect(udi.expiry == LocalDate(year: 2027, month: 6, day: 30))
        #expect(udi.expiryTime == TimeOfDay(hour: 14, minute: 30))
        #expect(udi.quantity == 12)
        #expect(udi.additionalProductId == "REF-88/A")
    }

    @Test("the raw form reads the same behind any GS1 symbology identifier or a leading FNC1",
          arguments: ["", "]d2", "]C1", "]Q3", "\u{1D}"])
    func raw(prefix: String) throws {
        let scan = prefix + "0100614141999996" + "17270600" + "7003270630" + "0930" + Self.gs + "10A-77" + Self.gs
            + "21XYZ001" + Self.gs + "240R1"
        let udi = try parse(scan)
        #expect(udi.gtin == "00614141999996")
        #expect(udi.expiry == LocalDate(year: 2027, month: 6, day: 30))
        #expect(udi.expiryTime == TimeOfDay(hour: 9, minute: 30))
        #expect(udi.lot == "A-77")
        #expect(udi.serial == "XYZ001")
        #expect(udi.additionalProductId == "R1")
    }

    @Test("a lot-only implant has no serial, and an absent expiry stays absent")
    func partial() throws {
        let udi = try parse("(01)00614141999996(10)B12")
        #expect(udi.lot == "B12")
        #expect(udi.serial == nil)
        #expect(udi.expiry == nil)
    }

    // MARK: - Dates

    /// The GS1 century rule restated independently: of the three candidate years ending in `yy`, the one within
    /// 49 years before and 50 years after the current year.
    static func windowYear(_ yy: Int, around year: Int) -> Int {
        let candidates = [-100, 0, 100].map { (year / 100) * 100 + $0 + yy }
        return candidates.first { $0 >= year - 49 && $0 <= year + 50 }!
    }

    @Test("two-digit years fall in the window from 49 years before to 50 years after the scan day",
          arguments: [2026, 2049, 2051, 2075, 2099], [0, 25, 26, 49, 50, 75, 76, 77, 99])
    func century(year: Int, yy: Int) throws {
        let scannedOn = LocalDate(year: year, month: 6, day: 1)
        let twoDigits = yy < 10 ? "0\(yy)" : "\(yy)"
        let udi = try parse("(01)00614141999996(17)\(twoDigits)0315", today: scannedOn)
        #expect(udi.expiry == LocalDate(year: Self.windowYear(yy, around: year), month: 3, day: 15))
    }

    @Test("day 00 is the last day of the month, February of a leap year included",
          arguments: [("240200", 2024, 2, 29), ("250200", 2025, 2, 28), ("270400", 2027, 4, 30), ("271200", 2027, 12, 31)])
    func dayZero(value: String, year: Int, month: Int, day: Int) throws {
        let expiry = try parse("(01)00614141999996(17)\(value)").expiry
        let production = try parse("(01)00614141999996(11)\(value)").productionDate
        #expect(expiry == LocalDate(year: year, month: month, day: day))
        #expect(production == LocalDate(year: year, month: month, day: day))
    }

    // MARK: - Refusals that say where

    @Test("a GS separator dropped between lot and serial is refused at the serial's AI, not read as a long lot")
    func droppedSeparator() throws {
        // 16 characters of (01), then "10" at 17, "LOT42" at 19–23, and the swallowed "21" at 24.
        let failure = try #require(refusal(of: "0100614141999996" + "10LOT42" + "21SN7"))
        #expect(failure.kind == .separatorDropped)
        #expect(failure.position == 24)
        #expect(failure.reason.contains("(21)SN7"))
    }

    @Test("a dropped separator is caught even when the scanner sends other GS characters")
    func droppedSeparatorAmongOthers() throws {
        let failure = try #require(refusal(of: "]d20100614141999996" + "21SN7" + "17270630" + Self.gs + "10LOT"))
        #expect(failure.kind == .separatorDropped)
        #expect(failure.position == 25, "']d2' + (01) take 19 characters, '21SN7' ends at 24")
    }

    @Test("a variable field longer than its AI allows says the separator after it was lost")
    func overlongField() throws {
        let failure = try #require(refusal(of: "0100614141999996" + "10" + String(repeating: "L", count: 21)))
        #expect(failure.kind == .separatorDropped)
        #expect(failure.position == 17)
    }

    @Test("a lot that happens to contain '21' is kept when the scan has its serial elsewhere")
    func lotContainingAnAIStaysWhole() throws {
        let udi = try parse("0100614141999996" + "21SN7" + Self.gs + "10AB21C")
        #expect(udi.lot == "AB21C")
        #expect(udi.serial == "SN7")
    }

    @Test("the bracketed form is never ambiguous: a lot with AI-like digits is read whole")
    func bracketedLotIsWhole() throws {
        let udi = try parse("(01)00614141999996(10)LOT4221SN7")
        #expect(udi.lot == "LOT4221SN7")
        #expect(udi.serial == nil)
    }

    @Test("an unknown application identifier is refused at its position",
          arguments: [("0100614141999996" + "2399X", 17), ("(01)00614141999996(10)L(2399)X", 25), ("9A", 1)])
    func unknownAI(scan: String, position: Int) throws {
        let failure = try #require(refusal(of: scan))
        #expect(failure.kind == .unknownApplicationIdentifier)
        #expect(failure.position == position)
    }

    @Test("lot, serial, dates, count and additional id need the GTIN (01) in the same scan",
          arguments: ["(10)LOT42(21)SN7", "(17)270630", "(11)250101", "(30)5", "(240)X", "(7003)2706301200",
                      "21SN7" + "\u{1D}" + "10LOT"])
    func pairing(scan: String) throws {
        let failure = try #require(refusal(of: scan))
        #expect(failure.kind == .pairing)
        #expect(failure.position == 1)
    }

    @Test("(02) beside (01) is an invalid pair")
    func invalidPair() throws {
        let failure = try #require(refusal(of: "(01)00614141999996(02)00614141999996"))
        #expect(failure.kind == .pairing)
        #expect(failure.position == 19)
    }

    @Test("the same AI twice with different data is refused")
    func duplicate() throws {
        let failure = try #require(refusal(of: "(01)00614141999996(10)A(10)B"))
        #expect(failure.kind == .duplicate)
        #expect(failure.position == 24)
    }

    @Test("bad barcodes say what is wrong and where", arguments: [
        ("(01)00614141999997(10)L", UDI.ParseFailure.Kind.checkFailed, 18, "expected 6"),
        ("(01)0061414199(10)L", .invalidValue, 5, "needs 14 characters"),
        ("(01)00614141999996(17)271340", .invalidDate, 23, "not a YYMMDD date"),
        ("(01)00614141999996(17)270230", .invalidDate, 23, "not a YYMMDD date"),
        ("(01)00614141999996(7003)2706302400", .invalidDate, 25, "YYMMDDhhmm"),
        ("(01)00614141999996(30)1A", .invalidValue, 24, "digits only"),
        ("010061414199", .invalidValue, 3, "needs 14 characters"),
        ("]A0ABC", .syntax, 1, "symbology identifier"),
    ])
    func failures(scan: String, kind: UDI.ParseFailure.Kind, position: Int, reason: String) throws {
        let failure = try #require(refusal(of: scan))
        #expect(failure.kind == kind)
        #expect(failure.position == position)
        #expect(failure.reason.contains(reason), "\(failure)")
    }

    @Test("GS1 check digits for GTIN-8, -13 and -14")
    func checkDigits() {
        #expect(GTIN.hasValidCheckDigit("96385074"))
        #expect(GTIN.hasValidCheckDigit("4006381333931"))
        #expect(GTIN.hasValidCheckDigit("00614141999996"))
        #expect(!GTIN.hasValidCheckDigit("00614141999995"))
        #expect(!GTIN.hasValidCheckDigit("1234567"))
    }
}
