import SupplyDomain

/// Writes the canonical JSON of an event, the bytes its fingerprint is the SHA-256 of.
///
/// The form is the one Foundation's `JSONEncoder` (`.sortedKeys`, `.withoutEscapingSlashes`) wrote when the
/// fingerprints already stored were made, fixed here so that no toolchain upgrade can change it (docs/events.md,
/// "The canonical form"):
/// - no whitespace; object keys in UTF-8 byte order; an absent optional field is left out;
/// - strings are the UTF-8 bytes the text holds, never normalised; escaped are only `"` and `\` (as `\"`, `\\`),
///   backspace, form feed, line feed, carriage return and tab (`\b \f \n \r \t`) and the other controls below
///   U+0020 (`\u001f`, lower-case hex); `/`, DEL and everything from U+0080 on are written as they are;
/// - numbers are Swift's shortest round-trip text of the `Double` with a trailing `.0` dropped: `2`, `-0`,
///   `0.30000000000000004`, `1e-07`, `1e+16`; NaN and infinities cannot be written;
/// - times as `Timestamp.description` wrote them (in the offset the source used; milliseconds when there are
///   some, a fraction rounding to 1000 ms dropped, not carried), days as `LocalDate.description`; both are written
///   here digit by digit, the same arithmetic without the intermediate strings.
struct CanonicalEventWriter {
    /// A number JSON cannot carry (NaN or an infinity), named by the field that holds it.
    struct NonFiniteNumber: Error, CustomStringConvertible {
        var field: String
        var value: Double
        var description: String { "\(field): \(value) cannot be written as JSON" }
    }

    private(set) var bytes: [UInt8] = []
    private var first = true

    /// The canonical bytes of `event`.
    static func canonicalBytes(of event: SupplyEvent) throws(NonFiniteNumber) -> [UInt8] {
        var writer = CanonicalEventWriter()
        writer.bytes.reserveCapacity(320)
        try writer.write(event)
        return writer.bytes
    }

    private mutating func write(_ event: SupplyEvent) throws(NonFiniteNumber) {
        open()
        text("correlationId", event.correlationId)
        text("id", event.id)
        time("occurredAt", event.occurredAt)
        key("payload")
        open()
        switch event.body {
        case .admission(let change):
            text("encounter", change.encounter)
            text("patient", change.patient)
            text("patientClass", change.patientClass)
            text("toSite", change.toSite)
            text("unit", change.unit)
        case .surgicalCase(let change):
            text("case", change.caseId)
            text("patient", change.patient)
            text("procedure", change.procedure)
            text("reason", change.reason)
            time("scheduledFor", change.scheduledFor)
            text("surgeon", change.surgeon)
        case .usage(let usage):
            text("case", usage.caseId)
            text("encounter", usage.encounter)
            day("expiry", usage.expiry)
            text("gtin", usage.gtin)
            text("item", usage.item)
            text("location", usage.location)
            text("lot", usage.lot)
            text("patient", usage.patient)
            try number("quantity", usage.quantity)
            text("serial", usage.serial)
            text("udi", usage.udi)
        case .receipt(let receipt):
            day("expiry", receipt.expiry)
            text("gtin", receipt.gtin)
            text("item", receipt.item)
            text("location", receipt.location)
            text("lot", receipt.lot)
            text("po", receipt.po)
            text("poLine", receipt.poLine)
            try number("quantity", receipt.quantity)
            text("serial", receipt.serial)
            text("supplier", receipt.supplier)
            text("udi", receipt.udi)
            try number("unitPrice", receipt.unitPrice)
        case .invoice(let line):
            text("currency", line.currency)
            text("gtin", line.gtin)
            text("invoice", line.invoice)
            text("item", line.item)
            text("line", line.line)
            text("lot", line.lot)
            text("po", line.po)
            text("poLine", line.poLine)
            try number("quantity", line.quantity)
            text("serial", line.serial)
            text("supplier", line.supplier)
            try number("unitPrice", line.unitPrice)
        case .stockCount(let count):
            text("gtin", count.gtin)
            text("item", count.item)
            text("location", count.location)
            text("lot", count.lot)
            try number("quantity", count.quantity)
            text("serial", count.serial)
        }
        close()
        first = false
        text("site", event.site)
        text("source", event.source)
        text("type", event.type.rawValue)
        close()
    }

    // MARK: - Objects and keys

    private mutating func open() {
        bytes.append(UInt8(ascii: "{"))
        first = true
    }

