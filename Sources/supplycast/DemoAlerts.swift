import Delivery
import Foundation
import NIOCore
import Store

extension SupplyCast.Demo {
    /// Subscribes the demo's operations receiver to every alert before the planning runs raise them, and leaves
    /// the signing secret where the receiver reads it.
    func subscribeDemoReceiver(_ store: SupplyStore, url: String) throws {
        let (subscription, secret) = try store.addWebhook(url: url, events: ["*"])
        if let webhookSecretFile {
            try Data(secret.utf8).write(to: URL(fileURLWithPath: webhookSecretFile), options: .atomic)
        }
        printNote("subscribed \(url) to every alert (subscription \(subscription.id); secret in \(webhookSecretFile ?? "stdout"))")
        if webhookSecretFile == nil { print(secret) }
    }

    /// Runs the outbox relay, as `supplycast serve` would, until every alert of the demo has reached the receiver
    /// or given up, then prints what happened to each kind.
    func deliverDemoAlerts(_ store: SupplyStore) async throws {
        let connector = WebhookConnector(store: store, schedule: RetrySchedule.standardWebhooks.scaled(by: 0.001),
                                         timeout: .seconds(5))
        let relay = Relay(store: store, connectors: [connector], lease: 10)
        let deadline = Date().addingTimeInterval(60)
        var deliveries = try store.webhookDeliveries(limit: Int.max)
        while Date() < deadline, deliveries.contains(where: { $0.status == .pending || $0.status == .inFlight }) {
            try await relay.runOnce()
            try await Task.sleep(for: .milliseconds(50))
            deliveries = try store.webhookDeliveries(limit: Int.max)
        }
        try await connector.shutdown()
        var byType: [String: [OutboxMessage.Status: Int]] = [:]
        for delivery in deliveries { byType[delivery.type, default: [:]][delivery.status, default: 0] += 1 }
        print("")
        print("webhook deliveries (Standard Webhooks, signed, from the outbox):")
        for (type, statuses) in byType.sorted(by: { $0.key < $1.key }) {
            let text = statuses.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.value) \($0.key.rawValue)" }
            print("  \(type): \(text.joined(separator: ", "))")
        }
        if deliveries.isEmpty { print("  none: the planning runs raised no alerts") }
    }
}
