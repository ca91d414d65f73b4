import Foundation

/// One message waiting in (or gone from) the outbox.
public struct OutboxMessage: Sendable, Codable, Hashable {
    public enum Status: String, Sendable, Codable {
        /// Waiting for its next attempt.
        case pending
        /// Claimed by a relay; if the relay dies, the claim lapses and the message is sent again (same id).
        case inFlight
        case delivered
        /// The receiver refused it for good (a 4xx that retrying cannot fix).
        case rejected
        /// Every attempt of the retry schedule failed.
        case dead
        case cancelled
    }

    public var id: Int64
    /// `erp`, `webhook`, …: which connector delivers it.
    public var channel: String
    /// The connector's target: an ERP connector name, a webhook subscription id.
    public var destination: String
    /// Stable across attempts: the `Idempotency-Key` / `webhook-id` the receiver deduplicates on.
    public var messageId: String
    public var payload: Data
    public var status: Status
    public var attempts: Int
    public var nextAttemptAt: Date
    public var lastError: String?
    public var response: String?
    public var createdAt: Date
    public var finishedAt: Date?
}

/// What became of one delivery attempt, as the relay records it.
public enum DeliveryOutcome: Sendable, Equatable {
    /// The receiver has it; `response` is what it answered (e.g. the ERP's own id).
    case delivered(response: String?, statusCode: Int?)
    /// Try again later (timeout, connection refused, 5xx, 429); `retryAfter` when the receiver said when.
    case retryable(error: String, statusCode: Int?, retryAfter: TimeInterval?)
    /// The receiver refused it for good (4xx); no more attempts.
    case rejected(error: String, statusCode: Int?)
    /// The destination is gone (410): no more attempts, and the subscription should be disabled.
    case gone(error: String, statusCode: Int?)
}

/// One attempt to record, with what became of it.
public struct DeliveryRecord: Sendable {
    public var messageId: Int64
    public var outcome: DeliveryOutcome
    /// When to try again; nil for a retryable outcome means the schedule is exhausted (dead).
    public var retryAt: Date?
    public var attemptedAt: Date
    public var duration: TimeInterval

    public init(messageId: Int64, outcome: DeliveryOutcome, retryAt: Date?, attemptedAt: Date, duration: TimeInterval) {
        self.messageId = messageId
        self.outcome = outcome
        self.retryAt = retryAt
        self.attemptedAt = attemptedAt
        self.duration = duration
    }
}

/// One recorded attempt.
public struct DeliveryAttempt: Sendable, Codable {
    public var id: Int64
    public var outboxId: Int64
    public var attemptedAt: Date
    public var outcome: String
    public var statusCode: Int?
    public var error: String?
    public var durationMs: Double
}