    private mutating func close() {
        bytes.append(UInt8(ascii: "}"))
    }

    /// Writes `"name":`, after a comma unless it opens its object. Key names are plain ASCII: no escapes needed.
    private mutating func key(_ name: StaticString) {
        if !first { bytes.append(UInt8(ascii: ",")) }
        first = false
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
    }

    // MARK: - Values

    private mutating func text(_ name: StaticString, _ value: String?) {
        guard let value else { return }
        key(name)
        string(value)
    }

    private mutating func number(_ name: StaticString, _ value: Double?) throws(NonFiniteNumber) {
        guard let value else { return }
        guard value.isFinite else { throw NonFiniteNumber(field: "payload.\(name)", value: value) }
        key(name)
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    /// `Timestamp.description`: `2026-11-02T09:15:30.250+01:00`, `2026-11-03T14:00:00Z`.
    private mutating func time(_ name: StaticString, _ value: Timestamp?) {
        guard let value else { return }
        key(name)
        bytes.append(UInt8(ascii: "\""))
        let localSeconds = value.secondsSinceEpoch + Double(value.utcOffsetSeconds)
        let whole = Int(localSeconds.rounded(.down))
        let millis = Int(((localSeconds - Double(whole)) * 1000).rounded())
        let day = LocalDate(dayNumber: Int((Double(whole) / 86_400).rounded(.down)))
        let secondOfDay = whole - day.dayNumber * 86_400
        date(day)
        bytes.append(UInt8(ascii: "T"))
        twoDigits(secondOfDay / 3600)
        bytes.append(UInt8(ascii: ":"))
        twoDigits(secondOfDay / 60 % 60)
        bytes.append(UInt8(ascii: ":"))
        twoDigits(secondOfDay % 60)
        if millis > 0 && millis < 1000 {
            bytes.append(UInt8(ascii: "."))
            bytes.append(UInt8(ascii: "0") + UInt8(millis / 100))
            twoDigits(millis % 100)
        }
        if value.utcOffsetSeconds == 0 {
            bytes.append(UInt8(ascii: "Z"))
        } else {
            bytes.append(value.utcOffsetSeconds < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
            let magnitude = abs(value.utcOffsetSeconds)
            twoDigits(magnitude / 3600)
            bytes.append(UInt8(ascii: ":"))
            twoDigits(magnitude / 60 % 60)
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func day(_ name: StaticString, _ value: LocalDate?) {
        guard let value else { return }
        key(name)
        bytes.append(UInt8(ascii: "\""))
        date(value)
        bytes.append(UInt8(ascii: "\""))
    }

    /// `LocalDate.description`: the year as a plain decimal (not padded), then `-MM-DD`.
    private mutating func date(_ value: LocalDate) {
        let (year, month, day) = value.components
        decimal(year)
        bytes.append(UInt8(ascii: "-"))
        twoDigits(month)
        bytes.append(UInt8(ascii: "-"))
        twoDigits(day)
    }

    /// A `0` before anything below 10, as the domain's `twoDigits` writes it.
    private mutating func twoDigits(_ value: Int) {
        if (0..<100).contains(value) {
            bytes.append(UInt8(ascii: "0") + UInt8(value / 10))
            bytes.append(UInt8(ascii: "0") + UInt8(value % 10))
            return
        }
        if value < 10 { bytes.append(UInt8(ascii: "0")) }
        decimal(value)
    }

    private mutating func decimal(_ value: Int) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var count = 1
        var rest = value.magnitude
        while rest >= 10 {
            rest /= 10
            count += 1
        }
        bytes.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: count))
        var index = bytes.count - 1
        rest = value.magnitude
        while rest > 0 {
            bytes[index] = UInt8(ascii: "0") + UInt8(rest % 10)
            rest /= 10
            index -= 1
        }
    }

    private mutating func string(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { utf8 in
            var clean = 0
            for index in utf8.indices {
                let byte = utf8[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[clean..<index]))
                clean = index + 1
                escape(byte)
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[clean...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func escape(_ byte: UInt8) {
        bytes.append(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(byte)
        case 0x08: bytes.append(UInt8(ascii: "b"))
        case 0x0C: bytes.append(UInt8(ascii: "f"))
        case 0x0A: bytes.append(UInt8(ascii: "n"))
        case 0x0D: bytes.append(UInt8(ascii: "r"))
        case 0x09: bytes.append(UInt8(ascii: "t"))
        default:
            let hex = Array("0123456789abcdef".utf8)
            bytes.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                                      hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]])
        }
    }
}
