import GRDB
import Synchronization

/// What the append path needs to know of master data, kept in memory and reloaded when an import bumps the
/// master-data version (from this process or any other).
final class MasterDataCache: Sendable {
    struct Snapshot: Sendable {
        var version: Int64
        var defaultLocation: [String: String]
        var locations: Set<String>
        var itemIds: Set<String>
        var itemByGTIN: [String: String]

        func hasLocation(site: String, location: String) -> Bool { locations.contains(site + "\u{1F}" + location) }
    }

    private let current = Mutex<Snapshot?>(nil)

    /// The snapshot valid for the transaction `db` is in.
    func snapshot(_ db: Database) throws -> Snapshot {
        let version = try Int64.fetchOne(db, sql: "SELECT version FROM masterDataVersion WHERE id = 1") ?? 0
        if let cached = current.withLock({ $0 }), cached.version == version { return cached }
        var snapshot = Snapshot(version: version, defaultLocation: [:], locations: [], itemIds: [], itemByGTIN: [:])
        for row in try Row.fetchAll(db, sql: "SELECT id, defaultLocation FROM site") {
            snapshot.defaultLocation[row["id"]] = row["defaultLocation"]
        }
        for row in try Row.fetchAll(db, sql: "SELECT site, id FROM location") {
            snapshot.locations.insert((row["site"] as String) + "\u{1F}" + (row["id"] as String))
        }
        for row in try Row.fetchAll(db, sql: "SELECT id, gtin FROM item") {
            let id: String = row["id"]
            snapshot.itemIds.insert(id)
            if let gtin: String = row["gtin"] { snapshot.itemByGTIN[gtin] = id }
        }
        current.withLock { $0 = snapshot }
        return snapshot
    }
}
