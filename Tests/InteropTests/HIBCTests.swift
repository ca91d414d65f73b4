import Interop
import SupplyDomain
import Testing

/// HIBCC Supplier Labeling Standard data read against published worked examples, with the mod-43 check
/// character recomputed here independently.
@Suite struct HIBCTests {
    static let today = LocalDate(year: 2026, month: 12, day: 2)

    /// Mod 43 computed from the characters' code points (Code 39's value order: digits 0–9, letters 10–35, then
    /// `-`, `.`, space, `$`, `/`, `+`, `%`), rather than the reader's lookup table.
    static func mod43(_ data: String) -> Character {
        let specials: [Character: Int] = ["-": 36, ".": 37, " ": 38, "$": 39, "/": 40, "+": 41, "%": 42]
        var sum = 0
        for scalar in data.unicodeScalars {
            switch scalar.value {
            case 48...57: sum += Int(scalar.value) - 48
            case 65...90: sum += Int(scalar.value) - 55
            default: sum += specials[Character(scalar)]!
            }
        }
        let value = sum % 43
        if value < 10 { return Character(String(value)) }
        if value < 36 { return Character(UnicodeScalar(UInt8(55 + value))) }
        return specials.first { $0.value == value }!.key
    }

    func parse(_ scan: String) throws -> UDI {
        try UDI.parse(scan, scannedOn: Self.today)
    }

    func refusal(of scan: String) -> UDI.ParseFailure? {
        do {
            _ = try UDI.parse(scan, scannedOn: Self.today)
            return nil
        } catch {
            return error
        }
    }

    // MARK: - The mod-43 check character

    @Test("the independent mod-43 computation reproduces the check characters printed in the standard", arguments: [
        // ANSI/HIBC 2.6 Appendix B.2.0 and section 4.3.1, Figure 1 (as quoted in tecnickcom/tc-lib-barcode's
        // test/Linear/HibcOneTwoEightTest.php).
        ("+A123BJC5D6E71", "G"),
        // ANSI/HIBC 2.6 section 4.3.2, Figure 5 (same source).
        ("+$$52001510X3G", "D"),
        // ANSI/HIBC 2.6 section 2.2.1.1, concatenated primary and secondary (same source).
        ("+A99912345/$$52001510X3", "3"),
    ])
    func checkCharacters(data: String, check: String) {
        #expect(Self.mod43(data) == Character(check))
    }

    // MARK: - Published examples

    @Test("primary data: labeler, product and unit of measure (ANSI/HIBC 2.6 section 4.3.1, Figure 1)")
    func primary() throws {
        let udi = try parse("+A123BJC5D6E71G")
        #expect(udi.device == .hibc(labeler: "A123", product: "BJC5D6E7", unitOfMeasure: 1))
        #expect(udi.gtin == nil)
        #expect(udi.lot == nil)
    }

    @Test("secondary data on its own: Julian expiry, lot and the link to its primary (ANSI/HIBC 2.6 4.3.2, Figure 5)")
    func secondaryAlone() throws {
        let udi = try parse("+$$52001510X3GD")
        #expect(udi.device == nil)
        #expect(udi.expiry == LocalDate(year: 2020, month: 1, day: 1).advanced(by: 15 - 1))
        #expect(udi.lot == "10X3")
        #expect(udi.hibcLink == "G", "the check character of the primary in Figure 1")
    }

    @Test("primary and secondary in one symbol (ANSI/HIBC 2.6 section 2.2.1.1)")
    func concatenated() throws {
        let udi = try parse("+A99912345/$$52001510X33")
        #expect(udi.device == .hibc(labeler: "A999", product: "1234", unitOfMeasure: 5))
        #expect(udi.expiry == LocalDate(year: 2020, month: 1, day: 15))
        #expect(udi.lot == "10X3")
    }

    /// Supplier examples "from the documentation themselves", collected in brixion/bardecoder's
    /// tests/HbicLicSecondaryDataStructureTest.php; expected values restated from the standard's field rules.
    static let documented: [(scan: String, udi: UDI)] = [
        ("+A99912345/$$52001510X3/16D20111212/S77DEFG457",
         UDI(device: .hibc(labeler: "A999", product: "1234", unitOfMeasure: 5), lot: "10X3", serial: "77DEFG45",
             expiry: LocalDate(year: 2020, month: 1, day: 15), productionDate: LocalDate(year: 2011, month: 12, day: 12))),
        ("+A99912345/$10X3/16D20111231/14D202001313",
         UDI(device: .hibc(labeler: "A999", product: "1234", unitOfMeasure: 5), lot: "10X3",
             expiry: LocalDate(year: 2020, month: 1, day: 31), productionDate: LocalDate(year: 2011, month: 12, day: 31))),
        ("+A99912349/$10X3/16D20111231/14D20200131/Q500Z",
         UDI(device: .hibc(labeler: "A999", product: "1234", unitOfMeasure: 9), lot: "10X3",
             expiry: LocalDate(year: 2020, month: 1, day: 31), productionDate: LocalDate(year: 2011, month: 12, day: 31),
             quantity: 500)),
        ("+J123AQ3451/$$3231231BC34567/S4012R",
         UDI(device: .hibc(labeler: "J123", product: "AQ345", unitOfMeasure: 1), lot: "BC34567", serial: "4012",
             expiry: LocalDate(year: 2023, month: 12, day: 31))),
        // MMYY (flag 0/1): the month's last day.
        ("+EDMG2203430/$$0723244375H",
         UDI(device: .hibc(labeler: "EDMG", product: "220343", unitOfMeasure: 0), lot: "244375",
             expiry: LocalDate(year: 2023, month: 7, day: 31))),
        // Flag 7: no date, the lot follows.
        ("+D002659740V1/$$704978087T",
         UDI(device: .hibc(labeler: "D002", product: "659740V", unitOfMeasure: 1), lot: "04978087")),
        // Flag 9: a 5-digit quantity, then the date in its own format (2: MMDDYY), then the lot.
        ("+E2513079NL1/$$90001020331222021050425-1P",
         UDI(device: .hibc(labeler: "E251", product: "3079NL", unitOfMeasure: 1), lot: "2021050425-1",
             expiry: LocalDate(year: 2022, month: 3, day: 31), quantity: 10)),
        ("+E1652101109/$$9000063260831L01656I",
         UDI(device: .hibc(labeler: "E165", product: "210110", unitOfMeasure: 9), lot: "L01656",
             expiry: LocalDate(year: 2026, month: 8, day: 31), quantity: 6)),
        // Secondary alone with an MMYY date; its link character is '%'.
        ("+$$0624J139276%5",
         UDI(device: nil, lot: "J139276", expiry: LocalDate(year: 2024, month: 6, day: 30), hibcLink: "%")),
    ]

