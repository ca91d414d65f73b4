import Foundation
import GRDB

/// Writes into the outbox from inside another write transaction (a planning run, an alert), so the decision
/// and the message commit together; nothing is ever sent inside a transaction.
public enum Outbox {
    /// Enqueues a message once: the same channel + destination + messageId again returns the existing row's id.
    @discardableResult
    public static func enqueue(
        _ db: Database, channel: String, destination: String, messageId: String, payload: Data, now: Date
    ) throws -> Int64 {
        try db.execute(sql: """
            INSERT INTO outbox (channel, destination, messageId, payload, nextAttemptAt, createdAt)
            VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (channel, destination, messageId) DO NOTHING
            """, arguments: [channel, destination, messageId, payload, now.timeIntervalSince1970, now.timeIntervalSince1970])
        return try Int64.fetchOne(db, sql: "SELECT id FROM outbox WHERE channel = ? AND destination = ? AND messageId = ?",
                                  arguments: [channel, destination, messageId])!
    }
}

extension SupplyStore {
    /// Claims up to `limit` due messages of a channel for `lease` seconds. Messages whose claim lapsed (the relay
    /// that held them died mid-send) are due again and go out with the same message id.
    public func claimDueMessages(channel: String, limit: Int = 32, now: Date = Date(), lease: TimeInterval = 60)
        async throws -> [OutboxMessage]
    {
        let moment = now.timeIntervalSince1970
        return try await pool.write { db in
            try Row.fetchAll(db, sql: """
                UPDATE outbox SET status = 'inFlight', claimedUntil = ?
                WHERE id IN (
                    SELECT id FROM outbox
                    WHERE channel = ? AND ((status = 'pending' AND nextAttemptAt <= ?) OR (status = 'inFlight' AND claimedUntil < ?))
                    ORDER BY nextAttemptAt, id LIMIT ?)
                RETURNING *
                """, arguments: [moment + lease, channel, moment, moment, limit]).map(Self.outboxMessage)
                .sorted { $0.id < $1.id }
        }
    }

    /// Records an attempt and moves the message on: delivered, rejected, dead, or pending again at `retryAt`
    /// (nil when the retry schedule is exhausted, which makes it dead).
    public func recordDelivery(
        of messageId: Int64, outcome: DeliveryOutcome, retryAt: Date?, attemptedAt: Date, duration: TimeInterval
    ) async throws {
        try await recordDeliveries([DeliveryRecord(messageId: messageId, outcome: outcome, retryAt: retryAt,
                                                   attemptedAt: attemptedAt, duration: duration)])
    }

    /// Records a relay pass's attempts in one transaction: one commit (and one sync to disk) for the pass, not one
    /// per message. Until it commits the messages stay claimed, so a crash sends them again with the same id.
    public func recordDeliveries(_ records: [DeliveryRecord]) async throws {
        guard !records.isEmpty else { return }
        try await pool.write { db in
            for record in records {
                try Self.record(db, record)
            }
        }
    }

    private static func record(_ db: Database, _ record: DeliveryRecord) throws {
        let (messageId, outcome, retryAt, attemptedAt) = (record.messageId, record.outcome, record.retryAt, record.attemptedAt)
        let (label, statusCode, error): (String, Int?, String?) = switch outcome {
        case .delivered(_, let code): ("delivered", code, nil)
        case .retryable(let error, let code, _): ("retryable", code, error)
        case .rejected(let error, let code): ("rejected", code, error)
        case .gone(let error, let code): ("gone", code, error)
        }
        try db.execute(sql: """
            INSERT INTO deliveryAttempt (outboxId, attemptedAt, outcome, statusCode, error, durationMs)
            VALUES (?, ?, ?, ?, ?, ?)
            """, arguments: [messageId, attemptedAt.timeIntervalSince1970, label, statusCode, error, record.duration * 1000])
        let finished = attemptedAt.timeIntervalSince1970
        switch outcome {
        case .delivered(let response, _):
            try db.execute(sql: """
                UPDATE outbox SET status = 'delivered', attempts = attempts + 1, response = ?, finishedAt = ?,
                    claimedUntil = NULL WHERE id = ?
                """, arguments: [response, finished, messageId])
        case .retryable(let error, _, _):
            if let retryAt {
                try db.execute(sql: """
                    UPDATE outbox SET status = 'pending', attempts = attempts + 1, lastError = ?, nextAttemptAt = ?,
                        claimedUntil = NULL WHERE id = ?
                    """, arguments: [error, retryAt.timeIntervalSince1970, messageId])
            } else {
                try db.execute(sql: """
                    UPDATE outbox SET status = 'dead', attempts = attempts + 1, lastError = ?, finishedAt = ?,
                        claimedUntil = NULL WHERE id = ?
                    """, arguments: [error, finished, messageId])
            }
        case .rejected(let error, _), .gone(let error, _):
            try db.execute(sql: """
                UPDATE outbox SET status = 'rejected', attempts = attempts + 1, lastError = ?, finishedAt = ?,
                    claimedUntil = NULL WHERE id = ?
                """, arguments: [error, finished, messageId])
        }
    }

    /// Puts a finished message back in the queue (replay): it goes out again with the same message id.
    public func requeueMessage(id: Int64, now: Date = Date()) throws {
        try pool.write { db in
            try db.execute(sql: """
                UPDATE outbox SET status = 'pending', nextAttemptAt = ?, claimedUntil = NULL, finishedAt = NULL
                WHERE id = ? AND status != 'inFlight'
                """, arguments: [now.timeIntervalSince1970, id])
            if db.changesCount == 0 { throw StoreError.notFound(what: "finished outbox message", id: "\(id)") }
        }
    }

    /// Messages of a channel, newest first, optionally of one status.
    public func outboxMessages(channel: String?, status: OutboxMessage.Status? = nil, limit: Int = 100) throws -> [OutboxMessage] {
        try pool.read { db in
            var sql = "SELECT * FROM outbox WHERE 1 = 1"
            var arguments: StatementArguments = []
            if let channel {
                sql += " AND channel = ?"
                _ = arguments.append(contentsOf: [channel])
            }
            if let status {
                sql += " AND status = ?"
                _ = arguments.append(contentsOf: [status.rawValue])
            }
            sql += " ORDER BY id DESC LIMIT ?"
            _ = arguments.append(contentsOf: [limit])
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map(Self.outboxMessage)
        }
    }

    /// Every attempt made for one message, oldest first.
    public func deliveryAttempts(outboxId: Int64) throws -> [DeliveryAttempt] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM deliveryAttempt WHERE outboxId = ? ORDER BY id", arguments: [outboxId]).map { row in
                DeliveryAttempt(id: row["id"], outboxId: row["outboxId"],
                                attemptedAt: Date(timeIntervalSince1970: row["attemptedAt"]), outcome: row["outcome"],
                                statusCode: row["statusCode"], error: row["error"], durationMs: row["durationMs"])
            }
        }
    }

    static func outboxMessage(_ row: Row) -> OutboxMessage {
        OutboxMessage(
            id: row["id"], channel: row["channel"], destination: row["destination"], messageId: row["messageId"],
            payload: row["payload"], status: OutboxMessage.Status(rawValue: row["status"]) ?? .pending,
            attempts: row["attempts"], nextAttemptAt: Date(timeIntervalSince1970: row["nextAttemptAt"]),
            lastError: row["lastError"], response: row["response"],
            createdAt: Date(timeIntervalSince1970: row["createdAt"]),
            finishedAt: (row["finishedAt"] as Double?).map(Date.init(timeIntervalSince1970:)))
    }
}
