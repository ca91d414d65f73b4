import Foundation
import GRDB
import Store
import SupplyCastTesting
import Testing

/// An alert is re-announced only when it changed in a way ops act on: severity, its key day moving past the
/// tolerance, or what it is about. Everything else refreshes the stored figures silently.
@Suite struct AlertMaterialityTests {
    /// A store with one immediate subscription to every event, whose outbox counts the messages ops would get.
    func subscribed() throws -> TemporaryStore {
        let db = try TemporaryStore().withStandardMasterData()
        _ = try db.store.addWebhook(url: "https://ops.example/hooks", events: ["*"])
        return db
    }

    func messages(_ db: TemporaryStore) throws -> [WebhookDelivery] {
        try db.store.webhookDeliveries().reversed()
    }

    func data(_ alert: Alert) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: alert.data) as? [String: Any])
    }

    @Test("raising the same shortage with on hand one lower sends one message and stays at revision 1")
    func onHandDrift() throws {
        let db = try subscribed()
        try AlertBuilder.shortage(db.store, onHand: 114)
        let again = try AlertBuilder.shortage(db.store, onHand: 113)
        #expect(try messages(db).count == 1)
        #expect(!again.changed)
        #expect(try #require(try db.store.alerts().first).revision == 1)
    }

    @Test("a figure that moved without mattering is refreshed in the stored alert, so listings show today's")
    func silentRefresh() throws {
        let db = try subscribed()
        try AlertBuilder.shortage(db.store, onHand: 114)
        try AlertBuilder.shortage(db.store, onHand: 113)
        let listed = try #require(try db.store.alerts().first)
        #expect(try data(listed)["onHand"] as? Int == 113)
    }

    @Test("the stockout day moving with a tolerance of 2 days", arguments: [
        ("2026-11-13", 0), ("2026-11-14", 0), ("2026-11-15", 1), ("2026-11-09", 1), ("2026-11-12", 0),
    ])
    func stockoutMoves(to day: String, updates: Int) throws {
        let db = try subscribed()
        try AlertBuilder.shortage(db.store, stockout: "2026-11-12", keyDayTolerance: 2)
        try AlertBuilder.shortage(db.store, onHand: 1, stockout: day, keyDayTolerance: 2)
        let sent = try messages(db)
        #expect(sent.count == 1 + updates)
        #expect(try #require(try db.store.alerts().first).revision == 1 + updates)
    }

    @Test("an update that is sent carries the new stockout day as revision 2 of the same alert")
    func updateMessage() throws {
        let db = try subscribed()
        let opened = try AlertBuilder.shortage(db.store, stockout: "2026-11-12").alert
        try AlertBuilder.shortage(db.store, stockout: "2026-11-15")
        let update = try #require(try db.store.outboxMessages(channel: webhookChannel).first)
        let body = try #require(try JSONSerialization.jsonObject(with: update.payload) as? [String: Any])
        let data = try #require(body["data"] as? [String: Any])
        #expect(update.messageId == "msg_\(opened.id)_2")
        #expect(data["state"] as? String == "updated")
        #expect(data["stockoutDate"] as? String == "2026-11-15")
    }

    @Test("a change of severity is news even when nothing else moved")
    func severity() throws {
        let db = try subscribed()
        try AlertBuilder.shortage(db.store, severity: .warning)
        let raised = try AlertBuilder.shortage(db.store, severity: .critical)
        #expect(raised.changed)
        #expect(try messages(db).map(\.type) == ["shortage.projected", "shortage.projected"])
        #expect(try #require(try db.store.alerts().first).severity == .critical)
    }

    @Test("a stockout day creeping one day a night is announced once it has crept past the tolerance")
    func creep() throws {
        let db = try subscribed()
        var sentAfterEachNight: [Int] = []
        for day in ["2026-11-12", "2026-11-13", "2026-11-14", "2026-11-15", "2026-11-16"] {
            try AlertBuilder.shortage(db.store, stockout: day)
            sentAfterEachNight.append(try messages(db).count)
        }
        // Compared with what ops were last told (the 12th), the 15th is 3 days off; the 16th only 1 from the 15th.
        #expect(sentAfterEachNight == [1, 1, 1, 2, 2])
    }

    @Test("the tolerance is the caller's to set: with 0 days any move of the stockout day is news")
    func zeroTolerance() throws {
        let db = try subscribed()
        try AlertBuilder.shortage(db.store, stockout: "2026-11-12", keyDayTolerance: 0)
        try AlertBuilder.shortage(db.store, stockout: "2026-11-13", keyDayTolerance: 0)
        #expect(try messages(db).count == 2)
    }

    @Test("a stockout that is no longer projected (the day goes away) is news")
    func keyDayGone() throws {
        let db = try subscribed()
        try AlertBuilder.shortage(db.store, stockout: "2026-11-12")
        try AlertBuilder.shortage(db.store, extra: ["stockoutDate": NSNull()])
        #expect(try messages(db).count == 2)
    }

    @Test("a case short of a different set of items is news; short by a different quantity of the same is not")
    func caseMissingSet() throws {
        let db = try subscribed()
        try AlertBuilder.caseAtRisk(db.store, caseId: "NORTH/C1", missing: ["HIP-STEM": 1])
        try AlertBuilder.caseAtRisk(db.store, caseId: "NORTH/C1", missing: ["HIP-STEM": 2])
        let afterQuantity = try messages(db).count
        try AlertBuilder.caseAtRisk(db.store, caseId: "NORTH/C1", missing: ["HIP-STEM": 2, "GLOVE-M": 4])
        #expect(afterQuantity == 1)
        #expect(try messages(db).count == 2)
    }

    @Test("a case moved by more than the tolerance is news; by a day it is not")
    func caseDay() throws {
        let db = try subscribed()
        try AlertBuilder.caseAtRisk(db.store, caseId: "NORTH/C1", day: "2026-11-10")
        try AlertBuilder.caseAtRisk(db.store, caseId: "NORTH/C1", day: "2026-11-11")
        let afterOneDay = try messages(db).count
        try AlertBuilder.caseAtRisk(db.store, caseId: "NORTH/C1", day: "2026-11-14")
        #expect(afterOneDay == 1)
        #expect(try messages(db).count == 2)
    }

    @Test("patient keys nested at any depth of an alert's data never reach the outbox")
    func nestedPatientKeys() throws {
        let db = try subscribed()
        try AlertBuilder.caseAtRisk(db.store, caseId: "NORTH/C1", extra: [
            "patientId": "P-TOP-1",
            "detail": ["mrn": "MRN-555", "encounter": "E-9", "ward": "4B"],
            "cases": [["case": "C1", "patient": ["patientReference": "P-REF-7"]]],
        ])
        let payload = String(decoding: try #require(try db.store.outboxMessages(channel: webhookChannel).first).payload,
                             as: UTF8.self)
        for identifier in ["P-TOP-1", "MRN-555", "E-9", "P-REF-7", "\"mrn\"", "\"patient\"", "\"encounter\""] {
            #expect(!payload.contains(identifier), "\(identifier) reached the outbox")
        }
        #expect(payload.contains("\"ward\":\"4B\""))
    }

    @Test("resolving and raising again opens a new alert at revision 1, and each change is logged once")
    func reopen() throws {
        let db = try subscribed()
        try AlertBuilder.shortage(db.store)
        try AlertBuilder.resolve(db.store, .shortageProjected, subject: "NORTH/HIP-STEM")
        let reopened = try AlertBuilder.shortage(db.store).alert
        #expect(reopened.revision == 1)
        #expect(try messages(db).map(\.type) == ["shortage.projected", "shortage.projected.resolved", "shortage.projected"])
        let logged = try db.store.pool.read { db in try String.fetchAll(db, sql: "SELECT change FROM alertChange ORDER BY id") }
        #expect(logged == ["opened", "resolved", "opened"])
    }
}
