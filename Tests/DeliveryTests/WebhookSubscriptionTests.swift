import Delivery
import Foundation
import GRDB
import Store
import SupplyCastTesting
import Testing

@Suite struct WebhookSubscriptionTests {
    @Test("only http(s) URLs, only allowlisted hosts when a list is set, only known event types")
    func validation() throws {
        let db = try TemporaryStore().withStandardMasterData()
        #expect(throws: StoreError.self) { try db.store.addWebhook(url: "ftp://ops.example/hooks", events: ["*"]) }
        #expect(throws: StoreError.self) { try db.store.addWebhook(url: "not a url", events: ["*"]) }
        #expect(throws: StoreError.self) { try db.store.addWebhook(url: "https://ops.example/h", events: ["stock.*"]) }
        #expect(throws: StoreError.self) { try db.store.addWebhook(url: "https://ops.example/h", events: [""]) }
        #expect(throws: StoreError.self) {
            try db.store.addWebhook(url: "https://ops.example/h", events: ["*"], site: "NOWHERE")
        }
        let policy = WebhookURLPolicy.fromEnvironment([WebhookURLPolicy.environmentVariable: "ops.north.example, 127.0.0.1"])
        do {
            _ = try db.store.addWebhook(url: "https://evil.example/h", events: ["*"], policy: policy)
            Issue.record("a host off the allowlist was accepted")
        } catch let error as StoreError {
            #expect(error.description.contains("'evil.example' is not allowed"))
        }
        let (subscription, secret) = try db.store.addWebhook(
            url: "https://OPS.north.example/hooks", events: ["shortage.*,case.at_risk"], site: "NORTH", policy: policy)
        #expect(secret.hasPrefix("whsec_"))
        #expect(subscription.events == ["shortage.*", "case.at_risk"])
        #expect(subscription.enabled)
        #expect(try db.store.webhooks().map(\.id) == [subscription.id])
    }

    @Test("event filters: families, exact kinds with their resolution, everything", arguments: [
        ("shortage.*", "shortage.projected", true), ("shortage.*", "shortage.projected.resolved", true),
        ("shortage.*", "case.at_risk", false), ("case.at_risk", "case.at_risk", true),
        ("case.at_risk", "case.at_risk.resolved", true), ("case.at_risk", "case.at_risk_x", false),
        ("*", "lot.expiring", true), ("lot.expiring.resolved", "lot.expiring", false),
    ])
    func filters(filter: String, type: String, matches: Bool) {
        #expect(WebhookSubscription.filter(filter, matches: type) == matches)
    }

    @Test("an alert change enqueues one Standard Webhooks message per matching enabled subscription, in its transaction")
    func fanout() throws {
        let db = try TemporaryStore().withStandardMasterData()
        let shortages = try db.store.addWebhook(url: "https://a.example/h", events: ["shortage.*"]).subscription
        let north = try db.store.addWebhook(url: "https://b.example/h", events: ["*"], site: "NORTH").subscription
        _ = try db.store.addWebhook(url: "https://c.example/h", events: ["*"], site: "SOUTH")
        let cases = try db.store.addWebhook(url: "https://d.example/h", events: ["case.*"]).subscription
        let off = try db.store.addWebhook(url: "https://e.example/h", events: ["*"]).subscription
        try db.store.disableWebhook(id: off.id, reason: "test")

        // Given a shortage with a patient reference slipped into its data,
        let now = Date(timeIntervalSince1970: 1_784_000_000)
        let raised = try AlertBuilder.shortage(db.store, extra: ["patient": "P-123", "encounter": "E-9"], now: now)
        // then the shortage subscribers get it, the SOUTH, case-only and disabled ones do not,
        let messages = try db.store.outboxMessages(channel: webhookChannel)
        #expect(Set(messages.map(\.destination)) == [String(shortages.id), String(north.id)])
        #expect(Set(messages.map(\.messageId)) == ["msg_\(raised.alert.id)_1"])
        // and the body is {type, timestamp, data} with the alert's substance and no patient identifiers.
        let body = try #require(try JSONSerialization.jsonObject(with: messages[0].payload) as? [String: Any])
        #expect(body["type"] as? String == "shortage.projected")
        #expect(body["timestamp"] as? String == "2026-07-14T03:33:20.000Z")
        let data = try #require(body["data"] as? [String: Any])
        #expect(data["alertId"] as? Int == Int(raised.alert.id))
        #expect(data["severity"] as? String == "warning")
        #expect(data["state"] as? String == "open")
        #expect(data["site"] as? String == "NORTH")
        #expect(data["subject"] as? String == "NORTH/HIP-STEM")
        #expect(data["item"] as? String == "HIP-STEM")
        #expect(data["patient"] == nil && data["encounter"] == nil)

        // Raising the same alert again sends nothing; a change of severity sends revision 2; resolving sends .resolved.
        try AlertBuilder.shortage(db.store, extra: ["patient": "P-123", "encounter": "E-9"], now: now)
        #expect(try db.store.outboxMessages(channel: webhookChannel).count == 2)
        try AlertBuilder.shortage(db.store, severity: .critical, extra: ["patient": "P-123", "encounter": "E-9"])
        try db.store.pool.write { db in
            _ = try Alerts.resolve(db, kind: .shortageProjected, subject: "NORTH/HIP-STEM", now: Date())
        }
        let all = try db.store.webhookDeliveries(subscription: shortages.id)
        #expect(all.map(\.webhookId) == ["msg_\(raised.alert.id)_3", "msg_\(raised.alert.id)_2", "msg_\(raised.alert.id)_1"])
        #expect(all.map(\.type) == ["shortage.projected.resolved", "shortage.projected", "shortage.projected"])

        // A case alert goes to the case and catch-all subscribers only.
        try AlertBuilder.caseAtRisk(db.store, caseId: "C0000001")
        #expect(try db.store.webhookDeliveries(subscription: cases.id).map(\.type) == ["case.at_risk"])
        #expect(try db.store.webhookDeliveries(subscription: shortages.id).count == 3)
    }

    @Test("during a rotation both secrets sign until the old one expires; overlap 0 drops it at once")
    func rotation() async throws {
        let db = try TemporaryStore()
        let (subscription, first) = try db.store.addWebhook(url: "https://a.example/h", events: ["*"])
        let now = Date()
        let second = try db.store.rotateWebhookSecret(id: subscription.id, overlap: 3600, now: now)
        #expect(try await db.store.webhookEndpoint(id: subscription.id, now: now)?.secrets == [second, first])
        #expect(try await db.store.webhookEndpoint(id: subscription.id, now: now.addingTimeInterval(3601))?.secrets == [second])
        let third = try db.store.rotateWebhookSecret(id: subscription.id, overlap: 0, now: now)
        #expect(try await db.store.webhookEndpoint(id: subscription.id, now: now)?.secrets == [third])
        #expect(throws: StoreError.self) { try db.store.rotateWebhookSecret(id: 999) }
    }

    @Test("replay queues finished deliveries again with their webhook-id and a fresh schedule; pending ones are refused")
    func replay() throws {
        let db = try TemporaryStore().withStandardMasterData()
        let subscription = try db.store.addWebhook(url: "https://a.example/h", events: ["*"]).subscription
        try AlertBuilder.shortage(db.store)
        let delivery = try #require(try db.store.webhookDeliveries().first)
        #expect(throws: StoreError.self) { try db.store.replayWebhookDeliveries(id: delivery.id) }
        try db.store.pool.write { db in
            try db.execute(sql: "UPDATE outbox SET status = 'dead', attempts = 10, finishedAt = 1 WHERE id = ?",
                           arguments: [delivery.id])
        }
        #expect(try db.store.webhookDeliveries(status: .dead).map(\.id) == [delivery.id])
        #expect(try db.store.replayWebhookDeliveries(since: Date().addingTimeInterval(-60)) == [delivery.id])
        let again = try #require(try db.store.webhookDeliveries(subscription: subscription.id).first)
        #expect(again.status == .pending && again.attempts == 0 && again.webhookId == delivery.webhookId)
        #expect(throws: StoreError.self) { try db.store.replayWebhookDeliveries(id: 4242) }
    }
}
