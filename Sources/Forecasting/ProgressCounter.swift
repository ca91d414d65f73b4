import Foundation

/// Counts finished series across workers and reports about every hundredth of the total, one report at a time.
final class ProgressCounter: @unchecked Sendable {
    private let lock = NSLock()
    private let total: Int
    private let step: Int
    private let report: @Sendable (Int, Int) -> Void
    private var done = 0

    init(total: Int, report: @escaping @Sendable (Int, Int) -> Void) {
        self.total = total
        self.step = max(1, (total + 99) / 100)
        self.report = report
    }

    func advance() {
        lock.lock()
        defer { lock.unlock() }
        done += 1
        if done % step == 0 || done == total { report(done, total) }
    }
}
