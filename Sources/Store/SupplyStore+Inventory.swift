import Foundation
import GRDB
import SupplyDomain

/// Inventory positions, computed from stock, lots, open requisitions and reservations in one read.
public enum Inventory {
    /// Positions per item at a site at the end of a day (one item when given); items with nothing anywhere are
    /// absent. The day itself is history: reservations and shortfalls count for cases on later days only.
    public static func positions(_ db: Database, site: String, asOf: LocalDate, item: String? = nil) throws
        -> [String: InventoryPosition]
    {
        var positions: [String: InventoryPosition] = [:]
        func update(_ sql: String, _ arguments: StatementArguments, _ apply: (inout InventoryPosition, Row) -> Void) throws {
            let itemFilter = item == nil ? "" : " AND item = ?"
            var arguments = arguments
            if let item { _ = arguments.append(contentsOf: [item]) }
            for row in try Row.fetchAll(db, sql: sql.replacingOccurrences(of: "{item}", with: itemFilter), arguments: arguments) {
                let id: String = row["item"]
                apply(&positions[id, default: InventoryPosition(site: site, item: id)], row)
            }
        }
        try update("""
            SELECT b.item AS item, sum(b.quantity) AS onHand,
                sum(CASE WHEN coalesce(l.recalled, 0) = 0 AND (l.expiry IS NULL OR l.expiry >= ?) THEN b.quantity ELSE 0 END)
                    AS usable
            FROM stockBalance b LEFT JOIN lot l ON l.item = b.item AND l.lot = b.lot
            WHERE b.site = ? {item} GROUP BY b.item
            """.replacingOccurrences(of: "{item}", with: item == nil ? "" : "AND b.item = ?"),
            [asOf.dayNumber, site]) { position, row in
            position.onHand = row["onHand"]
            position.usableOnHand = row["usable"]
        }
        let open = Requisition.Status.open.map { "'\($0.rawValue)'" }.joined(separator: ", ")
        try update("""
            SELECT item, sum(max(l.quantity - l.received, 0)) AS onOrder
            FROM requisitionLine l JOIN requisition r ON r.id = l.requisition
            WHERE r.site = ? AND r.status IN (\(open)) {item} GROUP BY item
            """, [site]) { position, row in position.onOrder = row["onOrder"] }
        try update("""
            SELECT item, sum(quantity) AS reserved FROM reservation WHERE site = ? AND neededDay > ? {item} GROUP BY item
            """, [site, asOf.dayNumber]) { position, row in position.reserved = row["reserved"] }
        try update("""
            SELECT item, sum(quantity) AS short FROM reservationShortfall WHERE site = ? AND neededDay > ? {item}
            GROUP BY item
            """, [site, asOf.dayNumber]) { position, row in position.backorders = row["short"] }
        return positions
    }

