import AsyncHTTPClient
import Delivery
import Foundation
import NIOHTTP1
import GRDB
import NIOCore
import Store
import SupplyCastTesting
import SupplyDomain
import Testing

/// Deliveries to a real receiver: the Python `standardwebhooks` library verifies every signature.
@Suite(.serialized) struct WebhookDeliveryTests {
    /// The Standard Webhooks schedule, 1000× faster: 5 ms, 0.3 s, 1.8 s, …
    static let fast = RetrySchedule.standardWebhooks.scaled(by: 0.001)

    /// Runs relay passes until `done` holds or `seconds` pass.
    func relay(_ store: SupplyStore, _ connector: WebhookConnector, within seconds: Double,
               until done: @escaping () throws -> Bool) async throws -> Bool {
        let relay = Relay(store: store, connectors: [connector], lease: 5)
        return try await eventually(within: seconds) {
            try await relay.runOnce()
            return try done()
        }
    }

    func allFinished(_ store: SupplyStore) throws -> Bool {
        try store.webhookDeliveries().allSatisfy { $0.status != .pending && $0.status != .inFlight }
    }

    /// Subscribes a fresh receiver (started with the subscription's secret) to every event, or to the digest.
    func subscribeReceiver(_ db: TemporaryStore, mode: WebhookDeliveryMode = .immediate, script: [String] = []) throws
        -> (subscription: WebhookSubscription, secret: String, receiver: WebhookReceiver)
    {
        let (subscription, secret) = try db.store.addWebhook(url: "http://127.0.0.1:1/starting", events: ["*"], mode: mode)
        let receiver = try WebhookReceiver(secret: secret, folder: db.folder, script: script)
        try db.store.pool.write { db in
            try db.execute(sql: "UPDATE webhookSubscription SET url = ? WHERE id = ?", arguments: [receiver.url, subscription.id])
        }
        return (try db.store.webhook(id: subscription.id), secret, receiver)
    }

    @Test("a receiver down for the first attempts gets every alert once in effect, each verified")
    func downThenUp() async throws {
        let db = try TemporaryStore().withStandardMasterData()
        // Given a subscription on a port where nothing listens yet,
        let probe = try WebhookReceiver(secret: WebhookSecret.generate(), folder: db.folder)
        let port = probe.port
        probe.stop()
        let (subscription, secret) = try db.store.addWebhook(url: "http://127.0.0.1:\(port)/hooks", events: ["*"])
        var ids: Set<String> = []
        for item in ["HIP-STEM", "GLOVE-M", "SUTURE-3"] {
            let alert = try AlertBuilder.shortage(db.store, item: item).alert
            ids.insert("msg_\(alert.id)_\(alert.revision)")
        }
        let connector = WebhookConnector(store: db.store, schedule: Self.fast, timeout: .seconds(2))
        defer { Task { try? await connector.shutdown() } }
        // when the relay tries while it is down (connection refused),
        let failed = try await relay(db.store, connector, within: 5) {
            try db.store.webhookDeliveries().allSatisfy { $0.attempts >= 2 }
        }
        #expect(failed)
        #expect(try db.store.webhookDeliveries().allSatisfy { $0.status == .pending && $0.lastError != nil })
        // and it then comes up, answering 503 once more before it recovers,
        let receiver = try WebhookReceiver(secret: secret, folder: db.folder, port: port, script: ["503"])
        // (On a loaded machine the down phase can run to four attempts; after the 503 the next retry waits 18 s.)
        #expect(try await relay(db.store, connector, within: 45) { try allFinished(db.store) })
        // then every alert is delivered, each webhook-id accepted exactly once, every request verified.
        #expect(try db.store.webhookDeliveries(subscription: subscription.id).allSatisfy { $0.status == .delivered })
        let records = try receiver.records()
        #expect(records.allSatisfy { $0.verified })
        let accepted = records.filter { $0.status == 200 && !$0.duplicate }.compactMap(\.id)
        #expect(accepted.sorted() == ids.sorted())
        #expect(records.contains { $0.status == 503 })
        #expect(Set(records.compactMap(\.type)) == ["shortage.projected"])
    }

