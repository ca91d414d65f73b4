import Foundation
import GRDB
import SupplyDomain

/// Moves the read models with each stored event, inside the append transaction.
///
/// Projections are built from `occurredAt`, not arrival order: stateful ones (encounters, cases) are refolded from
/// their events whenever an event arrives older than the latest one applied.
struct Projector {
    let db: Database
    let masterData: MasterDataCache.Snapshot
    /// Site × item pairs whose reservations this transaction must rebalance before it commits.
    let reservations = ReservationWork()
    private let encoder = JSONEncoder()
    private let decoder = JSONDecoder()

    init(db: Database, masterData: MasterDataCache.Snapshot) {
        self.db = db
        self.masterData = masterData
    }

    /// Brings reservations up to date with everything applied so far, and raises what is urgent as of `now`;
    /// the appender calls it before commit.
    func settle(now: Date) throws {
        try reservations.settle(db, now: now)
    }

    func apply(_ event: SupplyEvent, seq: Int64) throws {
        switch event.body {
        case .admission(let change):
            try applyAdmission(change, of: event)
        case .surgicalCase(let change):
            try applyCase(change, of: event)
        case .usage(let usage):
            try applyUsage(usage, of: event, seq: seq)
        case .receipt(let receipt):
            try applyReceipt(receipt, of: event, seq: seq)
        case .invoice(let line):
            try applyInvoice(line, of: event, seq: seq)
        case .stockCount(let count):
            try applyCount(count, of: event, seq: seq)
        }
    }

    /// The events already stored for a subject, oldest arrival first.
    func storedEvents(subject: String) throws -> [SupplyEvent] {
        let statement = try db.cachedStatement(sql: "SELECT body FROM event WHERE subject = ? ORDER BY seq")
        return try Data.fetchAll(statement, arguments: [subject]).map { try decoder.decode(SupplyEvent.self, from: $0) }
    }

    // MARK: - Census

    private func applyAdmission(_ change: AdmissionChange, of event: SupplyEvent) throws {
        let subject = event.subject!
        let row = try Row.fetchOne(
            db.cachedStatement(sql: "SELECT lastChangeAt, state FROM encounter WHERE encounter = ?"), arguments: [subject])
        let before = try row.map { try decoder.decode(EncounterCensus.self, from: $0["state"] as Data) }
        var after: EncounterCensus
        // Strictly later changes apply on top; anything else refolds the encounter, so ties and late arrivals
        // end in the same state whatever order they came in.
        if var current = before, let last = current.lastChangeAt, event.occurredAt > last {
            current.apply(change, at: event.occurredAt, site: event.site)
            after = current
        } else if before == nil {
            after = EncounterCensus(encounter: change.encounter)
            after.apply(change, at: event.occurredAt, site: event.site)
        } else {
            let changes = try storedEvents(subject: subject).compactMap { stored -> (Timestamp, String, AdmissionChange)? in
                guard case .admission(let change) = stored.body else { return nil }
                return (stored.occurredAt, stored.site, change)
            }
            after = EncounterCensus.fold(encounter: change.encounter, changes: changes.map {
                (occurredAt: $0.0, site: $0.1, change: $0.2)
            })
        }
        try moveCensus(removing: before?.movements ?? [], adding: after.movements)
        try db.cachedStatement(sql: """
            INSERT INTO encounter (encounter, lastChangeAt, state) VALUES (?, ?, ?)
            ON CONFLICT (encounter) DO UPDATE SET lastChangeAt = excluded.lastChangeAt, state = excluded.state
            """).execute(arguments: [subject, after.lastChangeAt?.secondsSinceEpoch ?? 0, try encoder.encode(after)])
    }

    private func moveCensus(removing old: [CensusMovement], adding new: [CensusMovement]) throws {
        var delta: [CensusMovement: Int] = [:]
        for movement in old { delta[movement, default: 0] -= 1 }
        for movement in new { delta[movement, default: 0] += 1 }
        for (movement, change) in delta where change != 0 {
            let column = switch movement.kind {
            case .admission: "admissions"
            case .discharge: "discharges"
            case .transferIn: "transfersIn"
            case .transferOut: "transfersOut"
            case .unseenArrival: "unseenArrivals"
            }
            try db.cachedStatement(sql: """
                INSERT INTO censusDay (site, day, \(column)) VALUES (?, ?, ?)
                ON CONFLICT (site, day) DO UPDATE SET \(column) = \(column) + excluded.\(column)
                """).execute(arguments: [movement.site, movement.day.dayNumber, change])
        }
    }

    // MARK: - Case book

