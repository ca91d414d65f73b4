import Foundation
import Logging
import Store

/// Claims due outbox messages and hands them to their connector, recording every attempt.
///
/// Delivery is at least once with a stable message id: a relay that dies mid-send leaves its claim to lapse, and
/// the message goes out again with the same id for the receiver to deduplicate.
public struct Relay: Sendable {
    public let store: SupplyStore
    public let connectors: [any Connector]
    public var lease: TimeInterval
    public var logger: Logger

    public init(store: SupplyStore, connectors: [any Connector], lease: TimeInterval = 60,
                logger: Logger = Logger(label: "supplycast.relay")) {
        self.store = store
        self.connectors = connectors
        self.lease = lease
        self.logger = logger
    }

    /// Sends every message that is due now, once; returns how many attempts were made.
    @discardableResult
    public func runOnce(now: @escaping @Sendable () -> Date = Date.init) async throws -> Int {
        var attempts = 0
        for connector in connectors {
            while true {
                let due = try await store.claimDueMessages(channel: connector.channel, limit: 32, now: now(), lease: lease)
                if due.isEmpty { break }
                let records = await withTaskGroup(of: (OutboxMessage, DeliveryRecord).self) { group in
                    for message in due {
                        group.addTask { (message, await attempt(message, with: connector, now: now)) }
                    }
                    return await group.reduce(into: []) { $0.append($1) }
                }
                do {
                    try await store.recordDeliveries(records.map(\.1))
                } catch {
                    logger.error("could not record a pass of delivery attempts; its messages will be sent again",
                                 metadata: ["channel": "\(connector.channel)", "error": "\(error)"])
                    break
                }
                for (message, record) in records {
                    await settled(message, record, with: connector)
                }
                attempts += due.count
            }
        }
        return attempts
    }

    /// Runs until cancelled, polling for due messages every `interval` seconds.
    public func run(interval: TimeInterval = 1) async {
        while !Task.isCancelled {
            do {
                try await runOnce()
            } catch {
                logger.error("relay pass failed", metadata: ["error": "\(error)"])
            }
            try? await Task.sleep(for: .seconds(interval))
        }
    }

    /// One attempt, and when to try again if it failed.
    private func attempt(_ message: OutboxMessage, with connector: any Connector, now: @escaping @Sendable () -> Date)
        async -> DeliveryRecord
    {
        let started = now()
        let clock = ContinuousClock.now
        let outcome = await connector.deliver(message)
        let elapsed = ContinuousClock.now - clock
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        var retryAt: Date?
        if case .retryable(_, _, let retryAfter) = outcome {
            retryAt = connector.schedule.nextAttempt(after: message.attempts + 1, from: now(), retryAfter: retryAfter)
        }
        return DeliveryRecord(messageId: message.id, outcome: outcome, retryAt: retryAt, attemptedAt: started,
                              duration: seconds)
    }

    /// After the attempt is recorded: logs it, and tells the connector about messages that are finished.
    private func settled(_ message: OutboxMessage, _ record: DeliveryRecord, with connector: any Connector) async {
        let outcome = record.outcome
        let dead = { if case .retryable = outcome { return record.retryAt == nil } else { return false } }()
        if case .retryable = outcome, !dead {
            logger.notice("delivery failed, will retry", metadata: [
                "channel": "\(message.channel)", "outbox": "\(message.id)", "attempt": "\(message.attempts + 1)",
            ])
            return
        }
        if dead {
            logger.error("delivery gave up after the last attempt", metadata: ["channel": "\(message.channel)", "outbox": "\(message.id)"])
        }
        await connector.finished(message, outcome: outcome, dead: dead)
    }
}
