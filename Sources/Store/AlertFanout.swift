import Foundation
import GRDB

/// Turns an alert change into outbox messages for the webhook subscriptions that want it, in the transaction that
/// changed the alert: the change and its messages commit together or not at all.
///
/// Each message is a Standard Webhooks body `{"type", "timestamp", "data"}` with the `webhook-id`
/// `msg_<alertId>_<revision>`, stable across retries and replays; the relay signs it at send time.
enum AlertFanout {
    /// Keys never sent to a receiver, whatever a caller put into an alert's data.
    static let patientKeys: Set<String> = ["patient", "patientId", "patientReference", "mrn", "encounter", "encounterId"]

    /// Queues the change for every enabled immediate subscription that wants its type and site.
    static func enqueue(_ db: Database, alert: Alert, now: Date) throws {
        let type = alert.state == .resolved ? alert.kind.rawValue + ".resolved" : alert.kind.rawValue
        let subscriptions = try Row.fetchAll(db, sql: "SELECT * FROM webhookSubscription WHERE enabled ORDER BY id")
            .map(SupplyStore.webhookSubscription)
            .filter { $0.wants(type: type, site: alert.site) }
        guard !subscriptions.isEmpty else { return }
        let payload = try body(alert, type: type, now: now)
        let messageId = "msg_\(alert.id)_\(alert.revision)"
        for subscription in subscriptions {
            try Outbox.enqueue(db, channel: webhookChannel, destination: String(subscription.id), messageId: messageId,
                               payload: payload, now: now)
        }
    }

    /// The event body: the alert's own data plus who, where and how bad, with sorted keys.
    static func body(_ alert: Alert, type: String, now: Date) throws -> Data {
        var data = withoutPatientKeys((try? JSONSerialization.jsonObject(with: alert.data)) ?? [:]) as? [String: Any] ?? [:]
        data["alertId"] = alert.id
        data["revision"] = alert.revision
        data["severity"] = alert.severity.rawValue
        data["state"] = alert.state.rawValue
        data["subject"] = alert.subject
        data["site"] = alert.site ?? NSNull()
        return try envelope(type: type, data: data, now: now)
    }

    /// `{"type", "timestamp", "data"}` with sorted keys; patient keys are dropped from `data` at any depth.
    static func envelope(type: String, data: Any, now: Date) throws -> Data {
        let envelope: [String: Any] = ["type": type, "timestamp": rfc3339(now), "data": withoutPatientKeys(data)]
        return try JSONSerialization.data(withJSONObject: envelope, options: [.sortedKeys, .withoutEscapingSlashes])
    }

    /// The JSON value with every object's patient keys removed, however deep it sits (a case inside a list inside
    /// the data is still a case).
    static func withoutPatientKeys(_ value: Any) -> Any {
        switch value {
        case let object as [String: Any]:
            object.filter { !patientKeys.contains($0.key) }.mapValues(withoutPatientKeys)
        case let list as [Any]:
            list.map(withoutPatientKeys)
        default:
            value
        }
    }

    private static func rfc3339(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }
}
