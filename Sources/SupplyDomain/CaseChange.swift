/// A change to one surgical case on the OR schedule (HL7 SIU S12–S15, S26, or a scheduling system's own feed).
///
/// `modified` (SIU S14) updates the fields it carries and leaves the status alone: it never revives a cancelled case.
///
/// The payload's JSON carries no kind: the event's `type` says it.
public struct CaseChange: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Codable {
        case scheduled, rescheduled, cancelled, completed, noShow, modified
    }

    public var kind: Kind = .scheduled
    /// The scheduling system's case (appointment) id, unique within a site.
    public var caseId: String
    /// Procedure code, matched against preference cards.
    public var procedure: String?
    public var surgeon: String?
    /// When the case is booked to start.
    public var scheduledFor: Timestamp?
    /// Patient reference; kept only for traceability and never shown without the trace role.
    public var patient: String?
    public var reason: String?

    public init(
        kind: Kind, caseId: String, procedure: String? = nil, surgeon: String? = nil, scheduledFor: Timestamp? = nil,
        patient: String? = nil, reason: String? = nil
    ) {
        self.kind = kind
        self.caseId = caseId
        self.procedure = procedure
        self.surgeon = surgeon
        self.scheduledFor = scheduledFor
        self.patient = patient
        self.reason = reason
    }

    enum CodingKeys: String, CodingKey {
        case caseId = "case"
        case procedure, surgeon, scheduledFor, patient, reason
    }
}
