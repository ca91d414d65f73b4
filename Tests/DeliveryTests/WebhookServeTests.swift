import AsyncHTTPClient
import Foundation
import NIOHTTP1
import GRDB
import NIOCore
import Store
import SupplyCastTesting
import Testing

/// `supplycast serve` delivering webhooks, the `webhooks` and `alerts` commands, and their HTTP twins.
@Suite(.serialized) struct WebhookServeTests {
    @Test("killing the service mid-delivery loses nothing: after restart the alert arrives again with the same webhook-id")
    func killMidDelivery() async throws {
        let db = try TemporaryStore().withStandardMasterData()
        let (subscription, secret) = try db.store.addWebhook(url: "http://127.0.0.1:1/starting", events: ["shortage.*"])
        // Given a receiver that takes 4 s to answer its first request, and an alert committed before any relay runs,
        let receiver = try WebhookReceiver(secret: secret, folder: db.folder, script: ["slow:4"], lifetime: 300)
        defer { receiver.stop() }
        let url = receiver.url
        try await db.store.pool.write { db in
            try db.execute(sql: "UPDATE webhookSubscription SET url = ? WHERE id = ?", arguments: [url, subscription.id])
        }
        let alert = try AlertBuilder.shortage(db.store).alert
        let log = db.folder.appendingPathComponent("serve.log")
        // when the service is killed with SIGKILL while its first attempt waits for the answer,
        let first = try ServeProcess(db: db.path, log: log)
        // Generous windows: on a loaded machine starting `serve` alone can take many seconds.
        let sent = try await eventually(within: 90) { try !receiver.records().isEmpty }
        first.kill9()
        #expect(sent)
        #expect(try db.store.webhookDeliveries().first?.status == .inFlight)
        // then after a restart the claim lapses and the same message goes out again, and is delivered.
        let second = try ServeProcess(db: db.path, log: log)
        defer { second.stop() }
        let delivered = try await eventually(within: 90) { try db.store.webhookDeliveries().first?.status == .delivered }
        #expect(delivered, "\((try? String(contentsOf: log, encoding: .utf8)) ?? "")")
        let records = try receiver.records()
        #expect(records.count >= 2)
        #expect(records.allSatisfy { $0.verified && $0.id == "msg_\(alert.id)_1" })
        #expect(records.last?.duplicate == true)
    }

