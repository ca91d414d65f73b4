/// One canonical event: what happened, where, when, and which source system said so.
///
/// Every feed (JSON, NDJSON, CSV, HL7 v2, FHIR) is decoded into this shape before it is appended. The pair
/// (`source`, `id`) identifies the event for deduplication; `occurredAt` (not arrival order) drives projections.
public struct SupplyEvent: Sendable, Hashable {
    /// The source system's own id for the event.
    public var id: String
    /// The name of the system that sent it (e.g. `epic-adt`, `or-scheduler`).
    public var source: String
    public var occurredAt: Timestamp
    /// Site code from master data.
    public var site: String
    public var correlationId: String?
    public var body: EventBody

    public init(
        id: String, source: String, occurredAt: Timestamp, site: String, correlationId: String? = nil,
        body: EventBody
    ) {
        self.id = id
        self.source = source
        self.occurredAt = occurredAt
        self.site = site
        self.correlationId = correlationId
        self.body = body
    }

    public var type: EventType { body.type }

    /// The entity whose history this event belongs to (an encounter, a case), when it has one.
    public var subject: String? {
        switch body {
        case .admission(let change): "encounter:\(source):\(change.encounter)"
        case .surgicalCase(let change): "case:\(site):\(change.caseId)"
        default: nil
        }
    }
}

/// What an event says, by kind.
public enum EventBody: Sendable, Hashable {
    case admission(AdmissionChange)
    case surgicalCase(CaseChange)
    case usage(Usage)
    case receipt(Receipt)
    case invoice(InvoiceLine)
    case stockCount(StockCount)

    public var type: EventType {
        switch self {
        case .admission(let change):
            switch change.kind {
            case .admitted: .admissionAdmitted
            case .transferred: .admissionTransferred
            case .discharged: .admissionDischarged
            case .cancelled: .admissionCancelled
            case .dischargeCancelled: .admissionDischargeCancelled
            case .updated: .admissionUpdated
            }
        case .surgicalCase(let change):
            switch change.kind {
            case .scheduled: .caseScheduled
            case .rescheduled: .caseRescheduled
            case .cancelled: .caseCancelled
            case .completed: .caseCompleted
            case .noShow: .caseNoShow
            case .modified: .caseModified
            }
        case .usage(let usage): usage.kind == .reversed ? .usageReversed : .usageRecorded
        case .receipt: .receiptRecorded
        case .invoice: .invoiceReceived
        case .stockCount: .stockCounted
        }
    }
}
