import SupplyDomain

/// A key of a canonical event's `payload`, by its JSON name, and which event types carry which keys.
///
/// The lists are the payload shapes of `SupplyDomain` (`Usage`, `Receipt`, ...) as their `Codable` conformances
/// write them; a test holds them to Foundation's encoder. A key outside its type's list is a misspelling or a
/// field SupplyCast does not keep, and the record is refused rather than stored without it.
enum PayloadField: String, CaseIterable, Sendable {
    case caseId = "case"
    case currency, encounter, expiry, gtin, invoice, item, line, location, lot, patient, patientClass, po, poLine
    case procedure
    case quantity, reason, scheduledFor, serial, supplier, surgeon, toSite, udi, unit, unitPrice

    /// The keys a payload of `type` may carry, in canonical (UTF-8 byte) order.
    static func fields(of type: EventType) -> [PayloadField] {
        switch type {
        case .admissionAdmitted, .admissionTransferred, .admissionDischarged, .admissionCancelled,
            .admissionDischargeCancelled, .admissionUpdated:
            admissionFields
        case .caseScheduled, .caseRescheduled, .caseCancelled, .caseCompleted, .caseNoShow, .caseModified:
            caseFields
        case .usageRecorded, .usageReversed: usageFields
        case .receiptRecorded: receiptFields
        case .invoiceReceived: invoiceFields
        case .stockCounted: stockCountFields
        }
    }

    /// The field named by the UTF-8 bytes of a JSON key; nil when no payload of any type has it.
    static func named(_ key: UnsafeRawBufferPointer) -> PayloadField? {
        for (index, name) in names.enumerated() where name.count == key.count {
            if name.elementsEqual(key) { return allCases[index] }
        }
        return nil
    }

    /// The field's name as it should appear in a message about a misspelt key, when `key` is close to one of
    /// `candidates` (at most two letters added, dropped or changed, ignoring case).
    static func suggestion(for key: String, among candidates: [PayloadField]) -> PayloadField? {
        let typed = Array(key.lowercased().unicodeScalars)
        let scored = candidates.map { field in
            (field, editDistance(typed, Array(field.rawValue.lowercased().unicodeScalars)))
        }
        guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= 2 else { return nil }
        return best.0
    }

    private static let names: [[UInt8]] = allCases.map { Array($0.rawValue.utf8) }

    private static let admissionFields: [PayloadField] = [.encounter, .patient, .patientClass, .toSite, .unit]
    private static let caseFields: [PayloadField] = [.caseId, .patient, .procedure, .reason, .scheduledFor, .surgeon]
    private static let usageFields: [PayloadField] = [
        .caseId, .encounter, .expiry, .gtin, .item, .location, .lot, .patient, .quantity, .serial, .udi,
    ]
    private static let receiptFields: [PayloadField] = [
        .expiry, .gtin, .item, .location, .lot, .po, .poLine, .quantity, .serial, .supplier, .udi, .unitPrice,
    ]
    private static let invoiceFields: [PayloadField] = [
        .currency, .gtin, .invoice, .item, .line, .lot, .po, .poLine, .quantity, .serial, .supplier, .unitPrice,
    ]
    private static let stockCountFields: [PayloadField] = [.gtin, .item, .location, .lot, .quantity, .serial]

    /// Levenshtein distance between two short keys.
    private static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1]
            for (j, y) in b.enumerated() {
                current.append(Swift.min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1)))
            }
            previous = current
        }
        return previous[b.count]
    }
}
