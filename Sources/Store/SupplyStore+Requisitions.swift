import Foundation
import GRDB
import SupplyDomain

/// Writes requisitions and moves them through their lifecycle, always together with their outbox row.
public enum Requisitions {
    /// The outbox channel and destination ERP messages travel on.
    public static let channel = "erp"
    public static let destination = "erp"

    /// A requisition as a planning run proposes it, before it is stored.
    public struct Draft: Sendable {
        public var id: String
        public var site: String
        public var supplier: String
        public var priority: Requisition.Priority
        public var needBy: LocalDate
        public var lines: [RequisitionLine]
        public var demandReferences: [String]

        public init(id: String, site: String, supplier: String, priority: Requisition.Priority, needBy: LocalDate,
                    lines: [RequisitionLine], demandReferences: [String]) {
            self.id = id
            self.site = site
            self.supplier = supplier
            self.priority = priority
            self.needBy = needBy
            self.lines = lines
            self.demandReferences = demandReferences
        }

        public var totalValue: Double { lines.reduce(0) { $0 + $1.quantity * $1.unitPrice } }
    }

    /// Stores a draft; it is approved (and queued for the ERP in the same transaction) when its value is at most
    /// `approvalThreshold` and, for each of its items, the value already open for the site × item plus this line's
    /// stays within it too, so that an order split into pieces (by a maximum per order, or over several runs)
    /// cannot pass under the threshold piece by piece. Otherwise it waits for a planner.
    public static func create(_ db: Database, _ draft: Draft, runId: Int64?, approvalThreshold: Double, actor: String,
                              now: Date) throws {
        var newValueByItem: [String: Double] = [:]
        for line in draft.lines { newValueByItem[line.item, default: 0] += line.quantity * line.unitPrice }
        let open = Requisition.Status.open.map { "'\($0.rawValue)'" }.joined(separator: ", ")
        var largestItemExposure = (item: "", value: 0.0)
        for (item, value) in newValueByItem.sorted(by: { $0.key < $1.key }) {
            let already = try Double.fetchOne(db, sql: """
                SELECT coalesce(sum(max(l.quantity - l.received, 0) * l.unitPrice), 0)
                FROM requisitionLine l JOIN requisition r ON r.id = l.requisition
                WHERE r.site = ? AND l.item = ? AND r.status IN (\(open))
                """, arguments: [draft.site, item]) ?? 0
            if already + value > largestItemExposure.value { largestItemExposure = (item, already + value) }
        }
        let withinThreshold = draft.totalValue <= approvalThreshold && largestItemExposure.value <= approvalThreshold
        let status: Requisition.Status = withinThreshold ? .approved : .pendingApproval
        let moment = now.timeIntervalSince1970
        try db.execute(sql: """
            INSERT INTO requisition (id, site, supplier, runId, status, priority, needBy, totalValue, createdAt, updatedAt)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [draft.id, draft.site, draft.supplier, runId, status.rawValue, draft.priority.rawValue,
                             draft.needBy.dayNumber, draft.totalValue, moment, moment])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        for line in draft.lines {
            try db.execute(sql: """
                INSERT INTO requisitionLine (requisition, line, item, gtin, quantity, unit, unitPrice, needBy,
                    expectedArrival, priority, reason)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [draft.id, line.line, line.item, line.gtin, line.quantity, line.unit, line.unitPrice,
                                 line.needBy.dayNumber, (line.expectedArrival ?? line.needBy).dayNumber,
                                 line.priority.rawValue, try encoder.encode(line.reason)])
        }
        let value = String(format: "%.2f", draft.totalValue)
        let note = if status == .approved {
            "value \(value) within the approval threshold"
        } else if draft.totalValue > approvalThreshold {
            "value \(value) above the approval threshold \(approvalThreshold)"
        } else {
            "value \(value), but \(largestItemExposure.item) would have "
                + "\(String(format: "%.2f", largestItemExposure.value)) open at \(draft.site), above the approval threshold "
                + "\(approvalThreshold)"
        }
        try history(db, draft.id, status, actor: actor, note: note, now: now)
        if status == .approved {
            try enqueue(db, draft.id, demandReferences: draft.demandReferences, now: now)
        }
    }

    /// Queues the requisition's neutral document for the ERP, keyed by its id.
    static func enqueue(_ db: Database, _ id: String, demandReferences: [String]? = nil, now: Date) throws {
        guard let requisition = try load(db, id: id) else { throw StoreError.notFound(what: "requisition", id: id) }
        let document = RequisitionDocument(
            requisitionId: requisition.id, site: requisition.site, supplier: requisition.supplier,
            needBy: requisition.needBy.description, priority: requisition.priority.rawValue, costCentre: requisition.site,
            demandReferences: demandReferences ?? ["forecast"],
            lines: requisition.lines.map {
                .init(line: $0.line, item: $0.item, gtin: $0.gtin, quantity: $0.quantity, unit: $0.unit,
                      estimatedUnitPrice: $0.unitPrice, needBy: $0.needBy.description)
            })
        try Outbox.enqueue(db, channel: channel, destination: destination, messageId: id, payload: try document.encoded(),
                           now: now)
    }

    static func history(_ db: Database, _ id: String, _ status: Requisition.Status, actor: String, note: String?,
                        now: Date) throws {
        try db.execute(sql: "UPDATE requisition SET status = ?, updatedAt = ? WHERE id = ?",
                       arguments: [status.rawValue, now.timeIntervalSince1970, id])
        try db.execute(sql: "INSERT INTO requisitionStatus (requisition, status, actor, note, at) VALUES (?, ?, ?, ?, ?)",
                       arguments: [id, status.rawValue, actor, note, now.timeIntervalSince1970])
    }

    static func load(_ db: Database, id: String) throws -> Requisition? {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM requisition WHERE id = ?", arguments: [id]) else {
            return nil
        }
        return try requisition(db, row)
    }

    static func requisition(_ db: Database, _ row: Row) throws -> Requisition {
        let id: String = row["id"]
        let decoder = JSONDecoder()
        let lines = try Row.fetchAll(db, sql: "SELECT * FROM requisitionLine WHERE requisition = ? ORDER BY line",
                                     arguments: [id]).map { line in
            RequisitionLine(
                line: line["line"], item: line["item"], gtin: line["gtin"], quantity: line["quantity"],
                received: line["received"], unit: line["unit"], unitPrice: line["unitPrice"],
                needBy: LocalDate(dayNumber: line["needBy"]),
                expectedArrival: (line["expectedArrival"] as Int?).map(LocalDate.init(dayNumber:)),
                priority: Requisition.Priority(rawValue: line["priority"]) ?? .routine,
                reason: try decoder.decode(RequisitionReason.self, from: line["reason"] as Data))
        }
        return Requisition(
            id: id, site: row["site"], supplier: row["supplier"], runId: row["runId"],
            status: Requisition.Status(rawValue: row["status"]) ?? .approved,
            priority: Requisition.Priority(rawValue: row["priority"]) ?? .routine,
            needBy: LocalDate(dayNumber: row["needBy"]), totalValue: row["totalValue"], erpId: row["erpId"],
            createdAt: Date(timeIntervalSince1970: row["createdAt"]), updatedAt: Date(timeIntervalSince1970: row["updatedAt"]),
            lines: lines)
    }

    /// Applies what the outbox knows about the requisition's ERP message: sent (with the ERP's id), refused by the
    /// ERP, or given up on. Safe to call any number of times.
    static func syncDelivery(_ db: Database, id: String, now: Date) throws {
        guard let row = try Row.fetchOne(db, sql: """
                SELECT r.status AS requisitionStatus, r.site, o.status AS messageStatus, o.response, o.lastError
                FROM requisition r JOIN outbox o ON o.channel = ? AND o.destination = ? AND o.messageId = r.id
                WHERE r.id = ?
                """, arguments: [channel, destination, id]),
            row["requisitionStatus"] as String == Requisition.Status.approved.rawValue
        else { return }
        let site: String = row["site"]
        switch OutboxMessage.Status(rawValue: row["messageStatus"]) {
        case .delivered:
            let erpId: String? = row["response"]
            try db.execute(sql: "UPDATE requisition SET erpId = ? WHERE id = ?", arguments: [erpId, id])
            try history(db, id, .sent, actor: "erp", note: erpId.map { "ERP id \($0)" }, now: now)
        case .rejected:
            let error: String = row["lastError"] ?? "refused"
            try history(db, id, .rejectedByERP, actor: "erp", note: error, now: now)
            try raiseFailure(db, id: id, site: site, reason: "the ERP refused it: \(error)", now: now)
        case .dead:
            let error: String = row["lastError"] ?? "unreachable"
            try history(db, id, .failed, actor: "erp", note: "gave up after the last retry: \(error)", now: now)
            try raiseFailure(db, id: id, site: site, reason: "delivery gave up after the last retry: \(error)", now: now)
        default:
            return
        }
    }

    private static func raiseFailure(_ db: Database, id: String, site: String, reason: String, now: Date) throws {
        let data = try JSONSerialization.data(withJSONObject: ["requisition": id, "site": site, "reason": reason],
                                              options: [.sortedKeys])
        try Alerts.raise(db, kind: .requisitionFailed, subject: id, site: site, severity: .critical, data: data, now: now)
    }
}

