import Foundation
import GRDB

/// An event whose source re-sent an id with different content; the first version stands until someone decides.
public struct EventConflict: Sendable, Codable {
    public var id: Int64
    public var source: String
    public var sourceId: String
    public var existingHash: String
    public var contentHash: String
    public var channel: String
    public var receivedAt: String
    public var status: String
    public var body: String
}

extension SupplyStore {
    public func conflicts(limit: Int = 100) throws -> [EventConflict] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM eventConflict ORDER BY id DESC LIMIT ?", arguments: [limit]).map { row in
                EventConflict(id: row["id"], source: row["source"], sourceId: row["sourceId"],
                              existingHash: row["existingHash"], contentHash: row["contentHash"], channel: row["channel"],
                              receivedAt: row["receivedAt"], status: row["status"],
                              body: String(decoding: row["body"] as Data, as: UTF8.self))
            }
        }
    }
}
