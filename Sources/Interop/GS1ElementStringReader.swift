import SupplyDomain

/// Reads a GS1 element string, bracketed (`(01)…(10)…`) or raw (AIs run on, variable-length fields ended by GS),
/// into a UDI.
struct GS1ElementStringReader {
    let scan: String
    /// The data without symbology identifier; indices are those of the characters of `scan`.
    let characters: ArraySlice<Character>
    let today: LocalDate

    /// One AI and its data; `position` is the index of the AI's first character.
    struct Element {
        let ai: GS1ApplicationIdentifier
        let value: ArraySlice<Character>
        let position: Int
    }

    static let groupSeparator: Character = "\u{1D}"

    /// What the AIs a UDI uses are called, for messages.
    private static let names: [String: String] = [
        "01": "GTIN", "02": "GTIN of contents", "10": "lot", "11": "production date", "17": "expiry",
        "21": "serial", "30": "count", "240": "additional product id", "7003": "expiry date and time",
    ]

    /// The AIs that need the GTIN (01) beside them (GS1 General Specifications, mandatory associations).
    private static let needGTIN = ["10", "11", "17", "21", "30", "240", "7003"]

    func read() throws(UDI.ParseFailure) -> UDI {
        let elements: [Element]
        if characters.first == "(" {
            elements = try bracketed()
        } else {
            elements = try raw(characters)
            try checkNothingSwallowed(elements)
        }
        for element in elements { try validate(element) }
        return try udi(from: elements)
    }

    // MARK: - Reading

    private func bracketed() throws(UDI.ParseFailure) -> [Element] {
        var elements: [Element] = []
        var index = characters.startIndex
        while index < characters.endIndex {
            guard characters[index] == "(", let close = characters[index...].firstIndex(of: ")") else {
                throw failure(.syntax, at: index, "expected '(' application identifier ')'")
            }
            let digits = String(characters[(index + 1)..<close])
            guard let ai = GS1ApplicationIdentifier.known[digits] else {
                throw failure(.unknownApplicationIdentifier, at: index + 1,
                    "(\(digits)) is not a GS1 application identifier")
            }
            let valueStart = close + 1
            let valueEnd = characters[valueStart...].firstIndex(of: "(") ?? characters.endIndex
            let value = characters[valueStart..<valueEnd]
            guard ai.length.contains(value.count) else {
                throw failure(.invalidValue, at: valueStart,
                    "\(label(ai)) needs \(describe(ai.length)) characters, has \(value.count)")
            }
            elements.append(Element(ai: ai, value: value, position: index))
            index = valueEnd
        }
        return elements
    }

    /// Raw data: fixed-length fields by count, the others up to GS or the end. Checks lengths only.
    private func raw(_ data: ArraySlice<Character>) throws(UDI.ParseFailure) -> [Element] {
        var elements: [Element] = []
        var index = data.startIndex
        while index < data.endIndex {
            if data[index] == Self.groupSeparator {
                index += 1
                continue
            }
            guard let ai = GS1ApplicationIdentifier.prefix(of: data[index...]) else {
                let digits = String(data[index...].prefix(4)).replacingGroupSeparators
                throw failure(.unknownApplicationIdentifier, at: index,
                    "'\(digits)' does not begin a GS1 application identifier")
            }
            let valueStart = index + ai.digits.count
            let field = data[valueStart...].prefix { $0 != Self.groupSeparator }
            let valueEnd: Int
            if ai.isFixedLength {
                guard field.count >= ai.length.lowerBound else {
                    throw failure(.invalidValue, at: valueStart,
                        "\(label(ai)) needs \(ai.length.lowerBound) characters, has \(field.count)")
                }
                valueEnd = valueStart + ai.length.lowerBound
            } else {
                guard !field.isEmpty else { throw failure(.invalidValue, at: valueStart, "\(label(ai)) has no data") }
                guard field.count <= ai.length.upperBound else {
                    throw failure(.separatorDropped, at: index,
                        "\(label(ai)) runs \(field.count) characters, more than the \(ai.length.upperBound) allowed: "
                            + "the GS separator after it was lost (keyboard-wedge scanners drop it); "
                            + "rescan with GS transmitted, or send the bracketed form")
                }
                valueEnd = field.endIndex
            }
            elements.append(Element(ai: ai, value: data[valueStart..<valueEnd], position: index))
            index = valueEnd
        }
        return elements
    }

    /// A scanner that drops GS joins a variable-length field to the next one: `10LOT42` + `21SN7` arrives as a lot
    /// `LOT4221SN7`. When the end of a variable field reads completely as UDI fields the scan does not otherwise
    /// have, the scan is ambiguous; refusing it is safer than recording a lot that swallowed a serial.
    private func checkNothingSwallowed(_ elements: [Element]) throws(UDI.ParseFailure) {
        let present = Set(elements.map(\.ai.digits))
        for element in elements where !element.ai.isFixedLength {
            for start in element.value.indices.dropFirst() {
                let tail = element.value[start...]
                guard let first = GS1ApplicationIdentifier.prefix(of: tail),
                      Self.udiAIs.contains(first.digits), !present.contains(first.digits),
                      let swallowed = try? raw(tail), swallowed.allSatisfy({ Self.udiAIs.contains($0.ai.digits) }),
                      Set(swallowed.map(\.ai.digits)).count == swallowed.count,
                      swallowed.allSatisfy({ !present.contains($0.ai.digits) }),
                      (try? swallowed.forEach { element throws(UDI.ParseFailure) in try validate(element) }) != nil
                else { continue }
                let reading = swallowed.map { "(\($0.ai.digits))\(String($0.value))" }.joined()
                throw failure(.separatorDropped, at: start,
                    "\(label(element.ai)) '\(String(element.value))' runs on into what reads as \(reading): "
                        + "the GS separator before it was lost (keyboard-wedge scanners drop it); "
                        + "rescan with GS transmitted, or send the bracketed form")
            }
        }
    }

