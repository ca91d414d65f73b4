import Foundation
import GRDB
import Interop
import SupplyDomain

extension SupplyStore {
    /// Dead letters, newest first; `status` nil lists all.
    public func deadLetters(status: String? = "open", reason: String? = nil, limit: Int = 100) throws -> [DeadLetter] {
        try pool.read { db in
            var conditions: [String] = []
            var arguments: StatementArguments = []
            if let status {
                conditions.append("status = ?")
                _ = arguments.append(contentsOf: [status])
            }
            if let reason {
                conditions.append("reason = ?")
                _ = arguments.append(contentsOf: [reason])
            }
            let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
            _ = arguments.append(contentsOf: [limit])
            return try Row.fetchAll(db, sql: "SELECT * FROM deadLetter \(filter) ORDER BY id DESC LIMIT ?",
                                    arguments: arguments).map(Self.deadLetter)
        }
    }

    public func deadLetter(id: Int64) throws -> DeadLetter {
        guard let row = try pool.read({ db in try Row.fetchOne(db, sql: "SELECT * FROM deadLetter WHERE id = ?", arguments: [id]) })
        else { throw StoreError.notFound(what: "dead letter", id: "\(id)") }
        return Self.deadLetter(row)
    }

    /// Decodes a dead letter's original bytes again and appends them (after master data or a feed was fixed).
    /// On success the letter is resolved; otherwise it stays open with the latest reason.
    public func retryDeadLetter(id: Int64, decoder: EventDecoder = EventDecoder(), now: Date = Date()) throws -> AppendResult {
        let letter = try deadLetter(id: id)
        guard letter.status == "open" else {
            throw StoreError.invalidRequest("dead letter \(id) is already \(letter.status)")
        }
        let decoded = decoder.decodeRecord(letter.original, at: SourcePosition(origin: "deadletter", record: Int(id)))
        let stamp = now.iso8601
        return try pool.write { db in
            var appender = EventAppender(db: db, masterData: try masterData.snapshot(db), receivedAt: stamp, now: now)
            let result = try appender.appendAll([decoded])[0]
            switch result.outcome {
            case .accepted(let seq), .duplicate(let seq):
                try db.execute(sql: "UPDATE deadLetter SET status = 'resolved', resolvedAt = ?, resolution = ? WHERE id = ?",
                               arguments: [stamp, "appended as event \(seq)", id])
            case .conflict(let conflictId):
                try db.execute(sql: "UPDATE deadLetter SET status = 'resolved', resolvedAt = ?, resolution = ? WHERE id = ?",
                               arguments: [stamp, "recorded as conflict \(conflictId)", id])
            case .rejected:
                // The same bytes land on this same open letter, which now carries the latest reason.
                break
            }
            return result
        }
    }

    private static func deadLetter(_ row: Row) -> DeadLetter {
        DeadLetter(
            id: row["id"], channel: row["channel"], source: row["source"], sourceId: row["sourceId"], type: row["type"],
            reason: row["reason"], field: row["field"], message: row["message"], occurrences: row["occurrences"],
            receivedAt: row["receivedAt"], status: row["status"], resolvedAt: row["resolvedAt"],
            resolution: row["resolution"], original: row["original"])
    }
}
