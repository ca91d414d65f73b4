import Crypto
import Foundation
import GRDB
import Interop
import SupplyDomain

/// Writes dead letters: the same bad record delivered again adds to the open letter instead of a second one.
enum DeadLetterBox {
    static func put(
        _ db: Database, channel: String, source: String?, sourceId: String?, type: String?, problem: EventProblem,
        original: Data, receivedAt: String
    ) throws -> Int64 {
        let hash = SHA256.hash(data: original).hexString
        return try Int64.fetchOne(db.cachedStatement(sql: """
            INSERT INTO deadLetter (channel, source, sourceId, type, reason, field, message, original, originalHash, receivedAt)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (originalHash) WHERE status = 'open' DO UPDATE SET
                occurrences = occurrences + 1, channel = excluded.channel, reason = excluded.reason,
                field = excluded.field, message = excluded.message, receivedAt = excluded.receivedAt
            RETURNING id
            """), arguments: [channel, source, sourceId, type, problem.reason.rawValue, problem.field, problem.message,
                              original, hash, receivedAt])!
    }
}
