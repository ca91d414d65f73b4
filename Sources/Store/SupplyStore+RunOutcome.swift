import Foundation
import GRDB

extension SupplyStore {
    /// The requisitions one planning run raised, in id order.
    public func requisitions(runId: Int64) throws -> [Requisition] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM requisition WHERE runId = ? ORDER BY id", arguments: [runId])
                .map { try Requisitions.requisition(db, $0) }
        }
    }

    /// Alerts opened, updated or resolved at or after `moment`, oldest change first.
    public func alerts(changedSince moment: Date) throws -> [Alert] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM alert WHERE updatedAt >= ? ORDER BY updatedAt, id",
                             arguments: [moment.timeIntervalSince1970]).map(Alerts.alert)
        }
    }
}
