import Crypto
import Foundation
import GRDB
import Interop
import SupplyDomain

/// What one master-data file import did.
public struct MasterDataImportResult: Sendable, Codable {
    public var file: String
    public var kind: String
    public var rows: Int
    /// False when the same content was imported before: nothing changed.
    public var changed: Bool
}

extension SupplyStore {
    /// Imports master-data files in one transaction, in dependency order (sites before locations, suppliers
    /// before items, items before cards and policies). Rows are upserts, so importing a file twice changes nothing;
    /// a preference card in a file replaces that card's lines. Any problem in any file rolls everything back.
    public func importMasterData(_ files: [(file: String, records: MasterDataRecords, data: Data)], importedAt: Date = Date())
        throws -> [MasterDataImportResult]
    {
        let ordered = files.sorted { Self.importOrder($0.records) < Self.importOrder($1.records) }
        return try pool.write { db in
            var results: [MasterDataImportResult] = []
            var problems: [String] = []
            for entry in ordered {
                let hash = SHA256.hash(data: entry.data).hexString
                let kind = Self.kindName(entry.records)
                let seen = try Bool.fetchOne(db, sql: """
                    SELECT EXISTS (SELECT 1 FROM masterDataImport WHERE kind = ? AND contentHash = ?
                        AND id = (SELECT max(id) FROM masterDataImport WHERE kind = ?))
                    """, arguments: [kind, hash, kind]) ?? false
                let found = try Self.checkReferences(db, entry.records, file: entry.file)
                problems += found
                // Once anything is wrong the transaction rolls back; keep checking the rest, write nothing more.
                guard problems.isEmpty else { continue }
                try Self.upsert(db, entry.records)
                try db.execute(sql: """
                    INSERT INTO masterDataImport (kind, file, contentHash, rowCount, importedAt) VALUES (?, ?, ?, ?, ?)
                    """, arguments: [kind, entry.file, hash, entry.records.count, importedAt.iso8601])
                results.append(MasterDataImportResult(file: entry.file, kind: kind, rows: entry.records.count, changed: !seen))
            }
            if !problems.isEmpty { throw StoreError.invalidMasterData(problems) }
            try db.execute(sql: "UPDATE masterDataVersion SET version = version + 1 WHERE id = 1")
            return results
        }
    }

    private static func importOrder(_ records: MasterDataRecords) -> Int {
        switch records {
        case .sites: 0
        case .locations: 1
        case .suppliers: 2
        case .items: 3
        case .preferenceCards: 4
        case .policies: 5
        }
    }

    private static func kindName(_ records: MasterDataRecords) -> String {
        switch records {
        case .sites: MasterDataKind.sites.rawValue
        case .locations: MasterDataKind.locations.rawValue
        case .suppliers: MasterDataKind.suppliers.rawValue
        case .items: MasterDataKind.items.rawValue
        case .preferenceCards: MasterDataKind.preferenceCards.rawValue
        case .policies: MasterDataKind.policies.rawValue
        }
    }

    /// References to other master data that does not exist (after earlier files of this import were applied).
    private static func checkReferences(_ db: Database, _ records: MasterDataRecords, file: String) throws -> [String] {
        func known(_ table: String) throws -> Set<String> {
            Set(try String.fetchAll(db, sql: "SELECT id FROM \(table)"))
        }
        var problems: [String] = []
        func report(_ index: Int, _ column: String, _ reason: String) {
            problems.append(MasterDataProblem(file: file, row: index + 2, column: column, reason: reason).description)
        }
        switch records {
        case .locations(let rows):
            let sites = try known("site")
            for (index, row) in rows.enumerated() where !sites.contains(row.site) {
                report(index, "site", "unknown site '\(row.site)'; import sites first")
            }
        case .items(let rows):
            let suppliers = try known("supplier")
            var gtins: [String: String] = [:]
            for (index, row) in rows.enumerated() {
                if let supplier = row.supplier, !suppliers.contains(supplier) {
                    report(index, "supplier", "unknown supplier '\(supplier)'; import suppliers first")
                }
                if let gtin = row.gtin {
                    if let other = gtins[gtin] { report(index, "gtin", "GTIN \(gtin) is also given to item '\(other)'") }
                    gtins[gtin] = row.id
                }
            }
        case .preferenceCards(let rows):
            let items = try known("item")
            for (index, row) in rows.enumerated() where !items.contains(row.item) {
                report(index, "item", "unknown item '\(row.item)'")
            }
        case .policies(let rows):
            let items = try known("item")
            let sites = try known("site")
            for (index, row) in rows.enumerated() {
                if !items.contains(row.item) { report(index, "item", "unknown item '\(row.item)'") }
                if !row.site.isEmpty, !sites.contains(row.site) { report(index, "site", "unknown site '\(row.site)'") }
            }
        case .sites, .suppliers:
            break
        }
        return problems
    }