    private func applyCase(_ change: CaseChange, of event: SupplyEvent) throws {
        let subject = event.subject!
        let row = try Row.fetchOne(
            db.cachedStatement(sql: "SELECT procedure, surgeon, scheduledFor, status, lastChangeAt FROM surgicalCase WHERE site = ? AND caseId = ?"),
            arguments: [event.site, change.caseId])
        let updated: SurgicalCase?
        if let row, event.occurredAt.secondsSinceEpoch < row["lastChangeAt"] as Double {
            let changes = try storedEvents(subject: subject).compactMap { stored -> (occurredAt: Timestamp, change: CaseChange)? in
                guard case .surgicalCase(let change) = stored.body else { return nil }
                return (stored.occurredAt, change)
            }
            updated = SurgicalCase.fold(site: event.site, changes: changes)
        } else {
            let current = row.map { row in
                SurgicalCase(
                    site: event.site, caseId: change.caseId, procedure: row["procedure"], surgeon: row["surgeon"],
                    scheduledFor: (row["scheduledFor"] as Double?).map { Timestamp(secondsSinceEpoch: $0) },
                    status: CaseStatus(rawValue: row["status"]) ?? .scheduled,
                    lastChangeAt: Timestamp(secondsSinceEpoch: row["lastChangeAt"]))
            }
            updated = SurgicalCase.applying(change, at: event.occurredAt, to: current, site: event.site)
        }
        guard let updated else { return }
        try db.cachedStatement(sql: """
            INSERT INTO surgicalCase (site, caseId, procedure, surgeon, scheduledFor, scheduledDay, status, lastChangeAt)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (site, caseId) DO UPDATE SET procedure = excluded.procedure, surgeon = excluded.surgeon,
                scheduledFor = excluded.scheduledFor, scheduledDay = excluded.scheduledDay, status = excluded.status,
                lastChangeAt = excluded.lastChangeAt
            """).execute(arguments: [
                updated.site, updated.caseId, updated.procedure, updated.surgeon,
                updated.scheduledFor?.secondsSinceEpoch, updated.scheduledFor?.localDate.dayNumber,
                updated.status.rawValue, updated.lastChangeAt.secondsSinceEpoch,
            ])
        reservations.touch(site: updated.site, caseId: updated.caseId)
    }

    // MARK: - Usage, receipts, invoices

    private func applyUsage(_ usage: Usage, of event: SupplyEvent, seq: Int64) throws {
        let item = try masterData.itemId(usage.item, usage.gtin)
        // A reversal (a charge credited) takes the quantity off the day's usage and puts it back on the shelf.
        let used = usage.kind == .reversed ? -usage.quantity : usage.quantity
        let location = masterData.location(site: event.site, usage.location)
        try db.cachedStatement(sql: """
            INSERT INTO usageDay (site, item, day, quantity) VALUES (?, ?, ?, ?)
            ON CONFLICT (site, item, day) DO UPDATE SET quantity = quantity + excluded.quantity
            """).execute(arguments: [event.site, item, event.occurredAt.localDate.dayNumber, used])
        try db.cachedStatement(sql: """
            INSERT INTO usageRecord (eventSeq, site, location, item, lot, serial, quantity, occurredAt, caseId, encounter, patient)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [
                seq, event.site, location, item, usage.lot ?? "", usage.serial ?? "", used,
                event.occurredAt.secondsSinceEpoch, usage.caseId, usage.encounter, usage.patient,
            ])
        if let expiry = usage.expiry, let lot = usage.lot {
            try recordLot(item: item, lot: lot, expiry: expiry)
        }
        try moveStock(StockKey(site: event.site, location: location, item: item, lot: usage.lot, serial: usage.serial),
                      at: event.occurredAt, kind: "usage", quantity: -used, seq: seq)
        if let caseId = usage.caseId {
            reservations.touch(site: event.site, caseId: caseId)
        }
        reservations.touch(site: event.site, item: item)
    }

    private func applyReceipt(_ receipt: Receipt, of event: SupplyEvent, seq: Int64) throws {
        let item = try masterData.itemId(receipt.item, receipt.gtin)
        let location = masterData.location(site: event.site, receipt.location)
        try db.cachedStatement(sql: """
            INSERT INTO receiptLine (eventSeq, site, location, po, poLine, item, lot, serial, expiry, quantity, unitPrice, supplier, occurredAt)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [
                seq, event.site, location, receipt.po, receipt.poLine, item, receipt.lot ?? "", receipt.serial ?? "",
                receipt.expiry?.dayNumber, receipt.quantity, receipt.unitPrice, receipt.supplier,
                event.occurredAt.secondsSinceEpoch,
            ])
        if let lot = receipt.lot {
            try recordLot(item: item, lot: lot, expiry: receipt.expiry)
        }
        try moveStock(StockKey(site: event.site, location: location, item: item, lot: receipt.lot, serial: receipt.serial),
                      at: event.occurredAt, kind: "receipt", quantity: receipt.quantity, seq: seq)
        reservations.touch(site: event.site, item: item)
        try RequisitionReceipts.apply(db, site: event.site, po: receipt.po, item: item, quantity: receipt.quantity,
                                      at: event.occurredAt.date)
    }

