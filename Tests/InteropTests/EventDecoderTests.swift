import Foundation
import Interop
import SupplyCastTesting
import SupplyDomain
import Testing

@Suite struct EventDecoderTests {
    func decode(_ lines: [String]) -> [DecodedEvent] {
        EventDecoder().decode(Data(lines.joined(separator: "\n").utf8), format: .ndjson, origin: "feed.ndjson")
    }

    @Test("every record comes back in order, good or bad, with its file and line; blank lines are skipped")
    func positions() {
        let results = decode([EventLine.usage(id: "u1"), "", "{not json", EventLine.usage(id: "u2")])
        #expect(results.map(\.position.description) == ["feed.ndjson:1", "feed.ndjson:3", "feed.ndjson:4"])
        #expect(results[0].event?.id == "u1")
        #expect(results[1].problem?.reason == .malformed)
        #expect(results[2].event?.id == "u2")
    }

    @Test("a CSV feed exported from a spreadsheet (byte-order mark, CRLF) decodes like NDJSON")
    func spreadsheetCSV() throws {
        let csv = "\u{FEFF}id,source,type,occurredAt,site,item,quantity\r\n"
            + "u1,mm,usage.recorded,2026-11-02T09:00:00+01:00,NORTH,GLOVE-M,2\r\n"
        let result = try #require(EventDecoder().decode(Data(csv.utf8), format: .csv, origin: "usage.csv").first)
        let event = try #require(result.event, "\(String(describing: result.problem))")
        #expect(event.id == "u1")
        guard case .usage(let usage) = event.body else {
            Issue.record("expected a usage, got \(event.body)")
            return
        }
        #expect(usage.quantity == 2)
        #expect(result.position.description == "usage.csv:2")
    }

    @Test("a rejected record names the field at fault and keeps its original bytes for the dead letter")
    func fieldAtFault() throws {
        let line = EventLine.make(id: "u9", type: "usage.recorded", payload: ["item": "GLOVE-M", "quantity": "two"])
        let result = try #require(decode([line]).first)
        let problem = try #require(result.problem)
        #expect(problem.field == "payload.quantity")
        #expect(String(decoding: result.original, as: UTF8.self) == line)
        guard case .rejected(_, let source, let id, let type) = result.outcome else {
            Issue.record("expected a rejection")
            return
        }
        #expect(source == "test" && id == "u9" && type == "usage.recorded")
    }

    @Test("an unknown event type and a missing item are told apart")
    func reasons() {
        let unknown = EventLine.make(id: "x1", type: "usage.teleported", payload: [:])
        let missing = EventLine.make(id: "x2", type: "usage.recorded", payload: ["quantity": 1])
        let results = decode([unknown, missing])
        #expect(results[0].problem?.reason == .unknownType)
        #expect(results[1].problem?.reason == .missingField)
        #expect(results[1].problem?.field == "payload.item")
    }

    @Test("a usage line's UDI fills lot, serial and expiry; a UDI that contradicts the stated lot is refused")
    func udiOnUsage() throws {
        let udi = "(01)00614141999996(17)270630(10)LOT42(21)SN7"
        let event = try #require(decode([EventLine.usage(id: "i1", item: "HIP-STEM", extra: ["udi": udi])]).first?.event)
        guard case .usage(let usage) = event.body else {
            Issue.record("expected a usage, got \(event.body)")
            return
        }
        #expect(usage.gtin == "00614141999996")
        #expect(usage.lot == "LOT42")
        #expect(usage.serial == "SN7")
        #expect(usage.expiry == LocalDate(year: 2027, month: 6, day: 30))
        let contradicting = EventLine.usage(id: "i2", item: "HIP-STEM", extra: ["udi": udi, "lot": "OTHER"])
        let problem = try #require(decode([contradicting]).first?.problem)
        #expect(problem.reason == .invalidValue)
        #expect(problem.message.contains("LOT42") && problem.message.contains("OTHER"), "\(problem)")
    }

    @Test("a usage line's HIBCC UDI fills lot and expiry beside the item code; without an item code it asks for one")
    func hibccUDIOnUsage() throws {
        let udi = "+A99912345/$$52001510X33"
        let event = try #require(decode([EventLine.usage(id: "h1", item: "HIP-STEM", extra: ["udi": udi])]).first?.event)
        guard case .usage(let usage) = event.body else {
            Issue.record("expected a usage, got \(event.body)")
            return
        }
        #expect(usage.lot == "10X3")
        #expect(usage.expiry == LocalDate(year: 2020, month: 1, day: 15))
        #expect(usage.gtin == nil)
        let withoutItem = EventLine.usage(id: "h2", extra: ["udi": udi, "item": NSNull()])
        let problem = try #require(decode([withoutItem]).first?.problem)
        #expect(problem.field == "payload.item")
        #expect(problem.message.contains("HIBCC"), "\(problem)")
    }

    @Test("a UDI's two-digit years are read around the day the event happened")
    func udiCenturyFromEventDay() throws {
        let udi = "(01)00614141999996(17)760101(10)L1"
        let line = EventLine.usage(id: "c1", item: "HIP-STEM", at: "2026-11-02T09:00:00+01:00", extra: ["udi": udi])
        let event = try #require(decode([line]).first?.event)
        guard case .usage(let usage) = event.body else {
            Issue.record("expected a usage, got \(event.body)")
            return
        }
        #expect(usage.expiry == LocalDate(year: 2076, month: 1, day: 1), "76 is 50 years after 2026, still this century")
    }

    @Test("the same event decoded twice has the same fingerprint; a changed quantity does not")
    func fingerprints() throws {
        func fingerprint(_ quantity: Double) throws -> EventFingerprint {
            let result = try #require(decode([EventLine.usage(id: "u1", quantity: quantity)]).first)
            guard case .event(_, let fingerprint) = result.outcome else { throw EventProblem(.malformed, "not decoded") }
            return fingerprint
        }
        #expect(try fingerprint(2) == fingerprint(2))
        #expect(try fingerprint(2) != fingerprint(3))
    }
}