    @Test("documented supplier labels read field by field", arguments: documented.indices)
    func documentedLabel(index: Int) throws {
        let (scan, expected) = Self.documented[index]
        #expect(Self.mod43(String(scan.dropLast())) == scan.last, "the example carries a valid check character")
        let udi = try parse(scan)
        #expect(udi.device == expected.device)
        #expect(udi.lot == expected.lot)
        #expect(udi.serial == expected.serial)
        #expect(udi.expiry == expected.expiry)
        #expect(udi.productionDate == expected.productionDate)
        #expect(udi.quantity == expected.quantity)
        #expect(udi.hibcLink == expected.hibcLink)
    }

    // MARK: - Every date format

    @Test("each $$ date format flag, with lot or serial, reads the expiry it encodes", arguments: [
        ("$$1226LOT1", LocalDate(year: 2026, month: 12, day: 31), nil as TimeOfDay?),
        ("$$2123126LOT1", LocalDate(year: 2026, month: 12, day: 31), nil),
        ("$$3261231LOT1", LocalDate(year: 2026, month: 12, day: 31), nil),
        ("$$426123114LOT1", LocalDate(year: 2026, month: 12, day: 31), TimeOfDay(hour: 14, minute: 0)),
        ("$$526365LOT1", LocalDate(year: 2026, month: 12, day: 31), nil),
        ("$$62436614LOT1", LocalDate(year: 2024, month: 12, day: 31), TimeOfDay(hour: 14, minute: 0)),
        ("$$8121226LOT1", LocalDate(year: 2026, month: 12, day: 31), nil),
        ("26365LOT1", LocalDate(year: 2026, month: 12, day: 31), nil),
    ])
    func dateFormats(secondary: String, expiry: LocalDate, time: TimeOfDay?) throws {
        let data = "+H123PROD10/" + secondary
        let udi = try parse(data + String(Self.mod43(data)))
        #expect(udi.expiry == expiry)
        #expect(udi.expiryTime == time)
        #expect(udi.lot == "LOT1")
    }

    @Test("serial forms: $+ serial alone, $$+ date then serial", arguments: [
        ("$+SN123", nil as LocalDate?), ("$$+3270131SN123", LocalDate(year: 2027, month: 1, day: 31)),
    ])
    func serialForms(secondary: String, expiry: LocalDate?) throws {
        let data = "+H123PROD10/" + secondary
        let udi = try parse(data + String(Self.mod43(data)))
        #expect(udi.serial == "SN123")
        #expect(udi.lot == nil)
        #expect(udi.expiry == expiry)
    }

    @Test("quantity flag 8 carries two digits before the date")
    func quantityEight() throws {
        let data = "+H123PROD10/$$8053270131LOT9"
        let udi = try parse(data + String(Self.mod43(data)))
        #expect(udi.quantity == 5)
        #expect(udi.expiry == LocalDate(year: 2027, month: 1, day: 31))
        #expect(udi.lot == "LOT9")
    }

    @Test("HIBCC scans behind a symbology identifier read the same")
    func symbologyIdentifier() throws {
        let udi = try parse("]C0+A99912345/$$52001510X33")
        #expect(udi.lot == "10X3")
    }

    // MARK: - Refusals that say where

    @Test("a wrong check character is refused at its position, naming the right one")
    func wrongCheck() throws {
        // The example as quoted in issue 11: read as lot "10X" with check "3", the mod-43 sum gives '0'.
        let failure = try #require(refusal(of: "+A99912345/$$52001510X3"))
        #expect(failure.kind == .checkFailed)
        #expect(failure.position == 23)
        #expect(failure.reason.contains("'\(Self.mod43("+A99912345/$$52001510X"))'"))
    }

    @Test("malformed HIBCC data says what and where", arguments: [
        ("+1123BJC5D6E7", UDI.ParseFailure.Kind.invalidDate, 2),
        ("+A123BJC5D6EX", .invalidValue, 13),
        ("+A123P1/$$3271340L", .invalidDate, 12),
        ("+A123P1/$$1326L", .invalidDate, 11),
        ("+A123P1/X", .syntax, 9),
        ("+A123P1/$LOT/Z9", .syntax, 14),
        ("+/EO52320", .syntax, 2),
    ])
    func malformed(data: String, kind: UDI.ParseFailure.Kind, position: Int) throws {
        let failure = try #require(refusal(of: data + String(Self.mod43(data))))
        #expect(failure.kind == kind, "\(failure)")
        #expect(failure.position == position, "\(failure)")
    }
}