    private func applyInvoice(_ line: InvoiceLine, of event: SupplyEvent, seq: Int64) throws {
        let item = try masterData.itemId(line.item, line.gtin)
        try db.cachedStatement(sql: """
            INSERT INTO invoiceLine (eventSeq, site, supplier, invoice, line, po, poLine, item, lot, serial, quantity, unitPrice, currency, occurredAt)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [
                seq, event.site, line.supplier, line.invoice, line.line, line.po, line.poLine, item, line.lot ?? "",
                line.serial ?? "", line.quantity, line.unitPrice, line.currency, event.occurredAt.secondsSinceEpoch,
            ])
    }

    private func recordLot(item: String, lot: String, expiry: LocalDate?) throws {
        try db.cachedStatement(sql: """
            INSERT INTO lot (item, lot, expiry) VALUES (?, ?, ?)
            ON CONFLICT (item, lot) DO UPDATE SET expiry = coalesce(excluded.expiry, expiry)
            """).execute(arguments: [item, lot, expiry?.dayNumber])
    }

    // MARK: - Stock

    struct StockKey {
        var site: String
        var location: String
        var item: String
        var lot: String
        var serial: String

        init(site: String, location: String, item: String, lot: String?, serial: String?) {
            self.site = site
            self.location = location
            self.item = item
            self.lot = lot ?? ""
            self.serial = serial ?? ""
        }

        var arguments: StatementArguments { [site, location, item, lot, serial] }
    }

    /// A receipt or usage: added to the balance unless a later count already reflects it.
    private func moveStock(_ key: StockKey, at occurredAt: Timestamp, kind: String, quantity: Double, seq: Int64) throws {
        try db.cachedStatement(sql: """
            INSERT INTO stockMovement (eventSeq, site, location, item, lot, serial, occurredAt, kind, quantity)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [seq] + key.arguments + [occurredAt.secondsSinceEpoch, kind, quantity])
        try db.cachedStatement(sql: """
            INSERT INTO stockBalance (site, location, item, lot, serial, quantity, countedAt) VALUES (?, ?, ?, ?, ?, ?, NULL)
            ON CONFLICT (site, location, item, lot, serial) DO UPDATE SET quantity = quantity + excluded.quantity
            WHERE countedAt IS NULL OR countedAt < ?
            """).execute(arguments: key.arguments + [quantity, occurredAt.secondsSinceEpoch])
    }

    /// A count sets the balance as of its time; movements after it (already stored) still apply on top.
    private func applyCount(_ count: StockCount, of event: SupplyEvent, seq: Int64) throws {
        let item = try masterData.itemId(count.item, count.gtin)
        let key = StockKey(site: event.site, location: masterData.location(site: event.site, count.location),
                           item: item, lot: count.lot, serial: count.serial)
        let countedAt = event.occurredAt.secondsSinceEpoch
        try db.cachedStatement(sql: """
            INSERT INTO stockMovement (eventSeq, site, location, item, lot, serial, occurredAt, kind, quantity)
            VALUES (?, ?, ?, ?, ?, ?, ?, 'count', ?)
            """).execute(arguments: [seq] + key.arguments + [countedAt, count.quantity])
        let later = try Double.fetchOne(db.cachedStatement(sql: """
            SELECT coalesce(sum(quantity), 0) FROM stockMovement
            WHERE site = ? AND location = ? AND item = ? AND lot = ? AND serial = ? AND kind != 'count' AND occurredAt > ?
            """), arguments: key.arguments + [countedAt]) ?? 0
        try db.cachedStatement(sql: """
            INSERT INTO stockBalance (site, location, item, lot, serial, quantity, countedAt) VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (site, location, item, lot, serial) DO UPDATE SET quantity = excluded.quantity,
                countedAt = excluded.countedAt
            WHERE countedAt IS NULL OR countedAt <= excluded.countedAt
            """).execute(arguments: key.arguments + [count.quantity + later, countedAt])
        reservations.touch(site: event.site, item: item)
    }
}
