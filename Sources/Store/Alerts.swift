import Crypto
import Foundation
import GRDB
import Interop

/// Raises and resolves alerts inside the caller's transaction (a planning run, an append), deduplicated by kind
/// and subject: raising the same alert again tells no one anything unless it changed materially.
///
/// Every change ops are told about is logged (`alertChange`, which the daily digest reads) and goes to the webhook
/// fan-out in the same transaction (`AlertFanout`).
public enum Alerts {
    /// Days the key day of an alert (stockout, case day, expiry) may move before ops hear of it again.
    public static let defaultKeyDayTolerance = 2

    /// Opens the alert, or updates it when it changed materially since ops were last told: its severity changed,
    /// its key day moved by more than `keyDayTolerance` days, or the set of things it is about changed (see
    /// ``AlertSubstance``). `data` is a JSON object encoded with sorted keys.
    ///
    /// Any other change refreshes the stored data silently, so `alerts list` shows today's figures, without a new
    /// revision or message. The next comparison is still made with what ops were last told (`announcedData`), not
    /// with the silent refresh: a stockout day creeping one day a night is announced once it has crept past the
    /// tolerance, instead of never.
    @discardableResult
    public static func raise(
        _ db: Database, kind: AlertKind, subject: String, site: String?, severity: AlertSeverity, data: Data, now: Date,
        keyDayTolerance: Int = defaultKeyDayTolerance
    ) throws -> AlertChange {
        let hash = SHA256.hash(data: data).hexString
        let moment = now.timeIntervalSince1970
        if let row = try Row.fetchOne(db, sql: "SELECT * FROM alert WHERE kind = ? AND subject = ? AND state != 'resolved'",
                                      arguments: [kind.rawValue, subject]) {
            let existing = alert(row)
            guard existing.severity != severity || (row["dataHash"] as String) != hash else {
                return AlertChange(alert: existing, changed: false)
            }
            let told = AlertSubstance(kind: kind, subject: subject, data: row["announcedData"] ?? existing.data)
            let material = existing.severity != severity
                || AlertSubstance(kind: kind, subject: subject, data: data)
                    .differsMaterially(from: told, keyDayTolerance: keyDayTolerance)
            guard material else {
                try db.execute(sql: "UPDATE alert SET data = ?, dataHash = ? WHERE id = ?",
                               arguments: [data, hash, existing.id])
                var refreshed = existing
                refreshed.data = data
                return AlertChange(alert: refreshed, changed: false)
            }
            try db.execute(sql: """
                UPDATE alert SET severity = ?, state = 'updated', data = ?, announcedData = ?, dataHash = ?,
                    revision = revision + 1, updatedAt = ? WHERE id = ?
                """, arguments: [severity.rawValue, data, data, hash, moment, existing.id])
            return try announce(db, id: existing.id, now: now)
        }
        try db.execute(sql: """
            INSERT INTO alert (kind, subject, site, severity, state, data, announcedData, dataHash, openedAt, updatedAt)
            VALUES (?, ?, ?, ?, 'open', ?, ?, ?, ?, ?)
            """, arguments: [kind.rawValue, subject, site, severity.rawValue, data, data, hash, moment, moment])
        return try announce(db, id: db.lastInsertedRowID, now: now)
    }

    /// Resolves the live alert of this kind and subject, if any.
    @discardableResult
    public static func resolve(_ db: Database, kind: AlertKind, subject: String, now: Date) throws -> Alert? {
        guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM alert WHERE kind = ? AND subject = ? AND state != 'resolved'",
                                          arguments: [kind.rawValue, subject]) else { return nil }
        try db.execute(sql: "UPDATE alert SET state = 'resolved', resolvedAt = ?, updatedAt = ?, revision = revision + 1 WHERE id = ?",
                       arguments: [now.timeIntervalSince1970, now.timeIntervalSince1970, id])
        return try announce(db, id: id, now: now).alert
    }

    /// Resolves every live alert of `kind` (at `site`, when given) whose subject is not in `stillOpen`: for runs
    /// that recompute the whole set. Returns how many it resolved.
    @discardableResult
    public static func resolveAll(_ db: Database, kind: AlertKind, site: String?, except stillOpen: Set<String>,
                                  now: Date) throws -> Int {
        var sql = "SELECT subject FROM alert WHERE kind = ? AND state != 'resolved'"
        var arguments: StatementArguments = [kind.rawValue]
        if let site {
            sql += " AND site = ?"
            _ = arguments.append(contentsOf: [site])
        }
        var resolved = 0
        for subject in try String.fetchAll(db, sql: sql, arguments: arguments) where !stillOpen.contains(subject) {
            try resolve(db, kind: kind, subject: subject, now: now)
            resolved += 1
        }
        return resolved
    }

    /// Logs the change for the digest and hands it to the fan-out.
    private static func announce(_ db: Database, id: Int64, now: Date) throws -> AlertChange {
        let stored = alert(try Row.fetchOne(db, sql: "SELECT * FROM alert WHERE id = ?", arguments: [id])!)
        let change = switch stored.state {
        case .open: "opened"
        case .updated: "updated"
        case .resolved: "resolved"
        }
        try db.execute(sql: "INSERT INTO alertChange (alert, site, change, revision, at) VALUES (?, ?, ?, ?, ?)",
                       arguments: [stored.id, stored.site, change, stored.revision, now.timeIntervalSince1970])
        try AlertFanout.enqueue(db, alert: stored, now: now)
        return AlertChange(alert: stored, changed: true)
    }

    static func alert(_ row: Row) -> Alert {
        Alert(id: row["id"], kind: AlertKind(rawValue: row["kind"]) ?? .shortageProjected, subject: row["subject"],
              site: row["site"], severity: AlertSeverity(rawValue: row["severity"]) ?? .warning,
              state: Alert.State(rawValue: row["state"]) ?? .open, data: row["data"], revision: row["revision"],
              openedAt: Date(timeIntervalSince1970: row["openedAt"]), updatedAt: Date(timeIntervalSince1970: row["updatedAt"]),
              resolvedAt: (row["resolvedAt"] as Double?).map(Date.init(timeIntervalSince1970:)))
    }
}

extension SupplyStore {
    /// Alerts, newest first; live ones only unless `includeResolved`.
    public func alerts(kind: AlertKind? = nil, site: String? = nil, includeResolved: Bool = false, limit: Int = 200) throws -> [Alert] {
        try pool.read { db in
            var sql = "SELECT * FROM alert WHERE 1 = 1"
            var arguments: StatementArguments = []
            if let kind {
                sql += " AND kind = ?"
                _ = arguments.append(contentsOf: [kind.rawValue])
            }
            if let site {
                sql += " AND site = ?"
                _ = arguments.append(contentsOf: [site])
            }
            if !includeResolved { sql += " AND state != 'resolved'" }
            sql += " ORDER BY updatedAt DESC, id DESC LIMIT ?"
            _ = arguments.append(contentsOf: [limit])
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map(Alerts.alert)
        }
    }
}
