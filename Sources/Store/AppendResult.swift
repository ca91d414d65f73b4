import Interop
import SupplyDomain

/// What became of one record handed to the append path.
public struct AppendResult: Sendable {
    public enum Outcome: Sendable, Equatable {
        /// Stored for the first time, with its position in the event log.
        case accepted(seq: Int64)
        /// Seen before with the same content: acknowledged, no second effect.
        case duplicate(seq: Int64)
        /// Seen before with different content: kept for review, the first version stands.
        case conflict(conflictId: Int64)
        /// Invalid: stored as a dead letter with the reason.
        case rejected(EventProblem, deadLetterId: Int64)
    }

    public var position: SourcePosition
    public var source: String?
    public var id: String?
    public var outcome: Outcome

    public var isAccepted: Bool {
        switch outcome {
        case .accepted, .duplicate: true
        case .conflict, .rejected: false
        }
    }
}

/// Counts of what an ingest did, for the summary a person reads at the end.
public struct AppendSummary: Sendable, Codable, Equatable {
    public var accepted = 0
    public var duplicates = 0
    public var conflicts = 0
    public var rejected = 0
    /// Rejections by reason (`unknownItem`, `invalidTimestamp`, …).
    public var rejectedByReason: [String: Int] = [:]

    public init() {}

    public var total: Int { accepted + duplicates + conflicts + rejected }

    /// Whether every record was taken (new or duplicate).
    public var allAccepted: Bool { conflicts == 0 && rejected == 0 }

    public mutating func add(_ results: [AppendResult]) {
        for result in results {
            switch result.outcome {
            case .accepted: accepted += 1
            case .duplicate: duplicates += 1
            case .conflict: conflicts += 1
            case .rejected(let problem, _):
                rejected += 1
                rejectedByReason[problem.reason.rawValue, default: 0] += 1
            }
        }
    }
}
