import Store

/// Sends outbox messages of one channel to the outside world (an ERP, webhook receivers).
///
/// A connector makes exactly one attempt and says what became of it; the relay owns retries and bookkeeping.
public protocol Connector: Sendable {
    /// The outbox channel this connector serves (`erp`, `webhook`).
    var channel: String { get }
    /// When to try again after failed attempts.
    var schedule: RetrySchedule { get }
    func deliver(_ message: OutboxMessage) async -> DeliveryOutcome
    /// Called once a message is finished for good (delivered, rejected, gone, dead), after it is recorded.
    func finished(_ message: OutboxMessage, outcome: DeliveryOutcome, dead: Bool) async
}

extension Connector {
    public func finished(_ message: OutboxMessage, outcome: DeliveryOutcome, dead: Bool) async {}
}
