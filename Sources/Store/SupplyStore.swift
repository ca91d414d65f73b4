import Foundation
import GRDB

/// The SupplyCast database: one SQLite file in WAL mode, opened and migrated by this one factory, used by the
/// CLI, the server and the tests alike.
///
/// Every write method runs one transaction that keeps the store's invariants; nothing outside `Store` writes SQL.
public final class SupplyStore: Sendable {
    /// The GRDB pool: one writer, concurrent readers.
    public let pool: DatabasePool
    /// Where the file lives.
    public let path: String
    let masterData: MasterDataCache
    let checkpointer: WALCheckpointer

    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    ///
    /// Commits are fsynced (`synchronous = FULL`): an event is acknowledged only once it would survive a crash.
    /// The writer keeps a page cache large enough for an append batch's working set, and leaves checkpoints to
    /// ``WALCheckpointer`` so that a commit does not wait for one.
    public init(path: String) throws {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(30)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
            if !db.configuration.readonly {
                try db.execute(sql: """
                    PRAGMA cache_size = -\(SupplyStore.writerCacheKiB);
                    PRAGMA wal_autocheckpoint = \(WALCheckpointer.backstopPages)
                    """)
            }
        }
        let url = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            try Schema.migrator.migrate(pool)
        } catch let error as DatabaseError {
            throw StoreError.cannotOpen(path: path, reason: error.message ?? "\(error)")
        }
        self.path = path
        self.masterData = MasterDataCache()
        self.checkpointer = WALCheckpointer(path: path)
    }

    /// The writer's page cache: 256 MiB, the pages an append batch of 20,000 events touches with room to spare.
    static let writerCacheKiB = 262_144
}