    @Test("webhooks commands: add prints the secret once, bad URLs exit 64, list, disable, enable, rotate, deliveries, replay")
    func commands() throws {
        let db = try TemporaryStore().withStandardMasterData()
        let ftp = try SupplyCastProcess.run(["webhooks", "add", "--db", db.path, "--url", "ftp://ops.example/h", "--events", "*"])
        #expect(ftp.status == 64)
        #expect(ftp.stderr.contains("must use http or https"))
        let offList = try SupplyCastProcess.run(
            ["webhooks", "add", "--db", db.path, "--url", "https://evil.example/h", "--events", "*"],
            environment: ["SUPPLYCAST_WEBHOOK_ALLOWED_HOSTS": "ops.example"])
        #expect(offList.status == 64)
        #expect(offList.stderr.contains("'evil.example' is not allowed"))
        let added = try SupplyCastProcess.run(["webhooks", "add", "--db", db.path, "--url", "https://ops.example/h",
                                               "--events", "shortage.*,case.*", "--site", "NORTH"])
        #expect(added.status == 0, "\(added.stderr)")
        let secret = added.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(secret.hasPrefix("whsec_"))
        let listed = try SupplyCastProcess.run(["webhooks", "list", "--db", db.path, "--format", "json"])
        #expect(listed.stdout.contains("https://ops.example/h") && !listed.stdout.contains(secret))
        #expect(try SupplyCastProcess.run(["webhooks", "disable", "--db", db.path, "1", "--reason", "maintenance"]).status == 0)
        #expect(try SupplyCastProcess.run(["webhooks", "list", "--db", db.path]).stdout.contains("maintenance"))
        #expect(try SupplyCastProcess.run(["webhooks", "enable", "--db", db.path, "1"]).status == 0)
        #expect(try db.store.webhook(id: 1).enabled)
        let rotated = try SupplyCastProcess.run(["webhooks", "rotate-secret", "--db", db.path, "1"])
        let next = rotated.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(rotated.status == 0 && next.hasPrefix("whsec_") && next != secret)
        #expect(try SupplyCastProcess.run(["webhooks", "rotate-secret", "--db", db.path, "9"]).status == 64)

        let alert = try AlertBuilder.shortage(db.store).alert
        let deliveries = try SupplyCastProcess.run(["webhooks", "deliveries", "--db", db.path])
        #expect(deliveries.stdout.contains("msg_\(alert.id)_1") && deliveries.stdout.contains("pending"))
        #expect(try SupplyCastProcess.run(["webhooks", "deliveries", "--db", db.path, "--status", "dead"]).stdout
            .contains("no webhook deliveries"))
        #expect(try SupplyCastProcess.run(["webhooks", "replay", "--db", db.path]).status == 64)
        let pending = try SupplyCastProcess.run(["webhooks", "replay", "--db", db.path, "--delivery", "1"])
        #expect(pending.status == 64 && pending.stderr.contains("still pending"))
        let alerts = try SupplyCastProcess.run(["alerts", "list", "--db", db.path, "--format", "json"])
        #expect(alerts.stdout.contains("\"kind\" : \"shortage.projected\"") && alerts.stdout.contains("\"onHand\" : 2"))
    }

    @Test("the same over HTTP for ops: list, add (201 with the secret), refusals, disable, deliveries, alerts")
    func http() async throws {
        let db = try TemporaryStore().withStandardMasterData()
        let ops = try db.store.createToken(name: "ops", role: .ops).secret
        let feed = try db.store.createToken(name: "feed", role: .integration).secret
        let server = try ServeProcess(db: db.path, log: db.folder.appendingPathComponent("serve.log"))
        defer { server.stop() }
        func call(_ method: HTTPMethod, _ path: String, token: String = ops, body: String? = nil) async throws
            -> (status: Int, body: String)
        {
            var request = HTTPClientRequest(url: "http://127.0.0.1:\(server.port)\(path)")
            request.method = method
            request.headers.add(name: "Authorization", value: "Bearer \(token)")
            if let body {
                request.headers.add(name: "Content-Type", value: "application/json")
                request.body = .bytes(ByteBuffer(string: body))
            }
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
            let text = String(buffer: try await response.body.collect(upTo: 1 << 20))
            return (Int(response.status.code), text)
        }
        #expect(try await call(.GET, "/v1/webhooks", token: feed).status == 403)
        #expect(try await call(.GET, "/v1/webhooks").body == "[]")
        let refused = try await call(.POST, "/v1/webhooks", body: #"{"url": "ftp://x.example/h", "events": ["*"]}"#)
        #expect(refused.status == 422 && refused.body.contains("http or https"))
        let added = try await call(.POST, "/v1/webhooks", body: #"{"url": "https://ops.example/h", "events": ["shortage.*"]}"#)
        #expect(added.status == 201 && added.body.contains("\"secret\":\"whsec_"))
        #expect(try await call(.POST, "/v1/webhooks/1/disable", body: #"{"reason": "night"}"#).body.contains("\"enabled\":false"))
        #expect(try await call(.POST, "/v1/webhooks/1/enable").body.contains("\"enabled\":true"))
        #expect(try await call(.POST, "/v1/webhooks/7/enable").status == 404)
        let rotated = try await call(.POST, "/v1/webhooks/1/rotate-secret", body: #"{"overlapSeconds": 60}"#)
        #expect(rotated.status == 200 && rotated.body.contains("previousSecretExpiresAt"))
        try AlertBuilder.shortage(db.store)
        let deliveries = try await call(.GET, "/v1/webhooks/deliveries?subscription=1")
        #expect(deliveries.status == 200 && deliveries.body.contains("shortage.projected"))
        #expect(try await call(.POST, "/v1/webhooks/replay", body: #"{"delivery": 99}"#).status == 404)
        let alerts = try await call(.GET, "/v1/alerts?kind=shortage.projected")
        #expect(alerts.status == 200 && alerts.body.contains("NORTH/HIP-STEM"))
    }
}

/// The demo as `make demo` runs it: a receiver subscribed before the planning runs gets their alerts, verified.
@Suite struct DemoAlertTests {
    @Test("the demo subscribes an operations receiver and every alert its planning runs raise arrives verified")
    func demoDeliversAlerts() throws {
        let db = try TemporaryStore()
        let secretFile = db.folder.appendingPathComponent("webhook-secret")
        let receiver = try WebhookReceiver(secretFile: secretFile, folder: db.folder)
        defer { receiver.stop() }
        let demo = try SupplyCastProcess.run([
            "demo", "--db", db.path, "--days", "30", "--out", db.folder.appendingPathComponent("data").path,
            "--webhook-url", receiver.url, "--webhook-secret-file", secretFile.path,
        ])
        #expect(demo.status == 0, "\(demo.stderr)")
        #expect(demo.stdout.contains("webhook deliveries"))
        let deliveries = try db.store.webhookDeliveries(limit: Int.max)
        #expect(!deliveries.isEmpty && deliveries.allSatisfy { $0.status == .delivered })
        let records = try receiver.records()
        #expect(records.count == deliveries.count && records.allSatisfy(\.verified))
        #expect(Set(records.compactMap(\.id)) == Set(deliveries.map(\.webhookId)))
        let types = Set(AlertKind.allCases.flatMap { [$0.rawValue, $0.rawValue + ".resolved"] })
        #expect(Set(records.compactMap(\.type)).isSubset(of: types))
    }
}
