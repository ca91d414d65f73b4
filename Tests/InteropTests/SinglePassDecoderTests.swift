import DemoNetwork
import Foundation
@testable import Interop
import SupplyDomain
import Testing

/// The single-pass reader against Foundation's decoder: every record it reads must decode to the very event (and
/// canonical bytes) Foundation makes of it, and every record it does not read must come out as it always did.
@Suite struct SinglePassDecoderTests {
    let onePass = EventDecoder()
    let foundation = EventDecoder(readsInOnePass: false)

    /// What a record became, in a form that compares canonical bytes, not just `==` (which calls -0 and 0 equal).
    func outcome(_ decoded: DecodedEvent) -> String {
        switch decoded.outcome {
        case .event(let event, let fingerprint):
            "event \(event) \(String(decoding: fingerprint.canonical, as: UTF8.self)) \(fingerprint.contentHash)"
        case .rejected(let problem, let source, let id, let type):
            "rejected \(problem.reason) \(problem.field ?? "-") \(problem.message) \(source ?? "-") \(id ?? "-") \(type ?? "-")"
        }
    }

    func differences(_ records: [Data]) -> [String] {
        records.enumerated().compactMap { number, record in
            let position = SourcePosition(origin: "fuzz", record: number + 1)
            let fast = outcome(onePass.decodeRecord(record, at: position))
            let reference = outcome(foundation.decodeRecord(record, at: position))
            return fast == reference ? nil : "\(String(decoding: record, as: UTF8.self))\n  one pass:   \(fast)\n  foundation: \(reference)"
        }
    }

    func lines(_ data: Data) -> [Data] {
        data.split(separator: 0x0A).map { Data($0) }
    }

    @Test("every record of a demo network is read in one pass, to the event and fingerprint Foundation gives")
    func demoNetwork() throws {
        let records = lines(try CanonicalSamples.ndjson(CanonicalSamples.demoEvents))
        let unread = records.filter { record in record.withUnsafeBytes { CanonicalEnvelopeReader.read($0) } == nil }
        #expect(unread.count == 0)
        #expect(differences(records) == [])
    }

    @Test("a whole NDJSON body decodes to the same results either way, in parallel, in order")
    func wholeBody() throws {
        let body = try CanonicalSamples.ndjson(Array(CanonicalSamples.demoEvents.prefix(3_000)))
        let fast = onePass.decode(body, format: .ndjson, origin: "demo.ndjson").map(outcome)
        let reference = foundation.decode(body, format: .ndjson, origin: "demo.ndjson").map(outcome)
        #expect(fast == reference)
    }

    @Test("fuzzed text and numbers, written by Foundation, read back to the same events")
    func fuzzedValues() throws {
        var random = SeededGenerator(seed: 20)
        var records: [Data] = []
        for _ in 0..<300 {
            let events = CanonicalSamples.everyShape(text: CanonicalSamples.awkwardString(&random),
                number: CanonicalSamples.awkwardNumber(&random), at: CanonicalSamples.awkwardTimestamp(&random))
            records += try events.map(CanonicalSamples.foundationForm)
        }
        #expect(differences(records) == [])
    }

