import Foundation
import GRDB
import Interop
import SupplyDomain

extension SupplyStore {
    /// Appends decoded records in one transaction: each event is stored once, projections move with it, invalid
    /// records become dead letters. Returns only after the commit, so every result it gives is durable.
    public func append(_ records: [DecodedEvent], receivedAt: Date = Date()) throws -> [AppendResult] {
        let stamp = receivedAt.iso8601
        let results = try pool.write { db in
            var appender = EventAppender(db: db, masterData: try masterData.snapshot(db), receivedAt: stamp, now: receivedAt)
            return try appender.appendAll(records)
        }
        checkpointer.nudge()
        return results
    }

    /// The same as ``append(_:receivedAt:)`` for callers on Swift concurrency (the HTTP server).
    public func append(_ records: [DecodedEvent], receivedAt: Date = Date()) async throws -> [AppendResult] {
        let stamp = receivedAt.iso8601
        let cache = masterData
        let results = try await pool.write { db in
            var appender = EventAppender(db: db, masterData: try cache.snapshot(db), receivedAt: stamp, now: receivedAt)
            return try appender.appendAll(records)
        }
        checkpointer.nudge()
        return results
    }
}

/// The one writer path into the event log: deduplicate, check against master data, store, project.
struct EventAppender {
    let db: Database
    let masterData: MasterDataCache.Snapshot
    let receivedAt: String
    /// When the batch arrived: urgent alerts are judged against this day.
    let now: Date
    let projector: Projector

    init(db: Database, masterData: MasterDataCache.Snapshot, receivedAt: String, now: Date) {
        self.db = db
        self.masterData = masterData
        self.receivedAt = receivedAt
        self.now = now
        self.projector = Projector(db: db, masterData: masterData)
    }

    /// Appends every record, then settles what they moved (reservations); call inside the write transaction.
    mutating func appendAll(_ records: [DecodedEvent]) throws -> [AppendResult] {
        let results = try records.map { try append($0) }
        try projector.settle(now: now)
        return results
    }

    /// Appends one record; ``appendAll(_:)`` or a call to `projector.settle()` must follow before commit.
    mutating func append(_ record: DecodedEvent) throws -> AppendResult {
        switch record.outcome {
        case .rejected(let problem, let source, let id, let type):
            return try reject(record, problem, source: source, id: id, type: type)
        case .event(let event, let fingerprint):
            do {
                try masterData.check(event)
            } catch {
                return try reject(record, error, source: event.source, id: event.id, type: event.type.rawValue)
            }
            return try store(event, fingerprint, record)
        }
    }

    private mutating func store(_ event: SupplyEvent, _ fingerprint: EventFingerprint, _ record: DecodedEvent) throws
        -> AppendResult
    {
        // No RETURNING: SQLite would buffer each row through a temporary table; the new row's id is at hand.
        try projector.statements[.insertEvent].execute(arguments: [
            event.source, event.id, fingerprint.contentHash, event.type.rawValue, event.site,
            event.occurredAt.secondsSinceEpoch, event.subject, receivedAt, fingerprint.canonical,
        ])
        let inserted = db.changesCount == 1 ? db.lastInsertedRowID : nil
        let result = { (outcome: AppendResult.Outcome) in
            AppendResult(position: record.position, source: event.source, id: event.id, outcome: outcome)
        }
        guard let seq = inserted else {
            let existing = try Row.fetchOne(
                db.cachedStatement(sql: "SELECT seq, contentHash FROM event WHERE source = ? AND sourceId = ?"),
                arguments: [event.source, event.id])!
            if existing["contentHash"] == fingerprint.contentHash {
                return result(.duplicate(seq: existing["seq"]))
            }
            let conflictId = try Int64.fetchOne(db.cachedStatement(sql: """
                INSERT INTO eventConflict (source, sourceId, existingHash, contentHash, body, channel, receivedAt)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (source, sourceId, contentHash) DO UPDATE SET receivedAt = excluded.receivedAt
                RETURNING id
                """), arguments: [event.source, event.id, existing["contentHash"] as String, fingerprint.contentHash,
                                  record.original, record.position.description, receivedAt])!
            return result(.conflict(conflictId: conflictId))
        }
        try projector.apply(event, seq: seq)
        return result(.accepted(seq: seq))
    }

    private func reject(_ record: DecodedEvent, _ problem: EventProblem, source: String?, id: String?, type: String?)
        throws -> AppendResult
    {
        let deadLetterId = try DeadLetterBox.put(
            db, channel: record.position.description, source: source, sourceId: id, type: type, problem: problem,
            original: record.original, receivedAt: receivedAt)
        return AppendResult(position: record.position, source: source, id: id,
                            outcome: .rejected(problem, deadLetterId: deadLetterId))
    }
}

extension MasterDataCache.Snapshot {
    /// Rejects events naming sites, items or locations master data does not know.
    func check(_ event: SupplyEvent) throws(EventProblem) {
        guard defaultLocation[event.site] != nil else {
            throw EventProblem(.unknownSite, field: "site",
                "site '\(event.site)' is not in master data; import it first (supplycast import sites.csv)")
        }
        switch event.body {
        case .admission(let change):
            if let toSite = change.toSite, defaultLocation[toSite] == nil {
                throw EventProblem(.unknownSite, field: "payload.toSite", "site '\(toSite)' is not in master data")
            }
        case .surgicalCase:
            break
        case .usage(let usage):
            _ = try itemId(usage.item, usage.gtin)
            try checkLocation(event.site, usage.location)
        case .receipt(let receipt):
            _ = try itemId(receipt.item, receipt.gtin)
            try checkLocation(event.site, receipt.location)
        case .invoice(let line):
            _ = try itemId(line.item, line.gtin)
        case .stockCount(let count):
            _ = try itemId(count.item, count.gtin)
            try checkLocation(event.site, count.location)
        }
    }

    /// The SupplyCast item an event means, by item code or by GTIN (from the event or its UDI).
    func itemId(_ item: String?, _ gtin: String?) throws(EventProblem) -> String {
        if let item, !item.isEmpty {
            guard itemIds.contains(item) else {
                throw EventProblem(.unknownItem, field: "payload.item", "item '\(item)' is not in master data")
            }
            if let gtin, let byGTIN = itemByGTIN[gtin], byGTIN != item {
                throw EventProblem(.invalidValue, field: "payload.gtin", "GTIN \(gtin) belongs to item '\(byGTIN)', not '\(item)'")
            }
            return item
        }
        guard let gtin, let id = itemByGTIN[gtin] else {
            throw EventProblem(.unknownItem, field: "payload.gtin", "no item in master data has GTIN \(gtin ?? "")")
        }
        return id
    }

    func location(site: String, _ location: String?) -> String {
        location ?? defaultLocation[site] ?? "MAIN"
    }

    private func checkLocation(_ site: String, _ location: String?) throws(EventProblem) {
        guard let location else { return }
        guard hasLocation(site: site, location: location) else {
            throw EventProblem(.unknownLocation, field: "payload.location",
                "location '\(location)' is not a location of site '\(site)' in master data")
        }
    }
}

extension Date {
    /// RFC 3339 UTC text with milliseconds, the form SupplyCast records times in.
    var iso8601: String {
        Timestamp(date: self).description
    }
}
