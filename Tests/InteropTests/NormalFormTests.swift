import Foundation
import Interop
import SupplyCastTesting
import SupplyDomain
import Testing

/// Unicode normal forms: text is kept as the bytes the source sent (docs/events.md, "Text is kept as sent").
@Suite struct NormalFormTests {
    static let composed = "CAF\u{C9}-12"
    static let decomposed = "CAFE\u{301}-12"

    func decoded(item: String, readsInOnePass: Bool = true) throws -> (item: String, fingerprint: EventFingerprint) {
        let line = EventLine.usage(id: "u1", item: item)
        let result = try #require(EventDecoder(readsInOnePass: readsInOnePass)
            .decode(Data(line.utf8), format: .ndjson, origin: "feed.ndjson").first)
        guard case .event(let event, let fingerprint) = result.outcome, case .usage(let usage) = event.body,
            let item = usage.item
        else { throw EventProblem(.malformed, "not decoded: \(String(describing: result.problem))") }
        return (item, fingerprint)
    }

    @Test("an item code typed with a combining accent keeps its bytes, on both decoding paths", arguments: [true, false])
    func bytesKept(readsInOnePass: Bool) throws {
        #expect(Array(try decoded(item: Self.decomposed, readsInOnePass: readsInOnePass).item.utf8) == Array(Self.decomposed.utf8))
        #expect(Array(try decoded(item: Self.composed, readsInOnePass: readsInOnePass).item.utf8) == Array(Self.composed.utf8))
    }

    @Test("the composed and decomposed spellings of one code are two fingerprints, though Swift calls the strings equal")
    func twoFingerprints() throws {
        #expect(Self.composed == Self.decomposed)
        #expect(try decoded(item: Self.composed).fingerprint.contentHash != decoded(item: Self.decomposed).fingerprint.contentHash)
    }

    @Test("the same spelling sent again, raw or as JSON escapes, is the same fingerprint: a duplicate")
    func sameSpellingSameFingerprint() throws {
        let raw = EventLine.usage(id: "u1", item: Self.decomposed)
        let escaped = raw.replacingOccurrences(of: "E\u{301}", with: #"\u0045\u0301"#)
        let decoder = EventDecoder()
        let hashes = [raw, raw, escaped].map { line -> String? in
            guard case .event(_, let fingerprint)? = decoder.decode(Data(line.utf8), format: .ndjson, origin: "f").first?.outcome
            else { return nil }
            return fingerprint.contentHash
        }
        #expect(escaped != raw)
        #expect(hashes[0] != nil)
        #expect(Set(hashes).count == 1)
    }
}
