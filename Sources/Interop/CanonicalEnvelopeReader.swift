import SupplyDomain

/// Reads one well-formed canonical event in a single pass over its bytes, without building a JSON tree.
///
/// It is the fast path of `EventDecoder`, and deliberately narrow: the envelope's keys and the payload's keys of
/// the event's type, each at most once; strings, numbers and `null` as the canonical shape has them. Anything else
/// (a missing or misspelt field, a wrong type, an extra envelope key, a duplicate key, a number out of range,
/// text that is not UTF-8, JSON that is not well formed) makes it give up with nil, and the record goes to the
/// Foundation decoder, which either decodes it or words the problem. For every record it reads, the event is the
/// one the Foundation decoder makes of the same bytes (a test holds it to that).
struct CanonicalEnvelopeReader {
    /// Why the reader gave up; never shown to anyone: the Foundation decoder says what is wrong.
    struct GaveUp: Error {}

    private enum Value {
        case text(String)
        case number(Double)
        case null
    }

    private let bytes: UnsafeRawBufferPointer
    private var index = 0

    private init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    /// The event the record's bytes state, or nil when they are anything but a plain canonical event.
    static func read(_ bytes: UnsafeRawBufferPointer) -> SupplyEvent? {
        var reader = CanonicalEnvelopeReader(bytes)
        return try? reader.readEvent()
    }

    // MARK: - Envelope

    private mutating func readEvent() throws(GaveUp) -> SupplyEvent {
        var id: String?
        var source: String?
        var typeText: String?
        var occurredAtText: String?
        var site: String?
        var correlationId: String?
        var sawCorrelationId = false
        var payload: [(field: PayloadField, value: Value)]?

        skipWhitespace()
        try expect(UInt8(ascii: "{"))
        repeat {
            skipWhitespace()
            let key = try readKey()
            skipWhitespace()
            try expect(UInt8(ascii: ":"))
            skipWhitespace()
            if named(key, "payload") {
                guard payload == nil else { throw GaveUp() }
                payload = try readPayload()
            } else if named(key, "correlationId") {
                guard !sawCorrelationId else { throw GaveUp() }
                sawCorrelationId = true
                switch try readValue() {
                case .text(let text): correlationId = text
                case .null: correlationId = nil
                case .number: throw GaveUp()
                }
            } else if named(key, "id") {
                id = try readRequiredText(unless: id)
            } else if named(key, "source") {
                source = try readRequiredText(unless: source)
            } else if named(key, "type") {
                typeText = try readRequiredText(unless: typeText)
            } else if named(key, "occurredAt") {
                occurredAtText = try readRequiredText(unless: occurredAtText)
            } else if named(key, "site") {
                site = try readRequiredText(unless: site)
            } else {
                throw GaveUp()
            }
            skipWhitespace()
        } while try nextMember()
        skipWhitespace()
        guard index == bytes.count else { throw GaveUp() }

        guard let id, let source, let typeText, let occurredAtText, let site, let payload,
            let type = EventType(rawValue: typeText),
            let occurredAt = try? Timestamp.parse(occurredAtText)
        else { throw GaveUp() }
        let allowed = PayloadField.fields(of: type)
        guard payload.allSatisfy({ allowed.contains($0.field) }) else { throw GaveUp() }
        let body = try Self.body(of: type, PayloadValues(entries: payload))
        return SupplyEvent(id: id, source: source, occurredAt: occurredAt, site: site, correlationId: correlationId,
            body: body)
    }

    private mutating func readRequiredText(unless earlier: String?) throws(GaveUp) -> String {
        guard earlier == nil, case .text(let text) = try readValue() else { throw GaveUp() }
        return text
    }

    // MARK: - Payload

