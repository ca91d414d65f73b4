/// The canonical JSON shape: `{"id", "source", "type", "occurredAt", "site", "correlationId"?, "payload": {...}}`.
extension SupplyEvent: Codable {
    enum CodingKeys: String, CodingKey {
        case id, source, type, occurredAt, site, correlationId, payload
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let typeText = try container.decode(String.self, forKey: .type)
        guard let type = EventType(rawValue: typeText) else {
            throw DecodingError.dataCorruptedError(
                forKey: .type, in: container,
                debugDescription: "unknown event type '\(typeText)'; known types: \(EventType.knownList)")
        }
        self.id = try container.decode(String.self, forKey: .id)
        self.source = try container.decode(String.self, forKey: .source)
        self.occurredAt = try container.decode(Timestamp.self, forKey: .occurredAt)
        self.site = try container.decode(String.self, forKey: .site)
        self.correlationId = try container.decodeIfPresent(String.self, forKey: .correlationId)
        self.body = try EventBody.decode(type, from: container, forKey: .payload)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(source, forKey: .source)
        try container.encode(type, forKey: .type)
        try container.encode(occurredAt, forKey: .occurredAt)
        try container.encode(site, forKey: .site)
        try container.encodeIfPresent(correlationId, forKey: .correlationId)
        switch body {
        case .admission(let change): try container.encode(change, forKey: .payload)
        case .surgicalCase(let change): try container.encode(change, forKey: .payload)
        case .usage(let usage): try container.encode(usage, forKey: .payload)
        case .receipt(let receipt): try container.encode(receipt, forKey: .payload)
        case .invoice(let line): try container.encode(line, forKey: .payload)
        case .stockCount(let count): try container.encode(count, forKey: .payload)
        }
    }
}

extension EventBody {
    static func decode<Key: CodingKey>(
        _ type: EventType, from container: KeyedDecodingContainer<Key>, forKey key: Key
    ) throws -> EventBody {
        switch type {
        case .admissionAdmitted, .admissionTransferred, .admissionDischarged, .admissionCancelled,
            .admissionDischargeCancelled, .admissionUpdated:
            var change = try container.decode(AdmissionChange.self, forKey: key)
            change.kind = type.admissionKind ?? .admitted
            return .admission(change)
        case .caseScheduled, .caseRescheduled, .caseCancelled, .caseCompleted, .caseNoShow, .caseModified:
            var change = try container.decode(CaseChange.self, forKey: key)
            change.kind = type.caseKind ?? .scheduled
            return .surgicalCase(change)
        case .usageRecorded, .usageReversed:
            var usage = try container.decode(Usage.self, forKey: key)
            usage.kind = type == .usageReversed ? .reversed : .recorded
            return .usage(usage)
        case .receiptRecorded: return .receipt(try container.decode(Receipt.self, forKey: key))
        case .invoiceReceived: return .invoice(try container.decode(InvoiceLine.self, forKey: key))
        case .stockCounted: return .stockCount(try container.decode(StockCount.self, forKey: key))
        }
    }
}

extension EventType {
    /// The admission change a type names; nil for types of other families.
    public var admissionKind: AdmissionChange.Kind? {
        switch self {
        case .admissionAdmitted: .admitted
        case .admissionTransferred: .transferred
        case .admissionDischarged: .discharged
        case .admissionCancelled: .cancelled
        case .admissionDischargeCancelled: .dischargeCancelled
        case .admissionUpdated: .updated
        default: nil
        }
    }

    /// The case change a type names; nil for types of other families.
    public var caseKind: CaseChange.Kind? {
        switch self {
        case .caseScheduled: .scheduled
        case .caseRescheduled: .rescheduled
        case .caseCancelled: .cancelled
        case .caseCompleted: .completed
        case .caseNoShow: .noShow
        case .caseModified: .modified
        default: nil
        }
    }
}
