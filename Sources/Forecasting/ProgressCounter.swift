import Synchronization

/// Counts finished series across workers and reports about every hundredth of the total, one report at a time.
final class ProgressCounter: Sendable {
    private let done = Mutex(0)
    private let total: Int
    private let step: Int
    private let report: @Sendable (Int, Int) -> Void

    init(total: Int, report: @escaping @Sendable (Int, Int) -> Void) {
        self.total = total
        self.step = max(1, (total + 99) / 100)
        self.report = report
    }

    /// Counts one more series; reports while holding the count, so reports never overlap or go backwards.
    func advance() {
        done.withLock { done in
            done += 1
            if done % step == 0 || done == total { report(done, total) }
        }
    }
}
