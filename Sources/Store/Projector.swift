import Foundation
import GRDB
import SupplyDomain

/// Moves the read models with each stored event, inside the append transaction.
///
/// Projections are built from `occurredAt`, not arrival order: stateful ones (encounters, cases) are refolded from
/// their events whenever an event arrives older than the latest one applied.
///
/// Within one append batch the projector keeps what it has read and changed in memory — each encounter, case,
/// usage day, census day and stock balance is loaded at most once and written once, at ``settle(now:)`` — and
/// applies every event to it in order, so the rows written are exactly those that applying and storing the events
/// one at a time would leave (the state it keeps is the state as it would read back from its row).
/// Append-only rows (usage records, stock movements, receipt and invoice lines) are inserted as events arrive.
final class Projector {
    let db: Database
    let masterData: MasterDataCache.Snapshot
    /// Site × item pairs whose reservations this transaction must rebalance before it commits.
    let reservations = ReservationWork()
    let statements: AppendStatements
    /// Whether receipts count against open requisitions; off when the event log is replayed into rebuilt
    /// projections, since requisitions are not rebuilt and already counted them.
    var receivesRequisitions = true
    private let encoder = JSONEncoder()
    private let decoder = JSONDecoder()

    /// Encounters read in this batch, as stored (nil: none yet), and the ones to write.
    private var encounters: [String: EncounterCensus?] = [:]
    private var changedEncounters: [String: EncounterCensus] = [:]
    /// Census movements of this batch per site and day, not yet added to `censusDay`.
    private var censusChanges: [CensusKey: CensusCounts] = [:]
    /// Cases read in this batch as their row reads back, and the ones to write.
    private var cases: [CaseKey: SurgicalCase?] = [:]
    private var changedCases: [CaseKey: SurgicalCase] = [:]
    /// Usage per site, item and day as it stands after this batch's events so far (nil: no row).
    private var usageDays: [UsageDayKey: Double?] = [:]
    private var changedUsageDays: Set<UsageDayKey> = []
    /// Stock balances as they stand after this batch's events so far (nil: no row).
    private var balances: [StockKey: Balance?] = [:]
    private var changedBalances: Set<StockKey> = []
    /// Lots seen in this batch, with the latest expiry any event gave them.
    private var lots: [LotKey: Int?] = [:]

    init(db: Database, masterData: MasterDataCache.Snapshot) {
        self.db = db
        self.masterData = masterData
        self.statements = AppendStatements(db: db)
    }

