import Foundation
import GRDB
import Store
import SupplyDomain

/// Raises test alerts the way a planning run does: inside a write transaction.
public enum AlertBuilder {
    /// A `shortage.projected` for `item` at `site`, running short on `stockout`.
    @discardableResult
    public static func shortage(_ store: SupplyStore, item: String = "HIP-STEM", site: String = "NORTH",
                                severity: AlertSeverity = .warning, onHand: Int = 2, stockout: String = "2026-11-12",
                                extra: [String: Any] = [:], keyDayTolerance: Int = Alerts.defaultKeyDayTolerance,
                                now: Date = Date()) throws -> AlertChange {
        var data: [String: Any] = ["item": item, "site": site, "onHand": onHand, "stockoutDate": stockout]
        data.merge(extra) { $1 }
        let bytes = try JSONSerialization.data(withJSONObject: data, options: [.sortedKeys])
        return try store.pool.write { db in
            try Alerts.raise(db, kind: .shortageProjected, subject: "\(site)/\(item)", site: site, severity: severity,
                             data: bytes, now: now, keyDayTolerance: keyDayTolerance)
        }
    }

    /// A `case.at_risk` for `caseId` on `day`, short of `missing` (item → quantity).
    @discardableResult
    public static func caseAtRisk(_ store: SupplyStore, caseId: String, site: String = "NORTH", day: String = "2026-11-10",
                                  missing: [String: Double] = ["HIP-STEM": 1], severity: AlertSeverity = .critical,
                                  extra: [String: Any] = [:], now: Date = Date()) throws -> AlertChange {
        var data: [String: Any] = ["case": caseId, "site": site, "day": day, "missing": missing]
        data.merge(extra) { $1 }
        let bytes = try JSONSerialization.data(withJSONObject: data, options: [.sortedKeys])
        return try store.pool.write { db in
            try Alerts.raise(db, kind: .caseAtRisk, subject: caseId, site: site, severity: severity, data: bytes, now: now)
        }
    }

    /// Resolves the live alert of `kind` and `subject`.
    @discardableResult
    public static func resolve(_ store: SupplyStore, _ kind: AlertKind, subject: String, now: Date = Date()) throws -> Alert? {
        try store.pool.write { db in try Alerts.resolve(db, kind: kind, subject: subject, now: now) }
    }

    /// A planning run of `site` as of `asOf`, finished the way a run finishes: `alerts` raises its alerts, then the
    /// run is recorded (and its digest cut) in the same transaction. Returns the run id.
    @discardableResult
    public static func planningRun(_ store: SupplyStore, site: String, asOf: LocalDate, now: Date,
                                   alerts: (Database) throws -> Void) throws -> Int64 {
        let id = try store.beginPlanningRun(site: site, asOf: asOf, trigger: "test", actor: "test", processId: 1, now: now)
        try store.pool.write { db in
            try alerts(db)
            try SupplyStore.finishPlanningRun(db, id: id, counts: PlanningRunCounts(), forecastSeconds: 0, now: now)
        }
        return id
    }
}
