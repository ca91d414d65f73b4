/// The kinds of event a hospital network's systems send SupplyCast, as they appear in the `type` field.
public enum EventType: String, CaseIterable, Sendable, Codable {
    case admissionAdmitted = "admission.admitted"
    case admissionTransferred = "admission.transferred"
    case admissionDischarged = "admission.discharged"
    case admissionCancelled = "admission.cancelled"
    case admissionDischargeCancelled = "admission.dischargeCancelled"
    case admissionUpdated = "admission.updated"
    case caseScheduled = "case.scheduled"
    case caseRescheduled = "case.rescheduled"
    case caseCancelled = "case.cancelled"
    case caseCompleted = "case.completed"
    case caseNoShow = "case.noShow"
    case caseModified = "case.modified"
    case usageRecorded = "usage.recorded"
    case usageReversed = "usage.reversed"
    case receiptRecorded = "receipt.recorded"
    case invoiceReceived = "invoice.received"
    case stockCounted = "stock.counted"

    /// The list a rejection message shows when a feed sends a type SupplyCast does not know.
    public static var knownList: String { allCases.map(\.rawValue).joined(separator: ", ") }
}
