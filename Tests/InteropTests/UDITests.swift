import Interop
import SupplyDomain
import Testing

@Suite struct UDITests {
    @Test("the human-readable form with AIs in parentheses gives GTIN, expiry, lot and serial")
    func humanReadable() throws {
        let udi = try UDI.parse("(01)00614141999996(17)270630(10)LOT42(21)SN7")
        #expect(udi.gtin == "00614141999996")
        #expect(udi.expiry == LocalDate(year: 2027, month: 6, day: 30))
        #expect(udi.lot == "LOT42")
        #expect(udi.serial == "SN7")
    }

    @Test("the scanned form: symbology prefix, fixed-length AIs run on, variable ones end at GS")
    func scanned() throws {
        let gs = "\u{1D}"
        let udi = try UDI.parse("]d20100614141999996" + "17270600" + "10A-77" + gs + "21XYZ001")
        #expect(udi.gtin == "00614141999996")
        #expect(udi.expiry == LocalDate(year: 2027, month: 6, day: 30), "day 00 is the month's last day")
        #expect(udi.lot == "A-77")
        #expect(udi.serial == "XYZ001")
    }

    @Test("a lot-only implant has no serial, and an absent expiry stays absent")
    func partial() throws {
        let udi = try UDI.parse("(01)00614141999996(10)B12")
        #expect(udi.lot == "B12")
        #expect(udi.serial == nil)
        #expect(udi.expiry == nil)
    }

    @Test("bad barcodes say what is wrong", arguments: [
        ("(01)00614141999997(10)L", "wrong check digit"),
        ("(10)LOT42(21)SN7", "no GTIN"),
        ("(01)0061414199(10)L", "must be 14 digits"),
        ("(01)00614141999996(17)271340", "not a YYMMDD date"),
        ("+H123PROD1/$$LOT5", "HIBCC"),
        ("010061414199", "needs 14 characters"),
    ])
    func failures(text: String, reason: String) {
        #expect {
            try UDI.parse(text)
        } throws: { error in
            (error as? UDI.ParseFailure)?.reason.contains(reason) == true
        }
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