/// Receipts against a requisition (the PO names the requisition id or the ERP's id) close its on-order quantity.
enum RequisitionReceipts {
    static func apply(_ db: Database, site: String, po: String, item: String, quantity: Double, at: Date) throws {
        guard let id = try String.fetchOne(db.cachedStatement(sql: """
            SELECT id FROM requisition WHERE site = ? AND (id = ? OR erpId = ?) AND status NOT IN ('cancelled', 'rejected')
            LIMIT 1
            """), arguments: [site, po, po]) else { return }
        var left = quantity
        for line in try Row.fetchAll(db, sql: """
            SELECT line, quantity - received AS open FROM requisitionLine WHERE requisition = ? AND item = ? ORDER BY line
            """, arguments: [id, item]) where left > 1e-9 {
            let open: Double = line["open"]
            let applied = max(0, min(open, left))
            guard applied > 0 else { continue }
            try db.execute(sql: "UPDATE requisitionLine SET received = received + ? WHERE requisition = ? AND line = ?",
                           arguments: [applied, id, line["line"] as Int])
            left -= applied
        }
        let outstanding = try Double.fetchOne(db, sql: """
            SELECT coalesce(sum(max(quantity - received, 0)), 0) FROM requisitionLine WHERE requisition = ?
            """, arguments: [id]) ?? 0
        let status = try String.fetchOne(db, sql: "SELECT status FROM requisition WHERE id = ?", arguments: [id])
        if outstanding <= 1e-9, status != Requisition.Status.received.rawValue {
            try Requisitions.history(db, id, .received, actor: "receipt", note: "PO \(po) received in full", now: at)
        }
    }
}

