import Foundation
import GRDB
import Synchronization

/// Copies the write-ahead log back into the database file on its own connection and thread, so a commit never
/// waits for a checkpoint.
///
/// The writer connection runs with automatic checkpoints only as a backstop (``backstopPages``); after each append
/// the store calls ``nudge(walPath:)``, and when the log has grown past ``thresholdBytes`` a PASSIVE checkpoint
/// runs here, alongside the writer. Durability does not depend on it: every commit is already fsynced into the log.
final class WALCheckpointer: Sendable {
    /// Log size above which a checkpoint is started.
    static let thresholdBytes: Int64 = 32 << 20
    /// The writer's own automatic checkpoint, in pages: reached only if this checkpointer falls far behind.
    static let backstopPages = 65_536

    private let path: String
    private let queue = DispatchQueue(label: "supplycast.wal-checkpoint", qos: .utility)
    private let state = Mutex<(connection: DatabaseQueue?, running: Bool)>((nil, false))

    init(path: String) {
        self.path = path
    }

    /// Starts a checkpoint in the background if the log is large and none is running; returns at once.
    func nudge() {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path + "-wal")
        guard let size = (attributes?[.size] as? NSNumber)?.int64Value, size > Self.thresholdBytes else { return }
        let start = state.withLock { state -> Bool in
            if state.running { return false }
            state.running = true
            return true
        }
        guard start else { return }
        queue.async { [self] in
            defer { state.withLock { $0.running = false } }
            do {
                let connection = try state.withLock { state in
                    if let connection = state.connection { return connection }
                    var configuration = Configuration()
                    configuration.busyMode = .immediateError
                    configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
                    let connection = try DatabaseQueue(path: path, configuration: configuration)
                    state.connection = connection
                    return connection
                }
                try connection.writeWithoutTransaction { db in
                    _ = try db.checkpoint(.passive)
                }
            } catch {
                // A busy or failed checkpoint is retried at the next nudge; the writer's backstop still bounds the log.
            }
        }
    }
}
