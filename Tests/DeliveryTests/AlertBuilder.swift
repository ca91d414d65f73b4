import Foundation
import GRDB
import Store

/// Raises test alerts the way a planning run does: inside a write transaction.
enum AlertBuilder {
    @discardableResult
    static func shortage(_ store: SupplyStore, item: String = "HIP-STEM", site: String = "NORTH",
                         severity: AlertSeverity = .warning, onHand: Int = 2, extra: [String: Any] = [:],
                         now: Date = Date()) throws -> AlertChange {
        var data: [String: Any] = ["item": item, "onHand": onHand, "projectedStockout": "2026-11-12"]
        data.merge(extra) { $1 }
        let bytes = try JSONSerialization.data(withJSONObject: data, options: [.sortedKeys])
        return try store.pool.write { db in
            try Alerts.raise(db, kind: .shortageProjected, subject: "\(site)/\(item)", site: site, severity: severity,
                             data: bytes, now: now)
        }
    }

    @discardableResult
    static func caseAtRisk(_ store: SupplyStore, caseId: String, site: String = "NORTH") throws -> AlertChange {
        let bytes = try JSONSerialization.data(withJSONObject: ["case": caseId, "missing": ["HIP-STEM": 1]],
                                               options: [.sortedKeys])
        return try store.pool.write { db in
            try Alerts.raise(db, kind: .caseAtRisk, subject: caseId, site: site, severity: .critical, data: bytes,
                             now: Date())
        }
    }
}
