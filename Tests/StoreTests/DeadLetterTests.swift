import Foundation
import Interop
import Store
import SupplyCastTesting
import SupplyDomain
import Testing

@Suite struct DeadLetterTests {
    @Test("bad input is dead-lettered with its reason and field, and moves no projection", arguments: [
        ("{\"id\": broken", EventProblem.Reason.malformed, nil as String?),
        (EventLine.make(id: "x", type: "usage.exploded", payload: [:]), .unknownType, "type"),
        (EventLine.make(id: "x", type: "usage.recorded", payload: ["item": "GLOVE-M"]), .missingField, "payload.quantity"),
        (EventLine.usage(id: "x", quantity: -2), .impossibleQuantity, "payload.quantity"),
        (EventLine.usage(id: "x", quantity: 1, at: "2026-11-02T09:00:00"), .invalidTimestamp, "occurredAt"),
        (EventLine.usage(id: "x", quantity: 1, site: "WEST"), .unknownSite, "site"),
        (EventLine.usage(id: "x", item: "NOPE", quantity: 1), .unknownItem, "payload.item"),
        (EventLine.usage(id: "x", quantity: 1, extra: ["location": "ATTIC"]), .unknownLocation, "payload.location"),
    ])
    func rejected(line: String, reason: EventProblem.Reason, field: String?) throws {
        let db = try TemporaryStore().withStandardMasterData()
        let results = try db.append(ndjson: [line], origin: "feed.ndjson")
        guard case .rejected(let problem, let letterId) = results[0].outcome else {
            Issue.record("expected a rejection, got \(results[0].outcome)")
            return
        }
        #expect(problem.reason == reason)
        #expect(problem.field == field)
        let letter = try db.store.deadLetter(id: letterId)
        #expect(letter.channel == "feed.ndjson:1")
        #expect(String(decoding: letter.original, as: UTF8.self) == line)
        #expect(try db.store.usage(site: "NORTH", item: nil).isEmpty)
        #expect(try db.store.summary().events == 0)
    }

    @Test("retry after the missing item is imported appends the event and resolves the letter")
    func retryAfterFix() throws {
        let db = try TemporaryStore().withStandardMasterData()
        let results = try db.append(ndjson: [EventLine.usage(id: "u1", item: "GAUZE", quantity: 2)])
        guard case .rejected(_, let letterId) = results[0].outcome else { Issue.record("not rejected"); return }
        let stillMissing = try db.store.retryDeadLetter(id: letterId)
        #expect(!stillMissing.isAccepted)
        #expect(try db.store.deadLetters().count == 1)

        let items = Data("id,name\nGAUZE,Gauze swab\n".utf8)
        _ = try db.store.importMasterData([("items.csv", try MasterDataDecoder().decode(items, kind: .items, file: "items.csv"), items)])
        let retried = try db.store.retryDeadLetter(id: letterId)
        #expect(retried.isAccepted)
        #expect(try db.store.deadLetters().isEmpty)
        #expect(try db.store.usage(site: "NORTH", item: "GAUZE").map(\.quantity) == [2])
    }

    @Test("the same bad record delivered again adds to its open letter")
    func repeatedBadRecordIsOneLetter() throws {
        let db = try TemporaryStore().withStandardMasterData()
        try db.append(ndjson: ["not json"])
        try db.append(ndjson: ["not json"])
        let letters = try db.store.deadLetters()
        #expect(letters.count == 1)
        #expect(letters.first?.occurrences == 2)
    }
}
