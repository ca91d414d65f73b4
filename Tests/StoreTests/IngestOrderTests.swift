import DemoNetwork
import Foundation
import GRDB
import Interop
@testable import Store
import SupplyCastTesting
import SupplyDomain
import Testing

/// The projections, reservations and alerts do not depend on how events were batched or in what order the feeds
/// delivered them, nor on whether they were built as events arrived or rebuilt from the log afterwards.
@Suite struct IngestOrderTests {
    /// Two sites, transfers between them, ten days of history; implants are never received, so that booked cases
    /// run short of them and raise alerts.
    static let network = DemoParameters(seed: 31, sites: 2, consumables: 6, implants: 4, pharmacyItems: 2,
                                        procedures: 4, historyDays: 10, forwardScheduleDays: 5)
    /// When every batch arrives: the morning after the last day of history, so the booked cases are urgent.
    static let arrival = network.endDate.advanced(by: 1).date(hour: 8)

    static let dataset = DemoNetwork.generate(network)
    static let implants = Set(dataset.items.filter(\.isImplant).map(\.id))
    static let events = dataset.events.filter { event in
        if case .receipt(let receipt) = event.body, let item = receipt.item { return !implants.contains(item) }
        return true
    }

    /// The demo in time order, one event per append.
    static let oneByOne = Result { try ingest(events, batch: 1) }
    /// Everything the projections, reservations and live alerts hold, one sorted line per row.
    static func snapshot(_ store: SupplyStore) throws -> [String: [String]] {
        let tables: [String: String] = [
            "censusDay": "SELECT * FROM censusDay WHERE admissions || discharges || transfersIn || transfersOut || unseenArrivals != '00000'",
            "encounter": "SELECT * FROM encounter",
            "surgicalCase": "SELECT * FROM surgicalCase",
            "usageDay": "SELECT * FROM usageDay",
            "usageRecord": "SELECT site, location, item, lot, serial, quantity, occurredAt, caseId, encounter, patient FROM usageRecord",
            "stockMovement": "SELECT site, location, item, lot, serial, occurredAt, kind, quantity FROM stockMovement",
            "stockBalance": "SELECT * FROM stockBalance",
            "lot": "SELECT * FROM lot",
            "receiptLine": "SELECT site, location, po, poLine, item, lot, serial, expiry, quantity, unitPrice, supplier, occurredAt FROM receiptLine",
            "invoiceLine": "SELECT site, supplier, invoice, line, po, poLine, item, lot, serial, quantity, unitPrice, currency, occurredAt FROM invoiceLine",
            "caseRequirement": "SELECT * FROM caseRequirement",
            "reservation": "SELECT * FROM reservation",
            "reservationShortfall": "SELECT * FROM reservationShortfall",
            "alert": "SELECT kind, subject, site, severity, data FROM alert WHERE state != 'resolved'",
        ]
        return try store.pool.read { db in
            try tables.mapValues { sql in
                try Row.fetchAll(db, sql: sql).map { row in
                    row.databaseValues.map(\.description).joined(separator: " | ")
                }.sorted()
            }
        }
    }

    static func ingest(_ events: [SupplyEvent], batch: Int) throws -> TemporaryStore {
        let db = try TemporaryStore()
        try db.importMasterData(of: dataset)
        let encoder = JSONEncoder()
        var ndjson = Data()
        for event in events {
            ndjson.append(try encoder.encode(event))
            ndjson.append(0x0A)
        }
        let decoded = EventDecoder().decode(ndjson, format: .ndjson, origin: "demo")
        for start in stride(from: 0, to: decoded.count, by: batch) {
            let results = try db.store.append(Array(decoded[start..<min(decoded.count, start + batch)]), receivedAt: arrival)
            #expect(results.filter { !$0.isAccepted }.isEmpty)
        }
        return db
    }

    @Test("the comparison has something to compare: every projection, reservations, shortfalls and alerts hold rows")
    func comparisonIsNotEmpty() throws {
        let reference = try Self.snapshot(Self.oneByOne.get().store)
        // Ten days hold no supplier invoice yet, and lots only come with lot-tracked receipts and UDI usage.
        for (table, rows) in reference where table != "lot" && table != "invoiceLine" {
            #expect(!rows.isEmpty, "\(table) is empty")
        }
    }

    @Test("one big batch gives the same rows as one event per batch")
    func oneBatch() throws {
        let reference = try Self.snapshot(Self.oneByOne.get().store)
        let batched = try Self.snapshot(Self.ingest(Self.events, batch: Self.events.count).store)
        for table in reference.keys.sorted() {
            #expect(batched[table] == reference[table], "\(table)")
        }
    }

    @Test("feeds delivered one after another, in batches of 500, give the same rows as time order one by one")
    func feedByFeed() throws {
        let reference = try Self.snapshot(Self.oneByOne.get().store)
        // As files per feed: each source's events together, in its own time order.
        let byFeed = Self.events.enumerated().sorted { ($0.element.source, $0.offset) < ($1.element.source, $1.offset) }
            .map(\.element)
        let batched = try Self.snapshot(Self.ingest(byFeed, batch: 500).store)
        for table in reference.keys.sorted() {
            #expect(batched[table] == reference[table], "\(table)")
        }
    }

    @Test("rebuilding every projection from the log gives the same rows as building them event by event")
    func rebuild() throws {
        let reference = try Self.snapshot(Self.oneByOne.get().store)
        let db = try Self.ingest(Self.events, batch: Self.events.count)
        var reported: [Int] = []
        let replayed = try db.store.rebuildProjections(batchSize: 700, now: Self.arrival) { done, _ in reported.append(done) }
        #expect(replayed == Self.events.count)
        #expect(reported.last == Self.events.count)
        #expect(reported == reported.sorted())
        let rebuilt = try Self.snapshot(db.store)
        for table in reference.keys.sorted() {
            #expect(rebuilt[table] == reference[table], "\(table)")
        }
    }

    @Test("a rebuild repairs a projection that went wrong")
    func rebuildRepairs() throws {
        let db = try Self.ingest(Self.events, batch: Self.events.count)
        let reference = try Self.snapshot(db.store)
        try db.store.pool.write { db in
            try db.execute(sql: "UPDATE censusDay SET admissions = admissions + 5")
            try db.execute(sql: "DELETE FROM stockBalance WHERE site = (SELECT min(site) FROM stockBalance)")
            try db.execute(sql: "DELETE FROM reservation")
        }
        try db.store.rebuildProjections(now: Self.arrival)
        let rebuilt = try Self.snapshot(db.store)
        #expect(rebuilt == reference)
    }
}

extension LocalDate {
    /// This day at `hour`:00 UTC.
    func date(hour: Int) -> Date {
        Date(timeIntervalSince1970: Double(dayNumber) * 86_400 + Double(hour) * 3600)
    }
}
