import SupplyDomain

/// What one message amounts to: its canonical events (none when it changes nothing SupplyCast keeps, such as an
/// outpatient registration) and, when it gives none, why.
public struct HL7Mapping: Sendable, Hashable {
    public var key: HL7MessageKey
    public var events: [SupplyEvent]
    /// Why the message gives no events, or which of its lines were skipped.
    public var notes: [String]

    public init(key: HL7MessageKey, events: [SupplyEvent], notes: [String] = []) {
        self.key = key
        self.events = events
        self.notes = notes
    }
}