    /// Writes what this batch changed, brings reservations up to date with everything applied so far, and raises
    /// what is urgent as of `now`; the appender calls it before commit.
    func settle(now: Date) throws {
        try flush()
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

    // MARK: - Writing the batch

    /// Writes the encounters, cases, census and usage days, lots and balances this batch changed, and forgets them.
    func flush() throws {
        let saveEncounter = try statements[.saveEncounter]
        for (subject, state) in changedEncounters.sorted(by: { $0.key < $1.key }) {
            try saveEncounter.execute(arguments: [subject, state.lastChangeAt?.secondsSinceEpoch ?? 0, try encoder.encode(state)])
        }
        let addCensus = try statements[.addCensus]
        for (key, counts) in censusChanges.sorted(by: { $0.key < $1.key }) {
            try addCensus.execute(arguments: [key.site, key.day, counts.admissions, counts.discharges, counts.transfersIn,
                                              counts.transfersOut, counts.unseenArrivals])
        }
        let saveCase = try statements[.saveCase]
        for (_, updated) in changedCases.sorted(by: { $0.key < $1.key }) {
            try saveCase.execute(arguments: [
                updated.site, updated.caseId, updated.procedure, updated.surgeon,
                updated.scheduledFor?.secondsSinceEpoch, updated.scheduledFor?.localDate.dayNumber,
                updated.status.rawValue, updated.lastChangeAt.secondsSinceEpoch,
            ])
        }
        let saveUsageDay = try statements[.saveUsageDay]
        for key in changedUsageDays.sorted() {
            guard let quantity = usageDays[key] ?? nil else { continue }
            try saveUsageDay.execute(arguments: [key.site, key.item, key.day, quantity])
        }
        let saveLot = try statements[.saveLot]
        for (key, expiry) in lots.sorted(by: { $0.key < $1.key }) {
            try saveLot.execute(arguments: [key.item, key.lot, expiry])
        }
        let saveBalance = try statements[.saveBalance]
        for key in changedBalances.sorted() {
            guard let balance = balances[key] ?? nil else { continue }
            try saveBalance.execute(arguments: key.arguments + [balance.quantity, balance.countedAt])
        }
        encounters = [:]
        changedEncounters = [:]
        censusChanges = [:]
        cases = [:]
        changedCases = [:]
        usageDays = [:]
        changedUsageDays = []
        balances = [:]
        changedBalances = []
        lots = [:]
    }

    // MARK: - Census

    private func encounter(_ subject: String) throws -> EncounterCensus? {
        if let known = encounters[subject] { return known }
        let state = try Data.fetchOne(statements[.loadEncounter], arguments: [subject])
        let stored = try state.map { try decoder.decode(EncounterCensus.self, from: $0) }
        encounters[subject] = stored
        return stored
    }

    private func applyAdmission(_ change: AdmissionChange, of event: SupplyEvent) throws {
        let subject = event.subject!
        let before = try encounter(subject)
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
        moveCensus(removing: before?.movements ?? [], adding: after.movements)
        changedEncounters[subject] = after
        var stored = after
        stored.lastChangeAt = after.lastChangeAt.map(Self.asStoredInJSON)
        encounters[subject] = stored
    }

    /// A time as it reads back from the encounter's JSON state (RFC 3339 text, to the millisecond).
    private static func asStoredInJSON(_ time: Timestamp) -> Timestamp {
        if time.secondsSinceEpoch.rounded(.down) == time.secondsSinceEpoch { return time }
        return (try? Timestamp.parse(time.description)) ?? time
    }

    private func moveCensus(removing old: [CensusMovement], adding new: [CensusMovement]) {
        var delta: [CensusMovement: Int] = [:]
        for movement in old { delta[movement, default: 0] -= 1 }
        for movement in new { delta[movement, default: 0] += 1 }
        for (movement, change) in delta where change != 0 {
            let key = CensusKey(site: movement.site, day: movement.day.dayNumber)
            var counts = censusChanges[key] ?? CensusCounts()
            switch movement.kind {
            case .admission: counts.admissions += change
            case .discharge: counts.discharges += change
            case .transferIn: counts.transfersIn += change
            case .transferOut: counts.transfersOut += change
            case .unseenArrival: counts.unseenArrivals += change
            }
            censusChanges[key] = counts
        }
    }

    struct CensusKey: Hashable, Comparable {
        var site: String
        var day: Int
        static func < (a: CensusKey, b: CensusKey) -> Bool { (a.site, a.day) < (b.site, b.day) }
    }

    struct CensusCounts {
        var admissions = 0
        var discharges = 0
        var transfersIn = 0
        var transfersOut = 0
        var unseenArrivals = 0
    }

    // MARK: - Case book

    struct CaseKey: Hashable, Comparable {
        var site: String
        var caseId: String
        static func < (a: CaseKey, b: CaseKey) -> Bool { (a.site, a.caseId) < (b.site, b.caseId) }
    }

    private func storedCase(_ key: CaseKey) throws -> SurgicalCase? {
        if let known = cases[key] { return known }
        let row = try Row.fetchOne(statements[.loadCase], arguments: [key.site, key.caseId])
        let stored = row.map { row in
            SurgicalCase(
                site: key.site, caseId: key.caseId, procedure: row["procedure"], surgeon: row["surgeon"],
                scheduledFor: (row["scheduledFor"] as Double?).map { Timestamp(secondsSinceEpoch: $0) },
                status: CaseStatus(rawValue: row["status"]) ?? .scheduled,
                lastChangeAt: Timestamp(secondsSinceEpoch: row["lastChangeAt"]))
        }
        cases[key] = stored
        return stored
    }

    private func applyCase(_ change: CaseChange, of event: SupplyEvent) throws {
        let subject = event.subject!
        let key = CaseKey(site: event.site, caseId: change.caseId)
        let current = try storedCase(key)
        let updated: SurgicalCase?
        if let current, event.occurredAt.secondsSinceEpoch < current.lastChangeAt.secondsSinceEpoch {
            let changes = try storedEvents(subject: subject).compactMap { stored -> (occurredAt: Timestamp, change: CaseChange)? in
                guard case .surgicalCase(let change) = stored.body else { return nil }
                return (stored.occurredAt, change)
            }
            updated = SurgicalCase.fold(site: event.site, changes: changes)
        } else {
            updated = SurgicalCase.applying(change, at: event.occurredAt, to: current, site: event.site)
        }
        guard let updated else { return }
        let written = CaseKey(site: updated.site, caseId: updated.caseId)
        changedCases[written] = updated
        // As the row reads back: times without the offset they were written in.
        var stored = updated
        stored.scheduledFor = updated.scheduledFor.map { Timestamp(secondsSinceEpoch: $0.secondsSinceEpoch) }
        stored.lastChangeAt = Timestamp(secondsSinceEpoch: updated.lastChangeAt.secondsSinceEpoch)
        cases[written] = stored
        reservations.touch(site: updated.site, caseId: updated.caseId)
    }

    // MARK: - Usage, receipts, invoices

    struct UsageDayKey: Hashable, Comparable {
        var site: String
        var item: String
        var day: Int
        static func < (a: UsageDayKey, b: UsageDayKey) -> Bool { (a.site, a.item, a.day) < (b.site, b.item, b.day) }
    }

    private func addUsage(_ key: UsageDayKey, _ quantity: Double) throws {
        let current: Double?
        if let known = usageDays[key] {
            current = known
        } else {
            current = try Double.fetchOne(statements[.loadUsageDay], arguments: [key.site, key.item, key.day])
        }
        usageDays[key] = current.map { $0 + quantity } ?? quantity
        changedUsageDays.insert(key)
    }

    private func applyUsage(_ usage: Usage, of event: SupplyEvent, seq: Int64) throws {
        let item = try masterData.itemId(usage.item, usage.gtin)
        // A reversal (a charge credited) takes the quantity off the day's usage and puts it back on the shelf.
        let used = usage.kind == .reversed ? -usage.quantity : usage.quantity
        let location = masterData.location(site: event.site, usage.location)
        try addUsage(UsageDayKey(site: event.site, item: item, day: event.occurredAt.localDate.dayNumber), used)
        try statements[.insertUsageRecord].execute(arguments: [
            seq, event.site, location, item, usage.lot ?? "", usage.serial ?? "", used,
            event.occurredAt.secondsSinceEpoch, usage.caseId, usage.encounter, usage.patient,
        ])
        if let expiry = usage.expiry, let lot = usage.lot {
            recordLot(item: item, lot: lot, expiry: expiry)
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
        try statements[.insertReceiptLine].execute(arguments: [
            seq, event.site, location, receipt.po, receipt.poLine, item, receipt.lot ?? "", receipt.serial ?? "",
            receipt.expiry?.dayNumber, receipt.quantity, receipt.unitPrice, receipt.supplier,
            event.occurredAt.secondsSinceEpoch,
        ])
        if let lot = receipt.lot {
            recordLot(item: item, lot: lot, expiry: receipt.expiry)
        }
        try moveStock(StockKey(site: event.site, location: location, item: item, lot: receipt.lot, serial: receipt.serial),
                      at: event.occurredAt, kind: "receipt", quantity: receipt.quantity, seq: seq)
        reservations.touch(site: event.site, item: item)
        guard receivesRequisitions else { return }
        try RequisitionReceipts.apply(db, site: event.site, po: receipt.po, item: item, quantity: receipt.quantity,
                                      at: event.occurredAt.date)
    }

    private func applyInvoice(_ line: InvoiceLine, of event: SupplyEvent, seq: Int64) throws {
        let item = try masterData.itemId(line.item, line.gtin)
        try statements[.insertInvoiceLine].execute(arguments: [
            seq, event.site, line.supplier, line.invoice, line.line, line.po, line.poLine, item, line.lot ?? "",
            line.serial ?? "", line.quantity, line.unitPrice, line.currency, event.occurredAt.secondsSinceEpoch,
        ])
    }

    struct LotKey: Hashable, Comparable {
        var item: String
        var lot: String
        static func < (a: LotKey, b: LotKey) -> Bool { (a.item, a.lot) < (b.item, b.lot) }
    }

    /// A lot is recorded once per batch, with the latest expiry given (a lot's stored expiry is kept when none is).
    private func recordLot(item: String, lot: String, expiry: LocalDate?) {
        let key = LotKey(item: item, lot: lot)
        let known = lots[key] ?? nil
        lots[key] = expiry?.dayNumber ?? known
    }

    // MARK: - Stock

    struct StockKey: Hashable, Comparable {
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

        static func < (a: StockKey, b: StockKey) -> Bool {
            (a.site, a.location, a.item, a.lot, a.serial) < (b.site, b.location, b.item, b.lot, b.serial)
        }
    }

    struct Balance {
        var quantity: Double
        var countedAt: Double?
    }

    private func balance(_ key: StockKey) throws -> Balance? {
        if let known = balances[key] { return known }
        let row = try Row.fetchOne(statements[.loadBalance], arguments: key.arguments)
        let stored = row.map { Balance(quantity: $0["quantity"], countedAt: $0["countedAt"]) }
        balances[key] = stored
        return stored
    }

    /// A receipt or usage: added to the balance unless a later count already reflects it.
    private func moveStock(_ key: StockKey, at occurredAt: Timestamp, kind: String, quantity: Double, seq: Int64) throws {
        try statements[.insertMovement].execute(arguments: [
            seq, key.site, key.location, key.item, key.lot, key.serial, occurredAt.secondsSinceEpoch, kind, quantity,
        ])
        let time = occurredAt.secondsSinceEpoch
        if var current = try balance(key) {
            guard current.countedAt.map({ $0 < time }) ?? true else { return }
            current.quantity += quantity
            balances[key] = current
        } else {
            balances[key] = Balance(quantity: quantity, countedAt: nil)
        }
        changedBalances.insert(key)
    }

    /// A count sets the balance as of its time; movements after it (already stored) still apply on top.
    private func applyCount(_ count: StockCount, of event: SupplyEvent, seq: Int64) throws {
        let item = try masterData.itemId(count.item, count.gtin)
        let key = StockKey(site: event.site, location: masterData.location(site: event.site, count.location),
                           item: item, lot: count.lot, serial: count.serial)
        let countedAt = event.occurredAt.secondsSinceEpoch
        try statements[.insertMovement].execute(arguments: [
            seq, key.site, key.location, key.item, key.lot, key.serial, countedAt, "count", count.quantity,
        ])
        let later = try Double.fetchOne(statements[.laterMovements], arguments: key.arguments + [countedAt]) ?? 0
        if let current = try balance(key), let counted = current.countedAt, counted > countedAt {
            // An even later count already set the balance.
        } else {
            balances[key] = Balance(quantity: count.quantity + later, countedAt: countedAt)
            changedBalances.insert(key)
        }
        reservations.touch(site: event.site, item: item)
    }
}
