import Foundation
import GRDB
import SupplyDomain

/// Keeps case reservations in step with the case book and stock, inside the append transaction.
///
/// A case's reservations are recomputed from its current state (so out-of-order changes settle where a fold in
/// time order would): it holds its card's quantities less what was used for it, lot by lot first-expiry-first-out
/// from stock no other case holds; what no usable lot covers is its shortfall.
enum Reservations {
    /// Recomputes one case's reservations and shortfall.
    static func refreshCase(_ db: Database, site: String, caseId: String) throws {
        let before = try String.fetchAll(db.cachedStatement(sql: """
            SELECT item FROM reservation WHERE site = ? AND caseId = ?
            UNION SELECT item FROM reservationShortfall WHERE site = ? AND caseId = ?
            """), arguments: [site, caseId, site, caseId])
        try db.cachedStatement(sql: "DELETE FROM reservation WHERE site = ? AND caseId = ?").execute(arguments: [site, caseId])
        try db.cachedStatement(sql: "DELETE FROM reservationShortfall WHERE site = ? AND caseId = ?")
            .execute(arguments: [site, caseId])
        guard let row = try Row.fetchOne(db.cachedStatement(sql: """
                SELECT procedure, surgeon, scheduledDay, status FROM surgicalCase WHERE site = ? AND caseId = ?
                """), arguments: [site, caseId]),
            let procedure: String = row["procedure"], let scheduledDay: Int = row["scheduledDay"],
            let status = CaseStatus(rawValue: row["status"])
        else {
            try fillShortfalls(db, site: site, items: Set(before))
            return
        }
        let day = LocalDate(dayNumber: scheduledDay)
        let lines = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT procedure, surgeon, item, quantity FROM preferenceCardLine WHERE procedure = ?
            """), arguments: [procedure]).map {
            PreferenceCardLine(procedure: $0["procedure"], surgeon: $0["surgeon"], item: $0["item"], quantity: $0["quantity"])
        }
        var used: [String: Double] = [:]
        for usage in try Row.fetchAll(db.cachedStatement(sql: """
            SELECT item, sum(quantity) AS quantity FROM usageRecord WHERE site = ? AND caseId = ? GROUP BY item
            """), arguments: [site, caseId]) {
            used[usage["item"]] = usage["quantity"]
        }
        let card = ReservationRequirement.card(lines, procedure: procedure, surgeon: row["surgeon"])
        let outstanding = ReservationRequirement.outstanding(status: status, card: card, used: used)
        for (item, quantity) in outstanding.sorted(by: { $0.key < $1.key }) {
            try reserve(db, site: site, caseId: caseId, item: item, quantity: quantity, day: day)
        }
        try fillShortfalls(db, site: site, items: Set(before).union(outstanding.keys))
    }

    /// After stock of an item moved (usage for `caseId` converts its reservation): cases short of it get what is now free, and lots now holding less than is
    /// reserved on them are re-picked.
    static func stockMoved(_ db: Database, site: String, item: String, caseId: String? = nil) throws {
        if let caseId {
            try refreshCase(db, site: site, caseId: caseId)
        }
        let overdrawn = try String.fetchAll(db.cachedStatement(sql: """
            SELECT DISTINCT r.caseId FROM reservation r
            WHERE r.site = ? AND r.item = ? AND r.lot IN (
                SELECT lot FROM (
                    SELECT x.lot, sum(x.quantity) AS held,
                        (SELECT coalesce(sum(b.quantity), 0) FROM stockBalance b
                         WHERE b.site = x.site AND b.item = x.item AND b.lot = x.lot) AS onHand
                    FROM reservation x WHERE x.site = ? AND x.item = ? GROUP BY x.lot)
                WHERE held > onHand + 1e-9)
            """), arguments: [site, item, site, item])
        for caseId in overdrawn {
            try refreshCase(db, site: site, caseId: caseId)
        }
        try fillShortfalls(db, site: site, items: [item])
    }

    /// Gives cases short of these items (earliest case first) whatever stock is free now. A lot an earlier case
    /// cannot use (it expires first) no later case can use either, so the first case that gets nothing ends the pass.
    static func fillShortfalls(_ db: Database, site: String, items: Set<String>) throws {
        for item in items.sorted() {
            let free = try Double.fetchOne(db.cachedStatement(sql: """
                SELECT (SELECT coalesce(sum(quantity), 0) FROM stockBalance WHERE site = ? AND item = ? AND quantity > 0)
                     - (SELECT coalesce(sum(quantity), 0) FROM reservation WHERE site = ? AND item = ?)
                """), arguments: [site, item, site, item]) ?? 0
            guard free > 1e-9 else { continue }
            let short = try Row.fetchAll(db.cachedStatement(sql: """
                SELECT caseId, quantity, neededDay FROM reservationShortfall WHERE site = ? AND item = ?
                ORDER BY neededDay, caseId
                """), arguments: [site, item])
            for entry in short {
                let caseId: String = entry["caseId"]
                try db.cachedStatement(sql: "DELETE FROM reservationShortfall WHERE site = ? AND caseId = ? AND item = ?")
                    .execute(arguments: [site, caseId, item])
                let picked = try reserve(db, site: site, caseId: caseId, item: item, quantity: entry["quantity"],
                                         day: LocalDate(dayNumber: entry["neededDay"]))
                if picked <= 1e-9 { break }
            }
        }
    }

    /// Reserves up to `quantity` FEFO for one case and records the rest as its shortfall; returns what it reserved.
    @discardableResult
    private static func reserve(_ db: Database, site: String, caseId: String, item: String, quantity: Double, day: LocalDate)
        throws -> Double
    {
        let lots = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT b.lot, sum(b.quantity) - coalesce((SELECT sum(r.quantity) FROM reservation r
                    WHERE r.site = b.site AND r.item = b.item AND r.lot = b.lot), 0) AS available,
                l.expiry, coalesce(l.recalled, 0) AS recalled
            FROM stockBalance b LEFT JOIN lot l ON l.item = b.item AND l.lot = b.lot
            WHERE b.site = ? AND b.item = ? GROUP BY b.lot
            """), arguments: [site, item]).map { row in
            LotAvailability(lot: row["lot"], expiry: (row["expiry"] as Int?).map(LocalDate.init(dayNumber:)),
                            recalled: row["recalled"], available: row["available"])
        }
        let (picks, shortfall) = ReservationLotPicker.pick(quantity, on: day, from: lots)
        for pick in picks {
            try db.cachedStatement(sql: """
                INSERT INTO reservation (site, caseId, item, lot, quantity, neededDay) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (site, caseId, item, lot) DO UPDATE SET quantity = quantity + excluded.quantity
                """).execute(arguments: [site, caseId, item, pick.lot, pick.quantity, day.dayNumber])
        }
        if shortfall > 1e-9 {
            try db.cachedStatement(sql: """
                INSERT INTO reservationShortfall (site, caseId, item, quantity, neededDay) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (site, caseId, item) DO UPDATE SET quantity = quantity + excluded.quantity
                """).execute(arguments: [site, caseId, item, shortfall, day.dayNumber])
        }
        return quantity - shortfall
    }
}

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
