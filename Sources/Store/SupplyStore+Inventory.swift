import Foundation
import GRDB
import SupplyDomain

/// Inventory positions, computed from stock, lots, open requisitions and reservations in one read.
public enum Inventory {
    /// Positions per item at a site as of a day (one item when given); items with nothing anywhere are absent.
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
            SELECT item, sum(quantity) AS reserved FROM reservation WHERE site = ? AND neededDay >= ? {item} GROUP BY item
            """, [site, asOf.dayNumber]) { position, row in position.reserved = row["reserved"] }
        try update("""
            SELECT item, sum(quantity) AS short FROM reservationShortfall WHERE site = ? AND neededDay >= ? {item}
            GROUP BY item
            """, [site, asOf.dayNumber]) { position, row in position.backorders = row["short"] }
        return positions
    }

    /// Reservations and shortfalls per item and case day for cases on days `from...to`, earliest day first.
    public static func caseDemandByDay(_ db: Database, site: String, from: LocalDate, to: LocalDate) throws
        -> [String: [(day: LocalDate, quantity: Double)]]
    {
        var demand: [String: [(day: LocalDate, quantity: Double)]] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT item, neededDay, sum(quantity) AS quantity FROM (
                SELECT item, neededDay, quantity FROM reservation WHERE site = ? AND neededDay BETWEEN ? AND ?
                UNION ALL
                SELECT item, neededDay, quantity FROM reservationShortfall WHERE site = ? AND neededDay BETWEEN ? AND ?)
            GROUP BY item, neededDay ORDER BY item, neededDay
            """, arguments: [site, from.dayNumber, to.dayNumber, site, from.dayNumber, to.dayNumber]) {
            demand[row["item"], default: []].append((LocalDate(dayNumber: row["neededDay"]), row["quantity"]))
        }
        return demand
    }

    /// Cases on days `from...to` still short of something, with what they miss.
    public static func casesAtRisk(_ db: Database, site: String, from: LocalDate, to: LocalDate) throws
        -> [(caseId: String, day: LocalDate, missing: [String: Double])]
    {
        var byCase: [String: (day: LocalDate, missing: [String: Double])] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT caseId, item, quantity, neededDay FROM reservationShortfall WHERE site = ? AND neededDay BETWEEN ? AND ?
            """, arguments: [site, from.dayNumber, to.dayNumber]) {
            let caseId: String = row["caseId"]
            byCase[caseId, default: (LocalDate(dayNumber: row["neededDay"]), [:])].missing[row["item"]] = row["quantity"]
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
    public var quantity: Double
    public var status: String
}

extension Inventory {
    /// Open requisition lines per item at a site, earliest need-by first.
    public static func openOrders(_ db: Database, site: String) throws -> [String: [OpenOrder]] {
        let open = Requisition.Status.open.map { "'\($0.rawValue)'" }.joined(separator: ", ")
        var orders: [String: [OpenOrder]] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT l.item, r.id, r.status, l.needBy, l.quantity - l.received AS outstanding
            FROM requisitionLine l JOIN requisition r ON r.id = l.requisition
            WHERE r.site = ? AND r.status IN (\(open)) AND l.quantity - l.received > 0
            ORDER BY l.needBy, r.id
            """, arguments: [site]) {
            orders[row["item"], default: []].append(OpenOrder(
                requisition: row["id"], needBy: LocalDate(dayNumber: row["needBy"]), quantity: row["outstanding"],
                status: row["status"]))
        }
        return orders
    }
}