extension SupplyStore {
    /// Requisitions, newest first, optionally of one site and status.
    public func requisitions(site: String? = nil, status: Requisition.Status? = nil, limit: Int = 500) throws -> [Requisition] {
        try pool.read { db in
            var sql = "SELECT * FROM requisition WHERE 1 = 1"
            var arguments: StatementArguments = []
            if let site {
                sql += " AND site = ?"
                _ = arguments.append(contentsOf: [site])
            }
            if let status {
                sql += " AND status = ?"
                _ = arguments.append(contentsOf: [status.rawValue])
            }
            sql += " ORDER BY createdAt DESC, id DESC LIMIT ?"
            _ = arguments.append(contentsOf: [limit])
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map { try Requisitions.requisition(db, $0) }
        }
    }

    /// One requisition with its status history, oldest change first.
    public func requisition(id: String) throws -> (Requisition, [RequisitionStatusChange]) {
        try pool.read { db in
            guard let requisition = try Requisitions.load(db, id: id) else {
                throw StoreError.notFound(what: "requisition", id: id)
            }
            let changes = try Row.fetchAll(db, sql: "SELECT * FROM requisitionStatus WHERE requisition = ? ORDER BY id",
                                           arguments: [id]).map {
                RequisitionStatusChange(status: $0["status"], actor: $0["actor"], note: $0["note"],
                                        at: Date(timeIntervalSince1970: $0["at"]))
            }
            return (requisition, changes)
        }
    }

