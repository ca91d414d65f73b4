import Foundation
import Interop
import Store
import SupplyCastTesting
import SupplyDomain
import Testing

/// A payload key its event type does not have is a dead letter that names the key, never an event without it.
@Suite struct UnknownPayloadKeyTests {
    func decode(_ lines: [String], readsInOnePass: Bool = true) -> [DecodedEvent] {
        EventDecoder(readsInOnePass: readsInOnePass)
            .decode(Data(lines.joined(separator: "\n").utf8), format: .ndjson, origin: "feed.ndjson")
    }

    @Test("a usage with `quantitiy` is refused, naming the key, the likely meant one, and the record", arguments: [true, false])
    func misspeltQuantity(readsInOnePass: Bool) throws {
        let misspelt = EventLine.make(id: "u2", source: "mm", type: "usage.recorded",
            payload: ["item": "GLOVE-M", "quantity": 1, "quantitiy": 3])
        let results = decode([EventLine.usage(id: "u1"), misspelt], readsInOnePass: readsInOnePass)
        let problem = try #require(results[1].problem)
        #expect(results[0].event?.id == "u1")
        #expect(problem.reason == .malformed)
        #expect(problem.field == "payload.quantitiy")
        #expect(problem.message.contains("unknown field 'quantitiy' in a usage.recorded payload (did you mean 'quantity'?)"))
        #expect(results[1].position.description == "feed.ndjson:2")
        #expect(String(decoding: results[1].original, as: UTF8.self) == misspelt)
        guard case .rejected(_, let source, let id, let type) = results[1].outcome else {
            Issue.record("expected a rejection")
            return
        }
        #expect([source, id, type] == ["mm", "u2", "usage.recorded"])
    }

    @Test("the misspelt key is named even when the field it stands for is then missing")
    func misspeltInsteadOfRequired() throws {
        let line = EventLine.make(id: "u3", type: "usage.recorded", payload: ["item": "GLOVE-M", "quantitiy": 3])
        let problem = try #require(decode([line]).first?.problem)
        #expect(problem.field == "payload.quantitiy")
    }

    @Test("a key that belongs to another event type is refused too, and the message lists the type's fields", arguments: [
        ("usage.recorded", ["item": "A", "quantity": 1, "unitPrice": 2] as [String: any Sendable], "payload.unitPrice",
         "case, encounter, expiry, gtin, item, location, lot, patient, quantity, serial, udi"),
        ("case.scheduled", ["case": "C1", "procedure": "THA", "scheduledFor": "2026-11-10T08:00:00+01:00", "toSite": "EAST"],
         "payload.toSite", "case, patient, procedure, reason, scheduledFor, surgeon"),
        ("admission.admitted", ["encounter": "E1", "kind": "admitted"], "payload.kind", "encounter, patient, patientClass, toSite, unit"),
        ("stock.counted", ["item": "A", "quantity": 4, "udi": "(01)00614141999996"], "payload.udi",
         "gtin, item, location, lot, quantity, serial"),
    ])
    func otherTypesKey(type: String, payload: [String: any Sendable], field: String, listed: String) throws {
        let problem = try #require(decode([EventLine.make(id: "x", type: type, payload: payload)]).first?.problem)
        #expect(problem.field == field)
        #expect(problem.message.hasSuffix("its fields are \(listed)"))
    }

    @Test("several unknown keys are all named, the first in byte order as the field")
    func severalUnknownKeys() throws {
        let line = EventLine.make(id: "x", type: "usage.recorded", payload: ["item": "A", "quantity": 1, "qty": 1, "Lot": "L"])
        let problem = try #require(decode([line]).first?.problem)
        #expect(problem.field == "payload.Lot")
        #expect(problem.message.hasPrefix("unknown fields 'Lot', 'qty' in a usage.recorded payload (did you mean 'lot'?)"))
    }

    @Test("a CSV column that is no field of the row's type is refused with its row, not dropped")
    func csvColumn() throws {
        let csv = "id,source,type,occurredAt,site,item,quantity,qty\n"
            + "u1,mm,usage.recorded,2026-11-02T09:00:00+01:00,NORTH,GLOVE-M,2,\n"
            + "u2,mm,usage.recorded,2026-11-02T09:00:00+01:00,NORTH,GLOVE-M,2,5\n"
        let results = EventDecoder().decode(Data(csv.utf8), format: .csv, origin: "usage.csv")
        #expect(results[0].event?.id == "u1")
        #expect(results[1].problem?.field == "payload.qty")
        #expect(results[1].position.description == "usage.csv:3")
    }

    @Test("appended to a store, the record is a dead letter with its bytes, and nothing is counted")
    func deadLetter() throws {
        let db = try TemporaryStore().withStandardMasterData()
        let line = EventLine.make(id: "u9", source: "mm", type: "usage.recorded",
            payload: ["item": "GLOVE-M", "quantity": 2, "quantitiy": 2])
        let results = try db.append(ndjson: [line], origin: "feed.ndjson")
        guard case .rejected(let problem, let letterId) = results[0].outcome else {
            Issue.record("expected a rejection, got \(results[0].outcome)")
            return
        }
        let letter = try db.store.deadLetter(id: letterId)
        #expect(problem.field == "payload.quantitiy")
        #expect(letter.channel == "feed.ndjson:1")
        #expect(String(decoding: letter.original, as: UTF8.self) == line)
        #expect(try db.store.summary().events == 0)
    }
}