    private static func upsert(_ db: Database, _ records: MasterDataRecords) throws {
        switch records {
        case .sites(let rows):
            for row in rows {
                try db.execute(sql: """
                    INSERT INTO site (id, name, timeZone, defaultLocation) VALUES (?, ?, ?, ?)
                    ON CONFLICT (id) DO UPDATE SET name = excluded.name, timeZone = excluded.timeZone,
                        defaultLocation = excluded.defaultLocation
                    """, arguments: [row.id, row.name, row.timeZone, row.defaultLocation])
            }
        case .locations(let rows):
            for row in rows {
                try db.execute(sql: """
                    INSERT INTO location (site, id, name, kind) VALUES (?, ?, ?, ?)
                    ON CONFLICT (site, id) DO UPDATE SET name = excluded.name, kind = excluded.kind
                    """, arguments: [row.site, row.id, row.name, row.kind])
            }
        case .suppliers(let rows):
            for row in rows {
                try db.execute(sql: """
                    INSERT INTO supplier (id, name, leadTimeDays) VALUES (?, ?, ?)
                    ON CONFLICT (id) DO UPDATE SET name = excluded.name, leadTimeDays = excluded.leadTimeDays
                    """, arguments: [row.id, row.name, row.leadTimeDays])
            }
        case .items(let rows):
            // GTINs may move between items within one file: clear the ones this file assigns first.
            for row in rows {
                if let gtin = row.gtin {
                    try db.execute(sql: "UPDATE item SET gtin = NULL WHERE gtin = ? AND id != ?", arguments: [gtin, row.id])
                }
            }
            for row in rows {
                try db.execute(sql: """
                    INSERT INTO item (id, name, gtin, unit, packSize, category, isImplant, lotTracked, serialTracked,
                        critical, unitCost, supplier, leadTimeDays)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (id) DO UPDATE SET name = excluded.name, gtin = excluded.gtin, unit = excluded.unit,
                        packSize = excluded.packSize, category = excluded.category, isImplant = excluded.isImplant,
                        lotTracked = excluded.lotTracked, serialTracked = excluded.serialTracked,
                        critical = excluded.critical, unitCost = excluded.unitCost, supplier = excluded.supplier,
                        leadTimeDays = excluded.leadTimeDays
                    """, arguments: [row.id, row.name, row.gtin, row.unit, row.packSize, row.category, row.isImplant,
                                     row.lotTracked, row.serialTracked, row.critical, row.unitCost, row.supplier,
                                     row.leadTimeDays])
            }
        case .preferenceCards(let rows):
            let cards = Set(rows.map { "\($0.procedure)\u{1F}\($0.surgeon)" })
            for card in cards {
                let parts = card.split(separator: "\u{1F}", omittingEmptySubsequences: false).map(String.init)
                try db.execute(sql: "DELETE FROM preferenceCardLine WHERE procedure = ? AND surgeon = ?",
                               arguments: [parts[0], parts[1]])
            }
            for row in rows {
                try db.execute(sql: """
                    INSERT INTO preferenceCardLine (procedure, surgeon, item, quantity) VALUES (?, ?, ?, ?)
                    ON CONFLICT (procedure, surgeon, item) DO UPDATE SET quantity = excluded.quantity
                    """, arguments: [row.procedure, row.surgeon, row.item, row.quantity])
            }
        case .policies(let rows):
            for row in rows {
                try db.execute(sql: """
                    INSERT INTO replenishmentPolicy (site, item, serviceLevel, reviewPeriodDays, leadTimeDays,
                        leadTimeStdDevDays, minimumOrderQuantity, maximumQuantity)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (site, item) DO UPDATE SET serviceLevel = excluded.serviceLevel,
                        reviewPeriodDays = excluded.reviewPeriodDays, leadTimeDays = excluded.leadTimeDays,
                        leadTimeStdDevDays = excluded.leadTimeStdDevDays,
                        minimumOrderQuantity = excluded.minimumOrderQuantity, maximumQuantity = excluded.maximumQuantity
                    """, arguments: [row.site, row.item, row.serviceLevel, row.reviewPeriodDays, row.leadTimeDays,
                                     row.leadTimeStdDevDays, row.minimumOrderQuantity, row.maximumQuantity])
            }
        }
    }
}