    /// A planner approves a waiting requisition; it is queued for the ERP in the same transaction.
    public func approveRequisition(id: String, actor: String, note: String? = nil, now: Date = Date()) throws {
        try pool.write { db in
            try Self.expect(db, id, in: [.pendingApproval], to: "approve")
            // The run expected the order to leave on its planning day; it leaves on the day of approval, so every
            // line arrives that many days later, and the next run plans with the delivery as it will really come.
            let approvalDay = Timestamp(date: now).localDate.dayNumber
            if let planned = try Int.fetchOne(db, sql: """
                SELECT p.asOf FROM requisition r JOIN planningRun p ON p.id = r.runId WHERE r.id = ?
                """, arguments: [id]), approvalDay > planned {
                try db.execute(sql: """
                    UPDATE requisitionLine SET expectedArrival = expectedArrival + ?
                    WHERE requisition = ? AND expectedArrival IS NOT NULL
                    """, arguments: [approvalDay - planned, id])
            }
            try Requisitions.history(db, id, .approved, actor: actor, note: note, now: now)
            try Requisitions.enqueue(db, id, now: now)
        }
    }

    /// A planner rejects a waiting requisition; its quantities stop counting as on order.
    public func rejectRequisition(id: String, actor: String, note: String? = nil, now: Date = Date()) throws {
        try pool.write { db in
            try Self.expect(db, id, in: [.pendingApproval], to: "reject")
            try Requisitions.history(db, id, .rejected, actor: actor, note: note, now: now)
        }
    }

    /// Cancels a requisition the ERP does not have yet (its queued message is withdrawn).
    public func cancelRequisition(id: String, actor: String, note: String? = nil, now: Date = Date()) throws {
        try pool.write { db in
            try Self.expect(db, id, in: [.pendingApproval, .approved], to: "cancel")
            try db.execute(sql: """
                UPDATE outbox SET status = 'cancelled', finishedAt = ? WHERE channel = ? AND destination = ? AND messageId = ?
                    AND status = 'pending'
                """, arguments: [now.timeIntervalSince1970, Requisitions.channel, Requisitions.destination, id])
            if try Int.fetchOne(db, sql: """
                SELECT count(*) FROM outbox WHERE channel = ? AND destination = ? AND messageId = ? AND status NOT IN ('cancelled')
                """, arguments: [Requisitions.channel, Requisitions.destination, id]) ?? 0 > 0 {
                throw StoreError.invalidRequest("requisition \(id) is being sent to the ERP right now; cancel it there")
            }
            try Requisitions.history(db, id, .cancelled, actor: actor, note: note, now: now)
        }
    }

    /// Brings requisitions up to date with their ERP messages (after a relay pass, or a restart).
    public func syncRequisitionDeliveries(id: String? = nil, now: Date = Date()) throws {
        try pool.write { db in
            let ids = try id.map { [$0] } ?? String.fetchAll(db, sql: "SELECT id FROM requisition WHERE status = 'approved'")
            for id in ids { try Requisitions.syncDelivery(db, id: id, now: now) }
        }
    }

    private static func expect(_ db: Database, _ id: String, in allowed: [Requisition.Status], to action: String) throws {
        guard let status = try String.fetchOne(db, sql: "SELECT status FROM requisition WHERE id = ?", arguments: [id]) else {
            throw StoreError.notFound(what: "requisition", id: id)
        }
        guard allowed.map(\.rawValue).contains(status) else {
            throw StoreError.invalidRequest("cannot \(action) requisition \(id): it is \(status)")
        }
    }
}
