import SupplyDomain

/// One policy's stock of one item at one site, the truth the simulation serves uses from: batches taken
/// first-expiry-first-out, never below zero.
struct StockShelf: Sendable {
    /// Units received together: one lot (one serial for implants) at one location.
    struct Batch: Sendable {
        var lot: String?
        var expiry: LocalDate?
        var serial: String?
        var location: String
        var quantity: Int
        /// Arrival order, which breaks ties between equal expiries.
        var sequence: Int

        var expiryKey: Int { expiry?.dayNumber ?? Int.max }
    }

    private(set) var batches: [Batch] = []
    private(set) var onHand = 0
    private var received = 0

    mutating func receive(lot: String?, expiry: LocalDate?, serial: String?, location: String, quantity: Int) {
        guard quantity > 0 else { return }
        let batch = Batch(lot: lot, expiry: expiry, serial: serial, location: location, quantity: quantity,
                          sequence: received)
        received += 1
        let place = batches.firstIndex { ($0.expiryKey, $0.sequence) > (batch.expiryKey, batch.sequence) } ?? batches.count
        batches.insert(batch, at: place)
        onHand += quantity
    }

    /// Takes up to `quantity` units, earliest expiry first; returns the parts taken (one per batch) and the
    /// units the shelf did not have.
    mutating func take(_ quantity: Int) -> (taken: [Batch], missing: Int) {
        var left = quantity
        var taken: [Batch] = []
        while left > 0, !batches.isEmpty {
            var part = batches[0]
            part.quantity = min(left, part.quantity)
            batches[0].quantity -= part.quantity
            if batches[0].quantity == 0 { batches.removeFirst() }
            onHand -= part.quantity
            left -= part.quantity
            taken.append(part)
        }
        return (taken, left)
    }

    /// Removes what is left of lots whose expiry day is before `day`; returns it.
    mutating func writeOff(expiredBefore day: LocalDate) -> [Batch] {
        let expired = batches.filter { $0.expiryKey < day.dayNumber }
        guard !expired.isEmpty else { return [] }
        batches.removeAll { $0.expiryKey < day.dayNumber }
        onHand -= expired.reduce(0) { $0 + $1.quantity }
        return expired
    }

    /// Units still usable on `day` (their lot does not expire before it).
    func usable(on day: LocalDate) -> Int {
        batches.reduce(0) { $0 + ($1.expiryKey >= day.dayNumber ? $1.quantity : 0) }
    }
}
