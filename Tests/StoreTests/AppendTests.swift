import Foundation
import Interop
import Store
import SupplyCastTesting
import SupplyDomain
import Testing

@Suite struct AppendTests {
    @Test("the same event delivered twice is stored once and counted once")
    func duplicateHasNoSecondEffect() throws {
        let db = try TemporaryStore().withStandardMasterData()
        let line = EventLine.usage(id: "u1", quantity: 3)
        let first = try db.append(ndjson: [line])
        // Same content, different key order and spacing: still the same event.
        let reordered = line.replacingOccurrences(of: "{\"id\"", with: "{ \"id\"")
        let second = try db.append(ndjson: [reordered])
        guard case .accepted(let seq) = first[0].outcome else { Issue.record("first not accepted"); return }
        #expect(second[0].outcome == .duplicate(seq: seq))
        let usage = try db.store.usage(site: "NORTH", item: "GLOVE-M")
        #expect(usage.map(\.quantity) == [3])
    }

    @Test("the same id with different content is a conflict; the first version stands")
    func conflictIsKeptForReview() throws {
        let db = try TemporaryStore().withStandardMasterData()
        try db.append(ndjson: [EventLine.usage(id: "u1", quantity: 3)])
        let results = try db.append(ndjson: [EventLine.usage(id: "u1", quantity: 5)])
        guard case .conflict = results[0].outcome else { Issue.record("expected a conflict, got \(results[0].outcome)"); return }
        #expect(try db.store.usage(site: "NORTH", item: "GLOVE-M").map(\.quantity) == [3])
        let conflicts = try db.store.conflicts()
        #expect(conflicts.count == 1)
        #expect(conflicts[0].body.contains("\"quantity\":5"))
    }

    @Test("a cancel that arrives before its booking does not resurrect the case")
    func cancelBeforeBookingStaysCancelled() throws {
        let db = try TemporaryStore().withStandardMasterData()
        try db.append(ndjson: [EventLine.caseEvent(id: "c2", "cancelled", caseId: "K1", at: "2026-11-05T10:00:00+01:00")])
        try db.append(ndjson: [EventLine.caseEvent(id: "c1", "scheduled", caseId: "K1", at: "2026-11-01T10:00:00+01:00")])
        let cases = try db.store.cases(site: "NORTH")
        #expect(cases.count == 1)
        #expect(cases.first?.status == "cancelled")
        #expect(cases.first?.procedure == "THA")
    }

    @Test("book, reschedule, cancel in any arrival order end in the same case book", arguments: [
        [0, 1, 2], [2, 1, 0], [1, 2, 0], [2, 0, 1],
    ])
    func caseBookIsOrderIndependent(order: [Int]) throws {
        let db = try TemporaryStore().withStandardMasterData()
        let events = [
            EventLine.caseEvent(id: "c1", "scheduled", caseId: "K1", at: "2026-11-01T10:00:00+01:00"),
            EventLine.caseEvent(id: "c2", "rescheduled", caseId: "K1", at: "2026-11-02T10:00:00+01:00",
                                scheduledFor: "2026-11-12T08:00:00+01:00"),
            EventLine.caseEvent(id: "c3", "scheduled", caseId: "K2", at: "2026-11-03T10:00:00+01:00"),
        ]
        for index in order { try db.append(ndjson: [events[index]]) }
        let cases = try db.store.cases(site: "NORTH")
        #expect(cases.map(\.caseId) == ["K2", "K1"])
        #expect(cases.last?.scheduledFor == "2026-11-12T07:00:00Z")
        #expect(cases.allSatisfy { $0.status == "scheduled" })
    }

