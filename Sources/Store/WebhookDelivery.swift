import Foundation

/// One webhook message in the outbox as operations see it: which alert event, to which subscription, how it went.
public struct WebhookDelivery: Sendable, Codable {
    /// The outbox id (what `webhooks replay --delivery` takes).
    public var id: Int64
    public var subscription: Int64
    /// The `webhook-id` header: the same on every attempt and every replay.
    public var webhookId: String
    /// The event type, e.g. `shortage.projected.resolved`.
    public var type: String
    public var status: OutboxMessage.Status
    public var attempts: Int
    public var lastError: String?
    public var createdAt: Date
    public var nextAttemptAt: Date
    public var finishedAt: Date?

    init(_ message: OutboxMessage) {
        struct Envelope: Decodable { var type: String }
        id = message.id
        subscription = Int64(message.destination) ?? 0
        webhookId = message.messageId
        type = (try? JSONDecoder().decode(Envelope.self, from: message.payload).type) ?? "?"
        status = message.status
        attempts = message.attempts
        lastError = message.lastError
        createdAt = message.createdAt
        nextAttemptAt = message.nextAttemptAt
        finishedAt = message.finishedAt
    }
}