    private mutating func readPayload() throws(GaveUp) -> [(field: PayloadField, value: Value)] {
        try expect(UInt8(ascii: "{"))
        var entries: [(field: PayloadField, value: Value)] = []
        entries.reserveCapacity(12)
        skipWhitespace()
        if peek() == UInt8(ascii: "}") {
            index += 1
            return entries
        }
        repeat {
            skipWhitespace()
            let key = try readKey()
            guard let field = PayloadField.named(UnsafeRawBufferPointer(rebasing: bytes[key])),
                !entries.contains(where: { $0.field == field })
            else { throw GaveUp() }
            skipWhitespace()
            try expect(UInt8(ascii: ":"))
            skipWhitespace()
            entries.append((field, try readValue()))
            skipWhitespace()
        } while try nextMember()
        return entries
    }

    /// The payload's values by field, read as the `Codable` conformances of the payload types read them.
    private struct PayloadValues {
        var entries: [(field: PayloadField, value: Value)]

        private func value(_ field: PayloadField) -> Value? {
            entries.first(where: { $0.field == field })?.value
        }

        func text(_ field: PayloadField) throws(GaveUp) -> String? {
            switch value(field) {
            case nil, .null?: return nil
            case .text(let text)?: return text
            case .number?: throw GaveUp()
            }
        }

        func requiredText(_ field: PayloadField) throws(GaveUp) -> String {
            guard let text = try text(field) else { throw GaveUp() }
            return text
        }

        func number(_ field: PayloadField) throws(GaveUp) -> Double? {
            switch value(field) {
            case nil, .null?: return nil
            case .number(let number)?: return number
            case .text?: throw GaveUp()
            }
        }

        func requiredNumber(_ field: PayloadField) throws(GaveUp) -> Double {
            guard let number = try number(field) else { throw GaveUp() }
            return number
        }

        func date(_ field: PayloadField) throws(GaveUp) -> LocalDate? {
            guard let text = try text(field) else { return nil }
            guard let date = LocalDate(iso: text) else { throw GaveUp() }
            return date
        }

        func timestamp(_ field: PayloadField) throws(GaveUp) -> Timestamp? {
            guard let text = try text(field) else { return nil }
            guard let timestamp = try? Timestamp.parse(text) else { throw GaveUp() }
            return timestamp
        }
    }

    private static func body(of type: EventType, _ payload: PayloadValues) throws(GaveUp) -> EventBody {
        switch type {
        case .admissionAdmitted, .admissionTransferred, .admissionDischarged, .admissionCancelled,
            .admissionDischargeCancelled, .admissionUpdated:
            return .admission(AdmissionChange(kind: type.admissionKind ?? .admitted,
                encounter: try payload.requiredText(.encounter),
                patient: try payload.text(.patient), unit: try payload.text(.unit),
                toSite: try payload.text(.toSite), patientClass: try payload.text(.patientClass)))
        case .caseScheduled, .caseRescheduled, .caseCancelled, .caseCompleted, .caseNoShow, .caseModified:
            let kind = type.caseKind ?? .scheduled
            return .surgicalCase(CaseChange(kind: kind, caseId: try payload.requiredText(.caseId),
                procedure: try payload.text(.procedure), surgeon: try payload.text(.surgeon),
                scheduledFor: try payload.timestamp(.scheduledFor), patient: try payload.text(.patient),
                reason: try payload.text(.reason)))
        case .usageRecorded, .usageReversed:
            return .usage(Usage(kind: type == .usageReversed ? .reversed : .recorded, item: try payload.text(.item), gtin: try payload.text(.gtin),
                udi: try payload.text(.udi), quantity: try payload.requiredNumber(.quantity),
                lot: try payload.text(.lot), serial: try payload.text(.serial), expiry: try payload.date(.expiry),
                location: try payload.text(.location), caseId: try payload.text(.caseId),
                encounter: try payload.text(.encounter), patient: try payload.text(.patient)))
        case .receiptRecorded:
            return .receipt(Receipt(po: try payload.requiredText(.po), poLine: try payload.text(.poLine),
                item: try payload.text(.item), gtin: try payload.text(.gtin), udi: try payload.text(.udi),
                quantity: try payload.requiredNumber(.quantity), lot: try payload.text(.lot),
                serial: try payload.text(.serial), expiry: try payload.date(.expiry),
                unitPrice: try payload.number(.unitPrice), supplier: try payload.text(.supplier),
                location: try payload.text(.location)))
        case .invoiceReceived:
            return .invoice(InvoiceLine(supplier: try payload.requiredText(.supplier),
                invoice: try payload.requiredText(.invoice), line: try payload.requiredText(.line),
                po: try payload.text(.po), poLine: try payload.text(.poLine), item: try payload.text(.item),
                gtin: try payload.text(.gtin), lot: try payload.text(.lot), serial: try payload.text(.serial),
                quantity: try payload.requiredNumber(.quantity), unitPrice: try payload.requiredNumber(.unitPrice),
                currency: try payload.text(.currency)))
        case .stockCounted:
            return .stockCount(StockCount(item: try payload.text(.item), gtin: try payload.text(.gtin),
                lot: try payload.text(.lot), serial: try payload.text(.serial),
                location: try payload.text(.location), quantity: try payload.requiredNumber(.quantity)))
        }
    }