    @Test("the same record with other whitespace, key order, escapes, number spellings and nulls reads the same")
    func respelt() throws {
        let records = [
            #"{"id":"u1","source":"mm","type":"usage.recorded","occurredAt":"2026-11-02T09:00:00+01:00","site":"NORTH","payload":{"item":"GLOVE-M","quantity":2}}"#,
            #" { "payload" : { "quantity" : 2.0 , "item" : "GLOVE-M" } , "site" : "NORTH" , "id" : "u1" , "source" : "mm" , "occurredAt" : "2026-11-02T09:00:00+01:00" , "type" : "usage.recorded" }\#t"#,
            "{\r\n\"id\":\"u1\",\"source\":\"mm\",\"type\":\"usage.recorded\",\"occurredAt\":\"2026-11-02T09:00:00+01:00\",\"site\":\"NORTH\",\"payload\":{\"item\":\"GLOVE-M\",\"quantity\":2e0}}",
            #"{"id":"\u0075\u0031","source":"m\/m","type":"usage.recorded","occurredAt":"2026-11-02T09:00:00+01:00","site":"NORTH","payload":{"item":"GLOVE\u002DM","quantity":20E-1}}"#,
            #"{"id":"u1","source":"mm","type":"usage.recorded","occurredAt":"2026-11-02T09:00:00+01:00","site":"NORTH","correlationId":null,"payload":{"item":"GLOVE-M","quantity":0.2e1,"lot":null,"expiry":null}}"#,
            #"{"id":"\ud83d\ude00 \u00e9 e\u0301 \"q\" \\ \b\f\n\r\t \u0000\u001F","source":"mm","type":"usage.recorded","occurredAt":"2026-11-02T09:00:00.250-03:30","site":"NORTH","payload":{"item":"GLOVE-M","quantity":-0}}"#,
            #"{"id":"u1","source":"mm","type":"stock.counted","occurredAt":"2026-11-02T09:00:00Z","site":"NORTH","payload":{"item":"GLOVE-M","quantity":-0}}"#,
            #"{"id":"u1","source":"mm","type":"stock.counted","occurredAt":"2026-11-02T09:00:00Z","site":"NORTH","payload":{"item":"GLOVE-M","quantity":-0.0e-5}}"#,
            #"{"id":"u1","source":"mm","type":"invoice.received","occurredAt":"2026-11-02 09:00+0100","site":"NORTH","payload":{"supplier":"S","invoice":"I","line":"1","item":"A","quantity":-9007199254740993,"unitPrice":0.30000000000000004}}"#,
            #"{"id":"u1","source":"mm","type":"receipt.recorded","occurredAt":"2026-11-02T09:00:00Z","site":"NORTH","payload":{"po":"P","item":"A","quantity":123456789012345678901234567890,"unitPrice":1e-7,"expiry":"2027-02-28"}}"#,
            #"{"id":"c1","source":"or","type":"case.scheduled","occurredAt":"2026-11-02T09:00:00Z","site":"NORTH","payload":{"case":"C1","procedure":"THA","scheduledFor":"2026-11-10T08:00+01:00"}}"#,
            #"{"id":"a1","source":"adt","type":"admission.transferred","occurredAt":"2026-11-02T09:00:00Z","site":"NORTH","payload":{"encounter":"E1","toSite":"EAST"}}"#,
        ].map { Data($0.utf8) }
        #expect(differences(records) == [])
        #expect(records.prefix(5).allSatisfy { record in record.withUnsafeBytes { CanonicalEnvelopeReader.read($0) } != nil })
    }

