import Foundation
import SupplyDomain

/// One record of a feed after decoding: either a canonical event ready to append, or the problem with it.
/// The original bytes travel along so a rejected record can be dead-lettered exactly as received.
public struct DecodedEvent: Sendable {
    public var position: SourcePosition
    public var original: Data
    public var outcome: Outcome

    public enum Outcome: Sendable {
        case event(SupplyEvent, fingerprint: EventFingerprint)
        case rejected(EventProblem, source: String?, id: String?, type: String?)
    }

    public init(position: SourcePosition, original: Data, outcome: Outcome) {
        self.position = position
        self.original = original
        self.outcome = outcome
    }

    /// The event, when decoding succeeded.
    public var event: SupplyEvent? {
        if case .event(let event, _) = outcome { return event }
        return nil
    }

    /// The problem, when decoding failed.
    public var problem: EventProblem? {
        if case .rejected(let problem, _, _, _) = outcome { return problem }
        return nil
    }
}