    // MARK: - JSON tokens

    private func peek() -> UInt8? {
        index < bytes.count ? bytes[index] : nil
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    private mutating func expect(_ byte: UInt8) throws(GaveUp) {
        guard peek() == byte else { throw GaveUp() }
        index += 1
    }

    /// After a member: true at a comma (another member follows), false at the closing brace.
    private mutating func nextMember() throws(GaveUp) -> Bool {
        switch peek() {
        case UInt8(ascii: ","):
            index += 1
            return true
        case UInt8(ascii: "}"):
            index += 1
            return false
        default:
            throw GaveUp()
        }
    }

    /// The byte range of a key's text; a key with escapes is left to the Foundation decoder.
    private mutating func readKey() throws(GaveUp) -> Range<Int> {
        try expect(UInt8(ascii: "\""))
        let start = index
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                return start..<index - 1
            }
            guard byte >= 0x20, byte != UInt8(ascii: "\\") else { throw GaveUp() }
            index += 1
        }
        throw GaveUp()
    }

    private func named(_ key: Range<Int>, _ name: StaticString) -> Bool {
        key.count == name.utf8CodeUnitCount
            && UnsafeRawBufferPointer(rebasing: bytes[key])
                .elementsEqual(UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
    }

    private mutating func readValue() throws(GaveUp) -> Value {
        switch peek() {
        case UInt8(ascii: "\"")?:
            return .text(try readString())
        case UInt8(ascii: "n")?:
            guard index + 4 <= bytes.count, bytes[index + 1] == UInt8(ascii: "u"), bytes[index + 2] == UInt8(ascii: "l"),
                bytes[index + 3] == UInt8(ascii: "l")
            else { throw GaveUp() }
            index += 4
            return .null
        case let byte? where byte == UInt8(ascii: "-") || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")):
            return .number(try readNumber())
        default:
            throw GaveUp()
        }
    }

    // MARK: - Strings

    private mutating func readString() throws(GaveUp) -> String {
        try expect(UInt8(ascii: "\""))
        let start = index
        var ascii = true
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let text = UnsafeRawBufferPointer(rebasing: bytes[start..<index])
                index += 1
                if ascii { return String(decoding: text, as: UTF8.self) }
                guard let valid = String(validating: text, as: UTF8.self) else { throw GaveUp() }
                return valid
            }
            if byte == UInt8(ascii: "\\") { return try readEscapedString(from: start) }
            guard byte >= 0x20 else { throw GaveUp() }
            if byte >= 0x80 { ascii = false }
            index += 1
        }
        throw GaveUp()
    }

    /// The rest of a string that has escapes in it, from its first byte at `start`.
    private mutating func readEscapedString(from start: Int) throws(GaveUp) -> String {
        var text = Array(UnsafeRawBufferPointer(rebasing: bytes[start..<index]))
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                guard let valid = String(validating: text, as: UTF8.self) else { throw GaveUp() }
                return valid
            case UInt8(ascii: "\\"):
                guard let escaped = peek() else { throw GaveUp() }
                index += 1
                switch escaped {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): text.append(escaped)
                case UInt8(ascii: "b"): text.append(0x08)
                case UInt8(ascii: "f"): text.append(0x0C)
                case UInt8(ascii: "n"): text.append(0x0A)
                case UInt8(ascii: "r"): text.append(0x0D)
                case UInt8(ascii: "t"): text.append(0x09)
                case UInt8(ascii: "u"): text.append(contentsOf: try readUnicodeEscape())
                default: throw GaveUp()
                }
            case 0..<0x20:
                throw GaveUp()
            default:
                text.append(byte)
            }
        }
        throw GaveUp()
    }

    /// The UTF-8 of a `\uXXXX` escape (just after its `u`), or of a surrogate pair of two; a lone surrogate is
    /// not text.
    private mutating func readUnicodeEscape() throws(GaveUp) -> [UInt8] {
        let unit = try readHex4()
        var value = UInt32(unit)
        if (0xD800..<0xDC00).contains(unit) {
            guard index + 2 <= bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u")
            else { throw GaveUp() }
            index += 2
            let low = try readHex4()
            guard (0xDC00..<0xE000).contains(low) else { throw GaveUp() }
            value = 0x10000 + (UInt32(unit - 0xD800) << 10) + UInt32(low - 0xDC00)
        }
        guard let scalar = Unicode.Scalar(value) else { throw GaveUp() }
        return Array(String(Character(scalar)).utf8)
    }

    private mutating func readHex4() throws(GaveUp) -> UInt16 {
        guard index + 4 <= bytes.count else { throw GaveUp() }
        var value: UInt16 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw GaveUp()
            }
            value = value << 4 | UInt16(digit)
            index += 1
        }
        return value
    }

    // MARK: - Numbers

    /// A JSON number (RFC 8259 grammar) as the nearest `Double`. Integers of up to 15 digits are exact and taken
    /// directly; the rest go through the standard library's correctly rounded parser. Left to the Foundation
    /// decoder: a number that overflows, underflows or lands among the subnormals, and a zero spelt with a
    /// fraction or an exponent (Foundation refuses some of those, `-0.0e-5` and `0.00e-1`, and takes others).
    private mutating func readNumber() throws(GaveUp) -> Double {
        let start = index
        let negative = peek() == UInt8(ascii: "-")
        if negative { index += 1 }
        var integer = 0
        var digits = 0
        switch peek() {
        case UInt8(ascii: "0")?:
            index += 1
        case let byte? where byte >= UInt8(ascii: "1") && byte <= UInt8(ascii: "9"):
            while let digit = peekDigit() {
                if digits < 18 { integer = integer * 10 + Int(digit) }
                digits += 1
                index += 1
            }
        default:
            throw GaveUp()
        }
        var plainInteger = true
        if peek() == UInt8(ascii: ".") {
            plainInteger = false
            index += 1
            guard peekDigit() != nil else { throw GaveUp() }
            while peekDigit() != nil { index += 1 }
        }
        if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
            plainInteger = false
            index += 1
            if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") { index += 1 }
            guard peekDigit() != nil else { throw GaveUp() }
            while peekDigit() != nil { index += 1 }
        }
        if plainInteger && digits <= 15 {
            let magnitude = Double(integer)
            return negative ? -magnitude : magnitude
        }
        let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        guard let value = Double(text), value.isFinite, value.magnitude >= Double.leastNormalMagnitude
        else { throw GaveUp() }
        return value
    }

    private func peekDigit() -> UInt8? {
        guard let byte = peek(), byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
        return byte - UInt8(ascii: "0")
    }
}