    @Test("census counts admissions and discharges whatever order they arrive in")
    func censusIsOrderIndependent() throws {
        let inOrder = try TemporaryStore().withStandardMasterData()
        let reversed = try TemporaryStore().withStandardMasterData()
        let events = [
            EventLine.admission(id: "a1", "admitted", encounter: "E1", at: "2026-11-01T10:00:00+01:00"),
            EventLine.admission(id: "a2", "transferred", encounter: "E1", at: "2026-11-02T10:00:00+01:00", toSite: "SOUTH"),
            EventLine.admission(id: "a3", "discharged", encounter: "E1", at: "2026-11-04T10:00:00+01:00", site: "SOUTH"),
            EventLine.admission(id: "a4", "admitted", encounter: "E2", at: "2026-11-01T11:00:00+01:00"),
            EventLine.admission(id: "a5", "cancelled", encounter: "E2", at: "2026-11-01T12:00:00+01:00"),
        ]
        for event in events { try inOrder.append(ndjson: [event]) }
        for event in events.reversed() { try reversed.append(ndjson: [event]) }
        for db in [inOrder, reversed] {
            let north = try db.store.census(site: "NORTH")
            #expect(north.map(\.inHouse) == [1, 0])
            #expect(north.map(\.admissions) == [1, 0])
            #expect(north.map(\.transfersOut) == [0, 1])
            // The day between arrival and discharge is listed too: the patient was in house that night.
            let south = try db.store.census(site: "SOUTH")
            #expect(south.map(\.inHouse) == [1, 1, 0])
            #expect(south.map(\.transfersIn) == [1, 0, 0])
            #expect(south.map(\.discharges) == [0, 0, 1])
        }
    }

    @Test("receipts add, usage subtracts, a count sets the balance as of its time")
    func stockLedger() throws {
        let db = try TemporaryStore().withStandardMasterData()
        try db.append(ndjson: [
            EventLine.make(id: "r1", source: "mm", type: "receipt.recorded", at: "2026-11-01T08:00:00+01:00",
                           payload: ["po": "PO1", "item": "GLOVE-M", "quantity": 10]),
            EventLine.usage(id: "u1", quantity: 4, at: "2026-11-02T08:00:00+01:00"),
            EventLine.usage(id: "u2", quantity: 1, at: "2026-11-04T08:00:00+01:00"),
        ])
        #expect(try db.store.stock(site: "NORTH").map(\.quantity) == [5])
        // A count on the 3rd found 7; the use on the 4th still comes off it.
        try db.append(ndjson: [EventLine.make(id: "k1", source: "mm", type: "stock.counted", at: "2026-11-03T08:00:00+01:00",
                                              payload: ["item": "GLOVE-M", "quantity": 7])])
        #expect(try db.store.stock(site: "NORTH").map(\.quantity) == [6])
        // A use before the count arrives late: the count already reflects it.
        try db.append(ndjson: [EventLine.usage(id: "u0", quantity: 2, at: "2026-11-02T12:00:00+01:00")])
        #expect(try db.store.stock(site: "NORTH").map(\.quantity) == [6])
        // Usage beyond stock shows as negative, not hidden.
        try db.append(ndjson: [EventLine.usage(id: "u3", quantity: 9, at: "2026-11-05T08:00:00+01:00")])
        let balance = try #require(try db.store.stock(site: "NORTH", negativeOnly: true).first)
        #expect(balance.quantity == -3)
    }

    @Test("an implant's UDI fills GTIN, lot, serial and expiry and resolves the item")
    func udiResolvesItem() throws {
        let db = try TemporaryStore().withStandardMasterData()
        let results = try db.append(ndjson: [
            EventLine.make(id: "r1", source: "mm", type: "receipt.recorded",
                           payload: ["po": "PO9", "udi": "(01)00614141999996(17)270630(10)LOT42(21)SN7", "quantity": 1]),
        ])
        #expect(results[0].isAccepted)
        let balance = try #require(try db.store.stock(site: "NORTH", item: "HIP-STEM").first)
        #expect(balance.lot == "LOT42")
        #expect(balance.serial == "SN7")
        #expect(balance.expiry == LocalDate(year: 2027, month: 6, day: 30))
    }
}