    @Test("a digest receiver gets one verified alerts.digest per site per run and nothing else; no patient key reaches a receiver")
    func digest() async throws {
        let db = try TemporaryStore().withStandardMasterData()
        let (_, _, each) = try subscribeReceiver(db)
        let (_, _, daily) = try subscribeReceiver(db, mode: .digest)
        let asOf = LocalDate(iso: "2026-11-08")!
        // Given a night whose NORTH run raises a case alert with patient identifiers hidden in its data,
        let north = try AlertBuilder.planningRun(db.store, site: "NORTH", asOf: asOf, now: Date()) { database in
            let data = try JSONSerialization.data(withJSONObject: [
                "case": "C1", "day": "2026-11-10", "missing": ["HIP-STEM": 1], "patientId": "P-TOP-1",
                "detail": ["mrn": "MRN-555", "cases": [["encounter": "E-9"]]],
            ], options: [.sortedKeys])
            try Alerts.raise(database, kind: .caseAtRisk, subject: "NORTH/C1", site: "NORTH", severity: .critical,
                             data: data, now: Date())
        }
        let south = try AlertBuilder.planningRun(db.store, site: "SOUTH", asOf: asOf, now: Date()) { _ in }
        let connector = WebhookConnector(store: db.store, schedule: Self.fast, timeout: .seconds(2))
        defer { Task { try? await connector.shutdown() } }
        #expect(try await relay(db.store, connector, within: 20) { try allFinished(db.store) })
        // then the digest receiver got one verified digest per site, the other receiver the alert itself,
        let digests = try daily.records()
        #expect(digests.map(\.id) == ["digest_NORTH_\(north)", "digest_SOUTH_\(south)"]
            || digests.map(\.id) == ["digest_SOUTH_\(south)", "digest_NORTH_\(north)"])
        #expect(digests.allSatisfy { $0.verified && $0.type == "alerts.digest" })
        #expect(try each.records().map(\.type) == ["case.at_risk"])
        // and neither saw a patient identifier.
        let bodies = (digests + (try each.records())).compactMap(\.body).joined(separator: "\n")
        for identifier in ["P-TOP-1", "MRN-555", "E-9"] {
            #expect(!bodies.contains(identifier), "\(identifier) reached a receiver")
        }
        #expect(bodies.contains("HIP-STEM"))
    }

    @Test("410 Gone disables the subscription and stops further messages to it")
    func gone() async throws {
        let db = try TemporaryStore().withStandardMasterData()
        let (subscription, _, receiver) = try subscribeReceiver(db, script: ["410"])
        try AlertBuilder.shortage(db.store)
        let connector = WebhookConnector(store: db.store, schedule: Self.fast, timeout: .seconds(2))
        defer { Task { try? await connector.shutdown() } }
        #expect(try await relay(db.store, connector, within: 10) { try allFinished(db.store) })
        let updated = try db.store.webhook(id: subscription.id)
        #expect(!updated.enabled)
        #expect(updated.disabledReason?.contains("410") == true)
        #expect(try db.store.webhookDeliveries().first?.status == .rejected)
        #expect(try receiver.records().map(\.status) == [410])
        // A later alert is not even queued for it.
        try AlertBuilder.caseAtRisk(db.store, caseId: "C1")
        #expect(try db.store.webhookDeliveries().count == 1)
    }

    @Test("429 with Retry-After is honoured before the next attempt")
    func tooManyRequests() async throws {
        let db = try TemporaryStore().withStandardMasterData()
        let (_, _, receiver) = try subscribeReceiver(db, script: ["429:2"])
        try AlertBuilder.shortage(db.store)
        let connector = WebhookConnector(store: db.store, schedule: Self.fast, timeout: .seconds(2))
        defer { Task { try? await connector.shutdown() } }
        #expect(try await relay(db.store, connector, within: 10) { try allFinished(db.store) })
        let records = try receiver.records()
        #expect(records.map(\.status) == [429, 200])
        // The schedule alone would retry after 5 ms; the receiver asked for 2 s.
        #expect(records[1].at - records[0].at >= 1.9)
        #expect(try db.store.webhookDeliveries().first?.status == .delivered)
    }

    @Test("a tampered body fails verification at the receiver; the untouched one passes")
    func tampered() async throws {
        let db = try TemporaryStore().withStandardMasterData()
        let (subscription, _, receiver) = try subscribeReceiver(db)
        try AlertBuilder.shortage(db.store, onHand: 2)
        let message = try #require(try db.store.outboxMessages(channel: webhookChannel).first)
        let endpoint = try #require(try await db.store.webhookEndpoint(id: subscription.id))
        var request = try WebhookConnector.request(message, to: endpoint, now: Date())
        let tampered = String(decoding: message.payload, as: UTF8.self).replacingOccurrences(of: "\"onHand\":2", with: "\"onHand\":20")
        #expect(tampered != String(decoding: message.payload, as: UTF8.self))
        request.body = .bytes(ByteBuffer(string: tampered))
        let refused = try await HTTPClient.shared.execute(request, timeout: .seconds(5))
        #expect(refused.status.code == 401)
        let honest = try await HTTPClient.shared.execute(
            try WebhookConnector.request(message, to: endpoint, now: Date()), timeout: .seconds(5))
        #expect(honest.status.code == 200)
        let records = try receiver.records()
        #expect(records.map(\.verified) == [false, true])
        #expect(records.first?.error?.contains("No matching signature") == true)
    }

    @Test("during a secret rotation a receiver still on the old secret verifies, and one on the new secret too")
    func rotation() async throws {
        let db = try TemporaryStore().withStandardMasterData()
        let (subscription, old) = try db.store.addWebhook(url: "http://127.0.0.1:1/placeholder", events: ["*"])
        let new = try db.store.rotateWebhookSecret(id: subscription.id, overlap: 3600)
        try AlertBuilder.shortage(db.store)
        let message = try #require(try db.store.outboxMessages(channel: webhookChannel).first)
        let endpoint = try #require(try await db.store.webhookEndpoint(id: subscription.id))
        for secret in [old, new] {
            let receiver = try WebhookReceiver(secret: secret, folder: db.folder)
            var target = endpoint
            target.subscription.url = receiver.url
            let response = try await HTTPClient.shared.execute(
                try WebhookConnector.request(message, to: target, now: Date()), timeout: .seconds(5))
            #expect(response.status.code == 200)
            #expect(try receiver.records().map(\.verified) == [true])
        }
    }

    @Test("after the last attempt a delivery is dead, listed, reported, and a replay sends it with the same id")
    func deadAndReplay() async throws {
        let db = try TemporaryStore().withStandardMasterData()
        let probe = try WebhookReceiver(secret: WebhookSecret.generate(), folder: db.folder)
        let port = probe.port
        probe.stop()
        let (_, secret) = try db.store.addWebhook(url: "http://127.0.0.1:\(port)/hooks", events: ["*"])
        try AlertBuilder.shortage(db.store)
        let reports = Reports()
        let connector = WebhookConnector(store: db.store, schedule: RetrySchedule(delays: [0.01, 0.01]),
                                         timeout: .seconds(2), observe: { reports.add($0.outcome) })
        defer { Task { try? await connector.shutdown() } }
        #expect(try await relay(db.store, connector, within: 10) { try allFinished(db.store) })
        let dead = try db.store.webhookDeliveries(status: .dead)
        #expect(dead.count == 1 && dead[0].attempts == 3)
        #expect(reports.all == ["retryable", "retryable", "retryable", "dead"])
        // When the receiver is back and the delivery is replayed, it arrives with its original webhook-id.
        let receiver = try WebhookReceiver(secret: secret, folder: db.folder, port: port)
        #expect(try db.store.replayWebhookDeliveries(id: dead[0].id) == [dead[0].id])
        #expect(try await relay(db.store, connector, within: 10) { try allFinished(db.store) })
        #expect(try receiver.records().map(\.id) == [dead[0].webhookId])
        #expect(try db.store.webhookDeliveries().first?.status == .delivered)
    }
}

/// Collects connector reports across tasks.
final class Reports: @unchecked Sendable {
    private let lock = NSLock()
    private var outcomes: [String] = []

    func add(_ outcome: String) {
        lock.withLock { outcomes.append(outcome) }
    }

    var all: [String] { lock.withLock { outcomes } }
}
