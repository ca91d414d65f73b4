import DemoNetwork
import Foundation
@testable import Interop
import SupplyDomain
import Testing

/// The canonical writer against the form the stored fingerprints were made with (Foundation's `JSONEncoder`,
/// sorted keys, slashes unescaped): byte for byte, or a re-sent event would stop being a duplicate.
@Suite struct CanonicalFormTests {
    @Test("the demo network holds every event type but the feed-only ones, so the byte-identity proof below covers them")
    func demoCoversEveryType() {
        #expect(Set(CanonicalSamples.demoEvents.map(\.type)) == Set(EventType.allCases).subtracting(DemoNetwork.typesNotGenerated))
    }

    @Test("the shapes of the fuzzed-text proof hold every event type, the feed-only ones included")
    func shapesCoverEveryType() {
        let shapes = CanonicalSamples.everyShape(text: "x", number: 1, at: Timestamp(secondsSinceEpoch: 0))
        #expect(Set(shapes.map(\.type)) == Set(EventType.allCases))
    }

    @Test("every event of a demo network is written byte for byte as Foundation's encoder wrote it")
    func demoNetwork() throws {
        let events = CanonicalSamples.demoEvents
        let different = try events.filter { try EventFingerprint(of: $0).canonical != CanonicalSamples.foundationForm(of: $0) }
        #expect(events.count > 10_000)
        #expect(different.map(\.id) == [])
    }

    @Test("fuzzed text in every field (escapes, controls, quotes, slashes, BMP, astral, combining, NFC and NFD) is written as Foundation writes it")
    func fuzzedText() throws {
        var random = SeededGenerator(seed: 10)
        var different: [String] = []
        for round in 0..<400 {
            let text = CanonicalSamples.awkwardString(&random)
            let at = Timestamp(secondsSinceEpoch: Double(round) * 3_600, utcOffsetSeconds: 3_600)
            for event in CanonicalSamples.everyShape(text: text, number: 1, at: at)
            where try EventFingerprint(of: event).canonical != CanonicalSamples.foundationForm(of: event) {
                different.append("\(event.type.rawValue) \(text.unicodeScalars.map { String($0.value, radix: 16) })")
            }
        }
        #expect(different == [])
    }

    @Test("every character below U+0080 and the awkward ones above are written as Foundation writes them, one by one")
    func everyCharacter() throws {
        let characters = (0..<0x80).map { String(UnicodeScalar(UInt8($0))) } + CanonicalSamples.awkwardCharacters
        let at = Timestamp(secondsSinceEpoch: 0)
        let different = try characters.filter { character in
            let event = SupplyEvent(id: character, source: "s", occurredAt: at, site: "S",
                body: .stockCount(StockCount(item: character, quantity: 1)))
            return try EventFingerprint(of: event).canonical != CanonicalSamples.foundationForm(of: event)
        }
        #expect(different == [])
    }

    @Test("fuzzed numbers (-0, 1e-7, 1e21, 2^53 and neighbours, extremes, 0.1+0.2, random bit patterns) are written as Foundation writes them")
    func fuzzedNumbers() throws {
        var random = SeededGenerator(seed: 11)
        let numbers = CanonicalSamples.awkwardNumbers + (0..<3_000).map { _ in CanonicalSamples.awkwardNumber(&random) }
        let at = Timestamp(secondsSinceEpoch: 1_800_000_000)
        var different: [Double] = []
        for number in numbers {
            for event in CanonicalSamples.everyShape(text: "X", number: number, at: at).suffix(4)
            where try EventFingerprint(of: event).canonical != CanonicalSamples.foundationForm(of: event) {
                different.append(number)
            }
        }
        #expect(different == [])
    }

    @Test("fuzzed times (1900 to 2200, fractions, every offset) are written as Foundation writes them")
    func fuzzedTimes() throws {
        var random = SeededGenerator(seed: 12)
        var different: [String] = []
        for _ in 0..<1_000 {
            let at = CanonicalSamples.awkwardTimestamp(&random)
            for event in CanonicalSamples.everyShape(text: "X", number: 1, at: at).prefix(5)
            where try EventFingerprint(of: event).canonical != CanonicalSamples.foundationForm(of: event) {
                different.append("\(at.secondsSinceEpoch) \(at.utcOffsetSeconds)")
            }
        }
        #expect(different == [])
    }

    @Test("times and days from year -9999 to 9999, any fraction and offset, are written as the domain's descriptions write them")
    func timesAsDescribed() throws {
        var random = SeededGenerator(seed: 13)
        var different: [String] = []
        for _ in 0..<20_000 {
            let seconds = Double.random(in: -377_705_116_800...253_402_300_799, using: &random)
            let whole = Bool.random(using: &random) ? seconds.rounded(.down) : seconds
            let at = Timestamp(secondsSinceEpoch: whole, utcOffsetSeconds: Int.random(in: -86_399...86_399, using: &random))
            let event = SupplyEvent(id: "i", source: "s", occurredAt: at, site: "S",
                body: .usage(Usage(item: "A", quantity: 1, expiry: at.localDate)))
            let canonical = String(decoding: try EventFingerprint(of: event).canonical, as: UTF8.self)
            let expected = "\"expiry\":\"\(at.localDate.description)\""
            if !canonical.contains("\"occurredAt\":\"\(at.description)\"") || !canonical.contains(expected) {
                different.append("\(at.secondsSinceEpoch) \(at.utcOffsetSeconds): \(canonical)")
            }
        }
        #expect(different == [])
    }

    @Test("a number JSON cannot carry is refused, as Foundation's encoder refused it", arguments: [
        Double.nan, .infinity, -.infinity,
    ])
    func nonFinite(number: Double) {
        let event = CanonicalSamples.everyShape(text: "X", number: number, at: Timestamp(secondsSinceEpoch: 0))[12]
        #expect(throws: (any Error).self) { try EventFingerprint(of: event) }
        #expect(throws: (any Error).self) { try CanonicalSamples.foundationForm(of: event) }
    }

    @Test("the payload keys the decoder accepts per type are exactly those Foundation writes for a full payload")
    func payloadSchema() throws {
        let events = CanonicalSamples.everyShape(text: "X", number: 1, at: Timestamp(secondsSinceEpoch: 0))
        for event in events {
            let object = try JSONSerialization.jsonObject(with: CanonicalSamples.foundationForm(of: event)) as? [String: Any]
            let payload = try #require(object?["payload"] as? [String: Any])
            let written = payload.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            #expect(PayloadField.fields(of: event.type).map(\.rawValue) == written, "\(event.type)")
        }
    }
}