    private static let udiAIs: Set<String> = ["01", "10", "11", "17", "21", "30", "240", "7003"]

    // MARK: - Checking data

    /// The data's characters, and for the AIs a UDI uses, its meaning: GTIN check digit, real dates and times.
    private func validate(_ element: Element) throws(UDI.ParseFailure) {
        let ai = element.ai
        let value = element.value
        if let bad = value.firstIndex(where: { ai.content == .numeric ? !$0.isASCIIDigit : !$0.isGS1Character }) {
            let allowed = ai.content == .numeric ? "digits only" : "GS1 character set 82 only"
            throw failure(.invalidValue, at: bad, "\(label(ai)) allows \(allowed), not '\(value[bad])'")
        }
        switch ai.digits {
        case "01", "02", "03":
            guard GTIN.hasValidCheckDigit(String(value)) else {
                throw failure(.checkFailed, at: value.endIndex - 1,
                    "\(label(ai)) '\(String(value))' has a wrong check digit (expected \(expectedCheckDigit(value)))")
            }
        case "11", "12", "13", "15", "16", "17":
            guard LabelDate.yymmdd(value, today: today) != nil else {
                throw failure(.invalidDate, at: value.startIndex, "\(label(ai)) '\(String(value))' is not a YYMMDD date")
            }
        case "7003":
            guard expiryDateTime(value) != nil else {
                throw failure(.invalidDate, at: value.startIndex,
                    "\(label(ai)) '\(String(value))' is not a YYMMDDhhmm date and time")
            }
        default:
            break
        }
    }

    private func expiryDateTime(_ value: ArraySlice<Character>) -> (LocalDate, TimeOfDay)? {
        guard let date = LabelDate.yymmdd(value.prefix(6), today: today), let hhmm = Int(String(value.suffix(4))),
              hhmm / 100 < 24, hhmm % 100 < 60
        else { return nil }
        return (date, TimeOfDay(hour: hhmm / 100, minute: hhmm % 100))
    }

    private func expectedCheckDigit(_ value: ArraySlice<Character>) -> Int {
        GTIN.checkDigit(of: value.dropLast().compactMap(\.wholeNumberValue))
    }

    // MARK: - The UDI

    private func udi(from elements: [Element]) throws(UDI.ParseFailure) -> UDI {
        var values: [String: Element] = [:]
        for element in elements {
            if let earlier = values[element.ai.digits], earlier.value != element.value {
                throw failure(.duplicate, at: element.position,
                    "\(label(element.ai)) appears twice, '\(String(earlier.value))' and '\(String(element.value))'")
            }
            values[element.ai.digits] = element
        }
        guard let gtin = values["01"] else {
            if let dependent = elements.first(where: { Self.needGTIN.contains($0.ai.digits) }) {
                throw failure(.pairing, at: dependent.position,
                    "\(label(dependent.ai)) needs the GTIN, AI (01), in the same barcode (GS1 mandatory association)")
            }
            throw UDI.ParseFailure(udi: scan, kind: .pairing, position: nil, reason: "no GTIN, application identifier (01)")
        }
        if let contents = values["02"] {
            throw failure(.pairing, at: contents.position,
                "(02) GTIN of contents cannot stand beside (01) GTIN (GS1 invalid pair)")
        }
        var udi = UDI(device: .gtin(String(gtin.value)))
        udi.lot = values["10"].map { String($0.value) }
        udi.serial = values["21"].map { String($0.value) }
        udi.productionDate = values["11"].flatMap { LabelDate.yymmdd($0.value, today: today) }
        if let dateTime = values["7003"].flatMap({ expiryDateTime($0.value) }) {
            udi.expiry = dateTime.0
            udi.expiryTime = dateTime.1
        }
        if let expiry = values["17"].flatMap({ LabelDate.yymmdd($0.value, today: today) }) {
            udi.expiry = expiry
        }
        udi.quantity = values["30"].flatMap { Int(String($0.value)) }
        udi.additionalProductId = values["240"].map { String($0.value) }
        return udi
    }

    // MARK: - Messages

    private func label(_ ai: GS1ApplicationIdentifier) -> String {
        Self.names[ai.digits].map { "(\(ai.digits)) \($0)" } ?? "AI (\(ai.digits))"
    }

    private func describe(_ length: ClosedRange<Int>) -> String {
        length.lowerBound == length.upperBound ? "\(length.lowerBound)" : "\(length.lowerBound) to \(length.upperBound)"
    }

    private func failure(_ kind: UDI.ParseFailure.Kind, at index: Int, _ reason: String) -> UDI.ParseFailure {
        UDI.ParseFailure(udi: scan, kind: kind, position: index + 1, reason: reason)
    }
}
