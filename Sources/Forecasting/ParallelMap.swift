import Dispatch

/// Order-preserving parallel map over indices using `DispatchQueue.concurrentPerform`.
enum ParallelMap {
    /// Results of `body(i)` for `i` in `0..<count`; `workers == 1` runs serially on the calling thread.
    static func map<T: Sendable>(count: Int, workers: Int, _ body: @Sendable (Int) -> T) -> [T] {
        guard count > 0 else { return [] }
        if workers <= 1 || count == 1 {
            return (0..<count).map(body)
        }
        let slots = ResultSlots<T>(count: count)
        let chunk = max(1, count / (workers * 16))
        let chunks = (count + chunk - 1) / chunk
        DispatchQueue.concurrentPerform(iterations: chunks) { c in
            for i in (c * chunk)..<min(count, (c + 1) * chunk) {
                slots.store(body(i), at: i)
            }
        }
        return slots.collect()
    }
}

/// Write-once result slots; each index is written by exactly one worker, then read after all finish.
private final class ResultSlots<T>: @unchecked Sendable {
    private let buffer: UnsafeMutableBufferPointer<T?>

    init(count: Int) {
        buffer = .allocate(capacity: count)
        buffer.initialize(repeating: nil)
    }

    deinit {
        buffer.deinitialize()
        buffer.deallocate()
    }

    func store(_ value: T, at index: Int) {
        buffer[index] = value
    }

    func collect() -> [T] {
        buffer.map { $0! }
    }
}