    @Test("randomly spelt JSON numbers (signs, leading zeros, long fractions, exponents, zeros) read as Foundation reads them")
    func fuzzedNumberSpellings() {
        var random = SeededGenerator(seed: 22)
        func digits(_ range: ClosedRange<Int>) -> String {
            (0..<Int.random(in: range, using: &random)).map { _ in String(Int.random(in: 0...9, using: &random)) }.joined()
        }
        var texts: [String] = []
        for _ in 0..<4_000 {
            var text = Int.random(in: 0..<10, using: &random) == 0 ? "-" : ""
            text += Bool.random(using: &random) ? "0" : String(Int.random(in: 1...9, using: &random)) + digits(0...19)
            if Bool.random(using: &random) { text += "." + digits(1...20) }
            if Int.random(in: 0..<5, using: &random) < 2 {
                text += ["e", "E"].randomElement(using: &random)! + ["", "+", "-"].randomElement(using: &random)! + digits(1...3)
            }
            texts.append(text)
        }
        let records = texts.map {
            Data(#"{"id":"c1","source":"count","type":"stock.counted","occurredAt":"2026-11-02T09:00:00Z","site":"NORTH","payload":{"item":"A","quantity":\#($0)}}"#.utf8)
        }
        #expect(differences(records) == [])
    }

    @Test("records the reader leaves to Foundation (bad JSON, wrong types, duplicates, odd numbers, bad text) come out exactly as before")
    func leftToFoundation() {
        let envelope = #""id":"u1","source":"mm","type":"usage.recorded","occurredAt":"2026-11-02T09:00:00+01:00","site":"NORTH""#
        let payloads = [
            #"{"item":"GLOVE-M","quantity":"2"}"#, #"{"item":"GLOVE-M","quantity":null}"#, #"{"item":7,"quantity":2}"#,
            #"{"item":"GLOVE-M","quantity":2,"quantity":3}"#, #"{"item":"GLOVE-M","quantity":02}"#,
            #"{"item":"GLOVE-M","quantity":2.}"#, #"{"item":"GLOVE-M","quantity":.5}"#, #"{"item":"GLOVE-M","quantity":+1}"#,
            #"{"item":"GLOVE-M","quantity":1e400}"#, #"{"item":"GLOVE-M","quantity":1e-400}"#,
            #"{"item":"GLOVE-M","quantity":5e-324}"#, #"{"item":"GLOVE-M","quantity":true}"#,
            #"{"item":"GLOVE-M","quantity":[2]}"#, #"{"item":"\ud800","quantity":2}"#, #"{"item":"\udc00\ud800","quantity":2}"#,
            #"{"item":"\x","quantity":2}"#, #"{"item":"\u12","quantity":2}"#, #"{"item":"GLOVE-M","quantity":2,"quantitiy":2}"#,
            #"{"item":"GLOVE-M","quantity":2,"extra":{"nested":[1,2]}}"#, #"{"item":"GLOVE-M","quantity":2,"expiry":"2027-02-30"}"#,
            #"{"item":"GLOVE-M","quantity":2,"udi":"(01)00614141999996(17)270630(10)LOT42"}"#,
            #"{"item":"GLOVE-M","quantity":2,"udi":"(01)00614141999996(10)LOT42","lot":"OTHER"}"#,
            #"{"item":"GLOVE-M","quantity":0}"#, #"{"quantity":2}"#, #"{}"#, #"[]"#, #""GLOVE-M""#, "null",
        ]
        var records = payloads.map { "{\(envelope),\"payload\":\($0)}" }
        records += [
            "{\(envelope)}", "{\(envelope),\"payload\":{\"item\":\"A\",\"quantity\":1}", "{\(envelope),\"payload\":{\"item\":\"A\",\"quantity\":1}} x",
            "{\(envelope),\"payload\":{\"item\":\"A\",\"quantity\":1},\"id\":\"u2\"}",
            "{\(envelope),\"payload\":{\"item\":\"A\",\"quantity\":1},\"comment\":\"kept out\"}",
            #"{"id":"u1","source":"mm","type":"usage.teleported","occurredAt":"2026-11-02T09:00:00Z","site":"N","payload":{"item":"A","quantity":1}}"#,
            #"{"id":"u1","source":"mm","type":"usage.recorded","occurredAt":"2026-11-02T09:00:00","site":"N","payload":{"item":"A","quantity":1}}"#,
            #"{"id":"u1","source":"mm","type":"usage.recorded","occurredAt":"2026-11-02T09:00:00Z","site":null,"payload":{"item":"A","quantity":1}}"#,
            #"{"id":" ","source":"mm","type":"usage.recorded","occurredAt":"2026-11-02T09:00:00Z","site":"N","payload":{"item":"A","quantity":1}}"#,
            #"{"id":"u1","source":"mm","type":"case.scheduled","occurredAt":"2026-11-02T09:00:00Z","site":"N","payload":{"case":"C1"}}"#,
            #"{"i\u0064":"u1","source":"mm","type":"usage.recorded","occurredAt":"2026-11-02T09:00:00Z","site":"N","payload":{"item":"A","quantity":1}}"#,
            "\u{FEFF}{\(envelope),\"payload\":{\"item\":\"A\",\"quantity\":1}}", "", "{", "}",
        ]
        var data = records.map { Data($0.utf8) }
        data.append(Data([0x7B, 0x22, 0x69, 0x64, 0x22, 0x3A, 0x22, 0xC3, 0x28, 0x22, 0x7D]))
        data.append(Data(("{\(envelope),\"payload\":{\"item\":\"").utf8) + Data([0xED, 0xA0, 0x80]) + Data("\",\"quantity\":1}}".utf8))
        data.append(Data(("{\(envelope),\"payload\":{\"item\":\"").utf8) + Data([0xF8, 0x88]) + Data("\",\"quantity\":1}}".utf8))
        #expect(differences(data) == [])
    }

    @Test("demo records with random bytes changed, dropped or added decode the same either way")
    func mutated() throws {
        var random = SeededGenerator(seed: 21)
        let originals = lines(try CanonicalSamples.ndjson(Array(CanonicalSamples.demoEvents.prefix(4_000))))
        let alphabet = Array(#"{}[]:,"\/ -+.0123456789eEnulltrufas"#.utf8) + [0x00, 0x09, 0x0A, 0x7F, 0x80, 0xC3, 0xFF]
        var records: [Data] = []
        for _ in 0..<6_000 {
            var bytes = Array(originals.randomElement(using: &random)!)
            for _ in 0...Int.random(in: 0...2, using: &random) {
                let at = Int.random(in: 0..<bytes.count, using: &random)
                switch Int.random(in: 0..<3, using: &random) {
                case 0: bytes[at] = alphabet.randomElement(using: &random)!
                case 1: bytes.remove(at: at)
                default: bytes.insert(alphabet.randomElement(using: &random)!, at: at)
                }
            }
            records.append(Data(bytes))
        }
        #expect(differences(records) == [])
    }
}
