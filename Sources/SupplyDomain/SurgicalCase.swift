/// Where a case stands on the OR schedule.
public enum CaseStatus: String, Sendable, Codable, CaseIterable {
    case scheduled, cancelled, completed, noShow
}

/// A case as the case book knows it: the fold of its changes in the order they happened.
///
/// Changes may arrive in any order; the case is always rebuilt from them sorted by `occurredAt`, so a
/// cancellation that arrives before its booking stays cancelled when the booking shows up.
public struct SurgicalCase: Sendable, Hashable, Codable {
    public var site: String
    public var caseId: String
    public var procedure: String?
    public var surgeon: String?
    public var scheduledFor: Timestamp?
    public var status: CaseStatus
    /// When the latest change applied happened.
    public var lastChangeAt: Timestamp

    public init(
        site: String, caseId: String, procedure: String?, surgeon: String?, scheduledFor: Timestamp?,
        status: CaseStatus, lastChangeAt: Timestamp
    ) {
        self.site = site
        self.caseId = caseId
        self.procedure = procedure
        self.surgeon = surgeon
        self.scheduledFor = scheduledFor
        self.status = status
        self.lastChangeAt = lastChangeAt
    }

    /// Folds the changes of one case, in any order, into its current state.
    public static func fold(site: String, changes: [(occurredAt: Timestamp, change: CaseChange)]) -> SurgicalCase? {
        let ordered = changes.enumerated().sorted {
            ($0.element.occurredAt, $0.offset) < ($1.element.occurredAt, $1.offset)
        }
        var current: SurgicalCase?
        for (_, entry) in ordered {
            current = SurgicalCase.applying(entry.change, at: entry.occurredAt, to: current, site: site)
        }
        return current
    }

    /// The state after one more change that happened no earlier than every change already applied.
    public static func applying(
        _ change: CaseChange, at occurredAt: Timestamp, to current: SurgicalCase?, site: String
    ) -> SurgicalCase {
        var next = current ?? SurgicalCase(
            site: site, caseId: change.caseId, procedure: nil, surgeon: nil, scheduledFor: nil,
            status: .scheduled, lastChangeAt: occurredAt)
        next.procedure = change.procedure ?? next.procedure
        next.surgeon = change.surgeon ?? next.surgeon
        next.scheduledFor = change.scheduledFor ?? next.scheduledFor
        next.lastChangeAt = occurredAt
        switch change.kind {
        case .scheduled:
            next.status = .scheduled
        case .rescheduled:
            // A reschedule moves a live case; it does not bring back a cancelled or finished one.
            if current == nil { next.status = .scheduled }
        case .cancelled:
            next.status = .cancelled
        case .completed:
            next.status = .completed
        case .noShow:
            next.status = .noShow
        case .modified:
            // A modification updates a case's details; like a reschedule, it never revives a cancelled case.
            if current == nil { next.status = .scheduled }
        }
        return next
    }
}