    /// Cases on days `from...to` that will lack something if nobody acts: shortfalls the stock on hand leaves
    /// (lots, expiry and recalls considered) that no delivery expected by the case's day covers, earliest case
    /// first. The append path and the planning run both ask this, so they agree on which cases are at risk.
    public static func casesAtRisk(_ db: Database, site: String, from: LocalDate, to: LocalDate) throws
        -> [(caseId: String, day: LocalDate, missing: [String: Double])]
    {
        var shortfalls: [String: [StockProjection.CaseNeed]] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT caseId, item, quantity, neededDay FROM reservationShortfall WHERE site = ? AND neededDay BETWEEN ? AND ?
            """, arguments: [site, from.dayNumber, to.dayNumber]) {
            shortfalls[row["item"], default: []].append(StockProjection.CaseNeed(
                caseId: row["caseId"], day: LocalDate(dayNumber: row["neededDay"]), quantity: row["quantity"]))
        }
        guard !shortfalls.isEmpty else { return [] }
        let orders = try openOrders(db, site: site)
        var byCase: [String: (day: LocalDate, missing: [String: Double])] = [:]
        for (item, needs) in shortfalls {
            let arrivals = (orders[item] ?? []).map { StockProjection.Arrival(day: $0.expectedArrival, quantity: $0.quantity) }
            for short in StockProjection.uncoveredShortfalls(needs, arrivals: arrivals) {
                byCase[short.caseId, default: (short.day, [:])].missing[item] = short.missing
            }
        }
        return byCase.map { ($0.key, $0.value.day, $0.value.missing) }.sorted { ($0.day, $0.caseId) < ($1.day, $1.caseId) }
    }

    /// Lots with stock at a site that expire on days `from...to` and are not recalled.
    public static func expiringLots(_ db: Database, site: String, from: LocalDate, to: LocalDate) throws
        -> [(item: String, lot: String, expiry: LocalDate, quantity: Double)]
    {
        try Row.fetchAll(db, sql: """
            SELECT b.item, b.lot, l.expiry, sum(b.quantity) AS quantity
            FROM stockBalance b JOIN lot l ON l.item = b.item AND l.lot = b.lot
            WHERE b.site = ? AND l.recalled = 0 AND l.expiry BETWEEN ? AND ?
            GROUP BY b.item, b.lot HAVING sum(b.quantity) > 0 ORDER BY l.expiry, b.item, b.lot
            """, arguments: [site, from.dayNumber, to.dayNumber]).map {
            ($0["item"], $0["lot"], LocalDate(dayNumber: $0["expiry"]), $0["quantity"])
        }
    }
}

extension SupplyStore {
    /// Inventory positions at a site as of a day, by item.
    public func inventory(site: String, item: String? = nil, asOf: LocalDate) throws -> [InventoryPosition] {
        try pool.read { db in
            try Inventory.positions(db, site: site, asOf: asOf, item: item).values.sorted { $0.item < $1.item }
        }
    }
}

/// An open requisition line for an item: what is on order, from which requisition, needed by when.
public struct OpenOrder: Sendable, Hashable {
    public var requisition: String
    public var needBy: LocalDate
    /// When the delivery is expected (raised day + lead time, or the need-by day if later).
    public var expectedArrival: LocalDate
    public var quantity: Double
    public var status: String
}

extension Inventory {
    /// Open requisition lines per item at a site, earliest expected arrival first.
    public static func openOrders(_ db: Database, site: String) throws -> [String: [OpenOrder]] {
        let open = Requisition.Status.open.map { "'\($0.rawValue)'" }.joined(separator: ", ")
        var orders: [String: [OpenOrder]] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT l.item, r.id, r.status, l.needBy, coalesce(l.expectedArrival, l.needBy) AS expectedArrival,
                l.quantity - l.received AS outstanding
            FROM requisitionLine l JOIN requisition r ON r.id = l.requisition
            WHERE r.site = ? AND r.status IN (\(open)) AND l.quantity - l.received > 0
            ORDER BY coalesce(l.expectedArrival, l.needBy), r.id, l.line
            """, arguments: [site]) {
            orders[row["item"], default: []].append(OpenOrder(
                requisition: row["id"], needBy: LocalDate(dayNumber: row["needBy"]),
                expectedArrival: LocalDate(dayNumber: row["expectedArrival"]), quantity: row["outstanding"],
                status: row["status"]))
        }
        return orders
    }
}

extension Inventory {
    /// What each booked case at a site needs per item, for case days after `asOf` through `through`: its
    /// reservations and its shortfall together, so every unit a case needs is counted once whether or not stock
    /// is held for it.
    public static func caseNeeds(_ db: Database, site: String, after asOf: LocalDate, through: LocalDate) throws
        -> [String: [StockProjection.CaseNeed]]
    {
        var needs: [String: [StockProjection.CaseNeed]] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT item, caseId, neededDay, sum(quantity) AS quantity FROM (
                SELECT item, caseId, neededDay, quantity FROM reservation WHERE site = ? AND neededDay BETWEEN ? AND ?
                UNION ALL
                SELECT item, caseId, neededDay, quantity FROM reservationShortfall
                WHERE site = ? AND neededDay BETWEEN ? AND ?)
            GROUP BY item, caseId, neededDay ORDER BY item, neededDay, caseId
            """, arguments: [site, asOf.dayNumber + 1, through.dayNumber, site, asOf.dayNumber + 1, through.dayNumber]) {
            needs[row["item"], default: []].append(StockProjection.CaseNeed(
                caseId: row["caseId"], day: LocalDate(dayNumber: row["neededDay"]), quantity: row["quantity"]))
        }
        return needs
    }
}
