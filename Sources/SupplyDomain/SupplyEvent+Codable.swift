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
        case .admissionAdmitted, .admissionTransferred, .admissionDischarged, .admissionCancelled:
            var change = try container.decode(AdmissionChange.self, forKey: key)
            change.kind = switch type {
            case .admissionAdmitted: .admitted
            case .admissionTransferred: .transferred
            case .admissionDischarged: .discharged
            default: .cancelled
            }
            return .admission(change)
        case .caseScheduled, .caseRescheduled, .caseCancelled, .caseCompleted, .caseNoShow:
            var change = try container.decode(CaseChange.self, forKey: key)
            change.kind = switch type {
            case .caseScheduled: .scheduled
            case .caseRescheduled: .rescheduled
            case .caseCancelled: .cancelled
            case .caseCompleted: .completed
            default: .noShow
            }
            return .surgicalCase(change)
        case .usageRecorded: return .usage(try container.decode(Usage.self, forKey: key))
        case .receiptRecorded: return .receipt(try container.decode(Receipt.self, forKey: key))
        case .invoiceReceived: return .invoice(try container.decode(InvoiceLine.self, forKey: key))
        case .stockCounted: return .stockCount(try container.decode(StockCount.self, forKey: key))
        }
    }
}
