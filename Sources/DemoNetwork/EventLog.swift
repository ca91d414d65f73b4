import SupplyDomain

/// Collects generated events inside the history window (and the opening state from before it), then sorts them
/// and numbers them per source.
///
/// Generators add events in whatever order is convenient; `finish()` orders them by `occurredAt` (ties keep
/// the order they were added in, so the result is deterministic) and only then gives each its id
/// `<source>-<seq>`, so that ids rise with time within a source.
struct EventLog {
    private var pending: [SupplyEvent] = []
    private var keys: [(seconds: Double, order: Int)] = []
    /// Events outside this range of instants (before the first day, after the end of "today") are dropped.
    let window: ClosedRange<Double>

    init(window: ClosedRange<Double>, capacity: Int = 0) {
        self.window = window
        pending.reserveCapacity(capacity)
        keys.reserveCapacity(capacity)
    }

    /// Whether an instant falls inside the history window.
    @inline(__always)
    func contains(_ instant: Timestamp) -> Bool {
        window.contains(instant.secondsSinceEpoch)
    }

    /// Adds an event unless it falls outside the window; its id is assigned by `finish()`.
    mutating func add(source: String, at occurredAt: Timestamp, site: String, body: EventBody,
                      correlationId: String? = nil) {
        guard contains(occurredAt) else { return }
        keys.append((occurredAt.secondsSinceEpoch, pending.count))
        pending.append(SupplyEvent(id: "", source: source, occurredAt: occurredAt, site: site,
                                   correlationId: correlationId, body: body))
    }

    /// Adds an event of the opening state: one from before the first day that the history still needs, such as
    /// the admission of a patient still in house when the history begins, as a go-live load delivers it. Only
    /// events after the end of the window are dropped.
    mutating func addOpeningState(source: String, at occurredAt: Timestamp, site: String, body: EventBody) {
        guard occurredAt.secondsSinceEpoch <= window.upperBound else { return }
        keys.append((occurredAt.secondsSinceEpoch, pending.count))
        pending.append(SupplyEvent(id: "", source: source, occurredAt: occurredAt, site: site, body: body))
    }

    var count: Int { pending.count }

    /// The events sorted by time, each with its per-source id.
    mutating func finish() -> [SupplyEvent] {
        keys.sort { $0.seconds != $1.seconds ? $0.seconds < $1.seconds : $0.order < $1.order }
        var sequence: [String: Int] = [:]
        var result: [SupplyEvent] = []
        result.reserveCapacity(keys.count)
        for key in keys {
            // Unpadded numbers keep most ids within Swift's 15-byte small-string form: no allocation per event.
            let next = (sequence[pending[key.order].source] ?? 0) + 1
            sequence[pending[key.order].source] = next
            pending[key.order].id = pending[key.order].source + "-" + String(next)
            result.append(pending[key.order])
        }
        pending = []
        keys = []
        return result
    }
}
