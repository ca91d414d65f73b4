import Crypto
import Foundation
import GRDB
import Interop

/// A bearer token as listed (its secret is never stored).
public struct TokenInfo: Sendable, Codable {
    public var id: Int64
    public var name: String
    public var role: Role
    public var createdAt: String
    public var revokedAt: String?
}

extension SupplyStore {
    /// Creates a token for `role` and returns its secret, which is shown once: only its SHA-256 is stored.
    public func createToken(name: String, role: Role, now: Date = Date()) throws -> (info: TokenInfo, secret: String) {
        var random = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &random) }
        let secret = "sc_" + Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        let stamp = now.iso8601
        let id = try pool.write { db in
            try db.execute(sql: "INSERT INTO apiToken (name, role, tokenHash, createdAt) VALUES (?, ?, ?, ?)",
                           arguments: [name, role.rawValue, Self.tokenHash(secret), stamp])
            return db.lastInsertedRowID
        }
        return (TokenInfo(id: id, name: name, role: role, createdAt: stamp, revokedAt: nil), secret)
    }

    /// The live token a secret belongs to, or nil.
    public func token(forSecret secret: String) async throws -> TokenInfo? {
        let hash = Self.tokenHash(secret)
        return try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM apiToken WHERE tokenHash = ? AND revokedAt IS NULL", arguments: [hash])
                .map(Self.tokenInfo)
        }
    }

    public func tokens() throws -> [TokenInfo] {
        try pool.read { db in try Row.fetchAll(db, sql: "SELECT * FROM apiToken ORDER BY id").map(Self.tokenInfo) }
    }

    public func revokeToken(id: Int64, now: Date = Date()) throws {
        try pool.write { db in
            try db.execute(sql: "UPDATE apiToken SET revokedAt = ? WHERE id = ? AND revokedAt IS NULL",
                           arguments: [now.iso8601, id])
            if db.changesCount == 0 { throw StoreError.notFound(what: "live token", id: "\(id)") }
        }
    }

    static func tokenHash(_ secret: String) -> String {
        SHA256.hash(data: Data(secret.utf8)).hexString
    }

    private static func tokenInfo(_ row: Row) -> TokenInfo {
        TokenInfo(id: row["id"], name: row["name"], role: Role(rawValue: row["role"]) ?? .integration,
                  createdAt: row["createdAt"], revokedAt: row["revokedAt"])
    }
}
