import Foundation
import GRDB
import SupplyDomain

extension SupplyStore {
    /// Cases of a site, optionally within days and of one status, ordered by start time.
    public func cases(site: String?, from: LocalDate? = nil, to: LocalDate? = nil, status: CaseStatus? = nil,
                      limit: Int = 1000) throws -> [CaseBookEntry] {
        try pool.read { db in
            var sql = "SELECT * FROM surgicalCase WHERE coalesce(scheduledDay, 0) BETWEEN ? AND ?"
            var arguments: StatementArguments = [from?.dayNumber ?? Int.min, to?.dayNumber ?? Int.max]
            if let site {
                sql += " AND site = ?"
                _ = arguments.append(contentsOf: [site])
            }
            if let status {
                sql += " AND status = ?"
                _ = arguments.append(contentsOf: [status.rawValue])
            }
            sql += " ORDER BY scheduledFor, site, caseId LIMIT ?"
            _ = arguments.append(contentsOf: [limit])
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
                CaseBookEntry(site: row["site"], caseId: row["caseId"], procedure: row["procedure"],
                              surgeon: row["surgeon"],
                              scheduledFor: (row["scheduledFor"] as Double?).map { Timestamp(secondsSinceEpoch: $0).description },
                              status: row["status"])
            }
        }
    }

    /// Daily usage of one item (or all items) at a site (or all sites).
    public func usage(site: String?, item: String?, from: LocalDate? = nil, to: LocalDate? = nil) throws -> [UsageDay] {
        try pool.read { db in
            var sql = "SELECT * FROM usageDay WHERE day BETWEEN ? AND ?"
            var arguments: StatementArguments = [from?.dayNumber ?? Int.min, to?.dayNumber ?? Int.max]
            if let site {
                sql += " AND site = ?"
                _ = arguments.append(contentsOf: [site])
            }
            if let item {
                sql += " AND item = ?"
                _ = arguments.append(contentsOf: [item])
            }
            sql += " ORDER BY site, item, day"
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
                UsageDay(site: row["site"], item: row["item"], day: LocalDate(dayNumber: row["day"]), quantity: row["quantity"])
            }
        }
    }

    /// Stock balances of a site (all sites when nil), optionally one item, optionally only negative ones.
    public func stock(site: String?, item: String? = nil, negativeOnly: Bool = false) throws -> [StockBalance] {
        try pool.read { db in
            var conditions: [String] = []
            var arguments: StatementArguments = []
            if let site {
                conditions.append("b.site = ?")
                _ = arguments.append(contentsOf: [site])
            }
            if let item {
                conditions.append("b.item = ?")
                _ = arguments.append(contentsOf: [item])
            }
            if negativeOnly { conditions.append("b.quantity < 0") }
            let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
            return try Row.fetchAll(db, sql: """
                SELECT b.*, l.expiry FROM stockBalance b LEFT JOIN lot l ON l.item = b.item AND l.lot = b.lot
                \(filter) ORDER BY b.site, b.item, b.location, b.lot, b.serial
                """, arguments: arguments).map { row in
                StockBalance(site: row["site"], location: row["location"], item: row["item"], lot: row["lot"],
                             serial: row["serial"], quantity: row["quantity"],
                             expiry: (row["expiry"] as Int?).map(LocalDate.init(dayNumber:)),
                             countedAt: (row["countedAt"] as Double?).map { Timestamp(secondsSinceEpoch: $0).description })
            }
        }
    }

    /// What the store holds, in counts.
    public func summary() throws -> StoreSummary {
        try pool.read { db in
            func count(_ sql: String) throws -> Int { try Int.fetchOne(db, sql: sql) ?? 0 }
            var byType: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT type, count(*) AS n FROM event GROUP BY type") {
                byType[row["type"]] = row["n"]
            }
            var cases: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT status, count(*) AS n FROM surgicalCase GROUP BY status") {
                cases[row["status"]] = row["n"]
            }
            return StoreSummary(
                sites: try count("SELECT count(*) FROM site"),
                items: try count("SELECT count(*) FROM item"),
                preferenceCardLines: try count("SELECT count(*) FROM preferenceCardLine"),
                events: byType.values.reduce(0, +), eventsByType: byType,
                openDeadLetters: try count("SELECT count(*) FROM deadLetter WHERE status = 'open'"),
                openConflicts: try count("SELECT count(*) FROM eventConflict WHERE status = 'open'"),
                cases: cases,
                negativeStockBalances: try count("SELECT count(*) FROM stockBalance WHERE quantity < 0"))
        }
    }

    /// Whether the database answers (for readiness probes).
    public func ping() async throws {
        _ = try await pool.read { db in try Int.fetchOne(db, sql: "SELECT 1") }
    }
}
