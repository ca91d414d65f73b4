import Foundation
import GRDB
import SupplyDomain

extension SupplyStore {
    /// Reservations and shortfalls, by case day; one case's when `caseId` is given.
    public func reservations(site: String? = nil, caseId: String? = nil, limit: Int = 5000) throws -> [CaseReservation] {
        try pool.read { db in
            var filter = "WHERE 1 = 1"
            var arguments: StatementArguments = []
            if let site {
                filter += " AND site = ?"
                _ = arguments.append(contentsOf: [site])
            }
            if let caseId {
                filter += " AND caseId = ?"
                _ = arguments.append(contentsOf: [caseId])
            }
            _ = arguments.append(contentsOf: arguments)
            _ = arguments.append(contentsOf: [limit])
            return try Row.fetchAll(db, sql: """
                SELECT site, caseId, item, lot, quantity, 0 AS shortfall, neededDay FROM reservation \(filter)
                UNION ALL
                SELECT site, caseId, item, '' AS lot, 0 AS quantity, quantity AS shortfall, neededDay
                FROM reservationShortfall \(filter)
                ORDER BY neededDay, site, caseId, item, lot LIMIT ?
                """, arguments: arguments).map { row in
                CaseReservation(site: row["site"], caseId: row["caseId"], item: row["item"], lot: row["lot"],
                                reserved: row["quantity"], shortfall: row["shortfall"],
                                caseDay: LocalDate(dayNumber: row["neededDay"]))
            }
        }
    }
}
