import Foundation
import GRDB
import SupplyDomain

/// Keeps case reservations in step with the case book and stock, inside the append transaction.
///
/// Each live case has a *requirement* per item: its preference card's quantities less what was already used for
/// it (``refreshCase(_:site:caseId:)``). Reservations are then a pure function of requirements and stock: for one
/// site × item, cases are served earliest case day first, each first-expiry-first-out from lots that are not
/// recalled and do not expire before its day; what no usable lot covers is the case's shortfall
/// (``rebalance(_:site:item:)``). So the result does not depend on the order events arrived in, and a batch of
/// events rebalances each item it touched once, at its end, however many events moved it.
enum Reservations {
    /// Recomputes one case's requirement from its current state; returns the items whose requirement may have
    /// changed (what it needed before and what it needs now), which the caller rebalances.
    static func refreshCase(_ db: Database, site: String, caseId: String) throws -> Set<String> {
        let before = try String.fetchAll(db.cachedStatement(sql: """
            SELECT item FROM caseRequirement WHERE site = ? AND caseId = ?
            """), arguments: [site, caseId])
        try db.cachedStatement(sql: "DELETE FROM caseRequirement WHERE site = ? AND caseId = ?")
            .execute(arguments: [site, caseId])
        guard let row = try Row.fetchOne(db.cachedStatement(sql: """
                SELECT procedure, surgeon, scheduledDay, status FROM surgicalCase WHERE site = ? AND caseId = ?
                """), arguments: [site, caseId]),
            let procedure: String = row["procedure"], let scheduledDay: Int = row["scheduledDay"],
            let status = CaseStatus(rawValue: row["status"]), status == .scheduled
        else {
            return Set(before)
        }
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
        for (item, quantity) in outstanding {
            try db.cachedStatement(sql: """
                INSERT INTO caseRequirement (site, caseId, item, quantity, neededDay) VALUES (?, ?, ?, ?, ?)
                """).execute(arguments: [site, caseId, item, quantity, scheduledDay])
        }
        return Set(before).union(outstanding.keys)
    }

    /// Re-allocates the stock of one item at a site to the cases that need it, earliest case first; writes only
    /// when the allocation differs from the one stored.
    static func rebalance(_ db: Database, site: String, item: String) throws {
        let needs = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT caseId, quantity, neededDay FROM caseRequirement WHERE site = ? AND item = ? ORDER BY neededDay, caseId
            """), arguments: [site, item])
        var reserved: [ReservedLine] = []
        var short: [ReservedLine] = []
        if !needs.isEmpty {
            var lots = try Row.fetchAll(db.cachedStatement(sql: """
                SELECT b.lot, sum(b.quantity) AS onHand, l.expiry, coalesce(l.recalled, 0) AS recalled
                FROM stockBalance b LEFT JOIN lot l ON l.item = b.item AND l.lot = b.lot
                WHERE b.site = ? AND b.item = ? GROUP BY b.lot HAVING sum(b.quantity) > 1e-9
                """), arguments: [site, item]).map { row in
                LotAvailability(lot: row["lot"], expiry: (row["expiry"] as Int?).map(LocalDate.init(dayNumber:)),
                                recalled: row["recalled"], available: row["onHand"])
            }
            for need in needs {
                let caseId: String = need["caseId"]
                let day: Int = need["neededDay"]
                let (picks, shortfall) = ReservationLotPicker.pick(need["quantity"], on: LocalDate(dayNumber: day), from: lots)
                for pick in picks {
                    reserved.append(ReservedLine(caseId: caseId, lot: pick.lot, quantity: pick.quantity, neededDay: day))
                    if let index = lots.firstIndex(where: { $0.lot == pick.lot }) {
                        lots[index].available -= pick.quantity
                    }
                }
                if shortfall > 1e-9 {
                    short.append(ReservedLine(caseId: caseId, lot: "", quantity: shortfall, neededDay: day))
                }
            }
        }
        let storedReserved = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT caseId, lot, quantity, neededDay FROM reservation WHERE site = ? AND item = ?
            """), arguments: [site, item]).map {
            ReservedLine(caseId: $0["caseId"], lot: $0["lot"], quantity: $0["quantity"], neededDay: $0["neededDay"])
        }
        let storedShort = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT caseId, quantity, neededDay FROM reservationShortfall WHERE site = ? AND item = ?
            """), arguments: [site, item]).map {
            ReservedLine(caseId: $0["caseId"], lot: "", quantity: $0["quantity"], neededDay: $0["neededDay"])
        }
        if Set(storedReserved) != Set(reserved) || storedReserved.count != reserved.count {
            try db.cachedStatement(sql: "DELETE FROM reservation WHERE site = ? AND item = ?").execute(arguments: [site, item])
            let insert = try db.cachedStatement(sql: """
                INSERT INTO reservation (site, caseId, item, lot, quantity, neededDay) VALUES (?, ?, ?, ?, ?, ?)
                """)
            for line in reserved {
                try insert.execute(arguments: [site, line.caseId, item, line.lot, line.quantity, line.neededDay])
            }
        }
        if Set(storedShort) != Set(short) || storedShort.count != short.count {
            try db.cachedStatement(sql: "DELETE FROM reservationShortfall WHERE site = ? AND item = ?")
                .execute(arguments: [site, item])
            let insert = try db.cachedStatement(sql: """
                INSERT INTO reservationShortfall (site, caseId, item, quantity, neededDay) VALUES (?, ?, ?, ?, ?)
                """)
            for line in short {
                try insert.execute(arguments: [site, line.caseId, item, line.quantity, line.neededDay])
            }
        }
    }

    /// One reservation (or, with no lot, one shortfall) row of a site × item, for comparing with what is stored.
    private struct ReservedLine: Hashable {
        var caseId: String
        var lot: String
        var quantity: Double
        var neededDay: Int
    }
}

/// The cases and site × item pairs an append batch must bring up to date before it commits.
///
/// A case's usage lines and changes arrive as many events; its requirement is recomputed once per batch, then
/// every item whose requirement or stock moved is rebalanced once.
final class ReservationWork {
    struct Key: Hashable, Comparable {
        var site: String
        var item: String
        static func < (a: Key, b: Key) -> Bool { (a.site, a.item) < (b.site, b.item) }
    }

    struct CaseKey: Hashable, Comparable {
        var site: String
        var caseId: String
        static func < (a: CaseKey, b: CaseKey) -> Bool { (a.site, a.caseId) < (b.site, b.caseId) }
    }

    private var pendingItems: Set<Key> = []
    private var pendingCases: Set<CaseKey> = []

    /// Stock or a requirement of this item moved.
    func touch(site: String, item: String) {
        pendingItems.insert(Key(site: site, item: item))
    }

    /// The case changed, or usage was recorded against it.
    func touch(site: String, caseId: String) {
        pendingCases.insert(CaseKey(site: site, caseId: caseId))
    }

    /// Refreshes every touched case, rebalances every touched pair once, in a stable order, then raises
    /// ``CaseRiskAlerts`` for what became urgent as of `now`, and forgets them.
    func settle(_ db: Database, now: Date) throws {
        for key in pendingCases.sorted() {
            for item in try Reservations.refreshCase(db, site: key.site, caseId: key.caseId) {
                touch(site: key.site, item: item)
            }
        }
        for key in pendingItems.sorted() {
            try Reservations.rebalance(db, site: key.site, item: key.item)
        }
        try CaseRiskAlerts.update(db, cases: pendingCases, items: pendingItems, now: now)
        pendingCases.removeAll()
        pendingItems.removeAll()
    }
}
