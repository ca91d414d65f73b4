import DemoNetwork
import Foundation
import SupplyDomain

/// Events and fuzz material for the canonical-form and single-pass decoder tests.
enum CanonicalSamples {
    /// Every event of a small demo network (three sites, three weeks), generated once per test run.
    static let demoEvents: [SupplyEvent] = DemoNetwork.generate(
        DemoParameters(consumables: 60, implants: 12, pharmacyItems: 8, procedures: 8, historyDays: 21)
    ).events

    /// The bytes the fingerprints already stored were made from: Foundation's encoder as `EventFingerprint` used
    /// it before the canonical writer replaced it.
    static func foundationForm(of event: SupplyEvent) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(event)
    }

    /// The canonical NDJSON `supplycast demo` writes (one `foundationForm` per line).
    static func ndjson(_ events: [SupplyEvent]) throws -> Data {
        var data = Data()
        for event in events {
            data.append(try foundationForm(of: event))
            data.append(0x0A)
        }
        return data
    }

    /// One event of each type (seventeen), every optional field filled, with `text` in every text field and
    /// `number` in every number.
    static func everyShape(text: String, number: Double, at time: Timestamp) -> [SupplyEvent] {
        func event(_ body: EventBody) -> SupplyEvent {
            SupplyEvent(id: text, source: text, occurredAt: time, site: text, correlationId: text, body: body)
        }
        let day = time.localDate
        let admissions: [AdmissionChange.Kind] = [.admitted, .transferred, .discharged, .cancelled, .dischargeCancelled, .updated]
        let changes: [CaseChange.Kind] = [.scheduled, .rescheduled, .cancelled, .completed, .noShow, .modified]
        return admissions.map {
            event(.admission(AdmissionChange(kind: $0, encounter: text, patient: text, unit: text, toSite: text,
                patientClass: text)))
        } + changes.map {
            event(.surgicalCase(CaseChange(kind: $0, caseId: text, procedure: text, surgeon: text,
                scheduledFor: time, patient: text, reason: text)))
        } + [
            event(.usage(Usage(item: text, gtin: text, udi: text, quantity: number, lot: text, serial: text,
                expiry: day, location: text, caseId: text, encounter: text, patient: text))),
            event(.usage(Usage(kind: .reversed, item: text, gtin: text, udi: text, quantity: number, lot: text,
                serial: text, expiry: day, location: text, caseId: text, encounter: text, patient: text))),
            event(.receipt(Receipt(po: text, poLine: text, item: text, gtin: text, udi: text, quantity: number,
                lot: text, serial: text, expiry: day, unitPrice: number, supplier: text, location: text))),
            event(.invoice(InvoiceLine(supplier: text, invoice: text, line: text, po: text, poLine: text, item: text,
                gtin: text, lot: text, serial: text, quantity: number, unitPrice: number, currency: text))),
            event(.stockCount(StockCount(item: text, gtin: text, lot: text, serial: text, location: text,
                quantity: number))),
        ]
    }

    // MARK: - Fuzz material

    /// Characters that stress a JSON writer: every control character, the three JSON specials, DEL, the
    /// separators JavaScript dislikes, a BOM, BMP letters in both normal forms (é as one scalar and as e + U+0301),
    /// Hangul as a syllable and as jamo, combining marks, astral characters (emoji, a flag, ZWJ family, CJK
    /// extension B), the replacement character and NUL.
    static let awkwardCharacters: [String] = (0..<0x20).map { String(UnicodeScalar(UInt8($0))) } + [
        "\"", "\\", "/", "\u{7F}", "\u{2028}", "\u{2029}", "\u{FEFF}", "\u{FFFD}", "\u{FFFF}", "\u{80}", "\u{9F}",
        "é", "e\u{301}", "Å", "A\u{30A}", "\u{212B}", "한", "\u{1112}\u{1161}\u{11AB}", "q\u{323}\u{307}",
        "😀", "🇫🇷", "👨‍👩‍👧", "𠀀", "ß", "İ", "ǅ", "\u{0}", " ", "a", "Z", "0", "-", "{", "}", ":", ",", "[", "]",
    ]

    static func awkwardString(_ random: inout SeededGenerator) -> String {
        let length = Int.random(in: 0...12, using: &random)
        return (0..<length).map { _ in awkwardCharacters.randomElement(using: &random)! }.joined()
    }

    /// Numbers whose text is easy to get wrong, then random ones: decimals, integers around 2^53, and raw bit
    /// patterns across the whole exponent range.
    static let awkwardNumbers: [Double] = [
        0, -0.0, 1, -1, 2, 0.1, 0.2, 0.1 + 0.2, 1e-7, 1e-6, 1e-5, 0.0001, 1e15, 1e16, 1e17, 1e21, 1e22, 123_456.789,
        9_007_199_254_740_991, 9_007_199_254_740_992, 9_007_199_254_740_994, -9_007_199_254_740_992,
        18_446_744_073_709_551_616, 1_000_000, 999_999.999_999_999_9, .greatestFiniteMagnitude,
        -.greatestFiniteMagnitude, .leastNormalMagnitude, .leastNonzeroMagnitude, .pi, 1 / 3, 2.5e-5, 100, 1e100,
    ]

    static func awkwardNumber(_ random: inout SeededGenerator) -> Double {
        switch Int.random(in: 0..<4, using: &random) {
        case 0:
            return awkwardNumbers.randomElement(using: &random)!
        case 1:
            return Double(Int.random(in: -1_000_000...1_000_000, using: &random)) / 100
        case 2:
            return Double(Int64(1) << 53) + Double(Int.random(in: -64...64, using: &random))
        default:
            var number = Double(bitPattern: random.next())
            while !number.isFinite { number = Double(bitPattern: random.next()) }
            return number
        }
    }

    /// A time anywhere from 1900 to 2200, with or without a fraction of a second, in any whole-minute offset.
    static func awkwardTimestamp(_ random: inout SeededGenerator) -> Timestamp {
        let seconds = Double(Int.random(in: -2_208_988_800...7_258_118_400, using: &random))
        let fraction: Double = switch Int.random(in: 0..<4, using: &random) {
        case 0: 0
        case 1: Double(Int.random(in: 0..<1000, using: &random)) / 1000
        case 2: 0.9996
        default: Double.random(in: 0..<1, using: &random)
        }
        let offset = Int.random(in: -14 * 60...14 * 60, using: &random) * 60
        return Timestamp(secondsSinceEpoch: seconds + fraction, utcOffsetSeconds: offset)
    }
}
