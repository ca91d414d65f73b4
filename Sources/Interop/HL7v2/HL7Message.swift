/// One HL7 v2 message, read with the delimiters and character set its own MSH declares.
///
/// Segments end with CR on the wire; LF and CRLF (files) are taken too, and a leading byte-order mark is
/// skipped. Parsing checks what every message must have (MSH first with readable delimiters, a supported
/// character set, MSH-9.1/9.2, MSH-10, MSH-11 and a 2.x MSH-12); what a message means is the mapper's business.
public struct HL7Message: Sendable {
    public let header: HL7Header
    public let delimiters: HL7Delimiters
    public let characterSet: HL7CharacterSet
    public let segments: [HL7Segment]
    /// The segments as received (before character-set conversion), joined by CR.
    public let wireBytes: [UInt8]

    /// Reads one message (not a batch: see ``HL7Batch``).
    public init(_ data: some Collection<UInt8>) throws(HL7Error) {
        var received = Array(data)
        Self.dropPreamble(&received)
        guard received.count >= 4, received.starts(with: Array("MSH".utf8)) else {
            let start = String(decoding: received.prefix(3), as: UTF8.self)
            throw HL7Error(.segmentSequence, at: HL7Location("MSH", 1),
                start == "FHS" || start == "BHS"
                    ? "this is a batch (\(start)); read it as a batch file"
                    : "a message must begin with an MSH segment, not '\(start)'")
        }
        let lines = Self.segmentRanges(received)
        wireBytes = Array(lines.map { received[$0] }.joined(separator: [0x0D]))

        // MSH-1 and MSH-2 first: they say how to read everything else.
        let mshLine = received[lines[0]]
        guard mshLine.count >= 4 else {
            throw HL7Error(.dataType, at: HL7Location("MSH", 1), "the MSH segment ends before its field separator")
        }
        let encodingEnd = mshLine[4...].firstIndex(of: mshLine[3]) ?? mshLine.endIndex
        let delimiters = try HL7Delimiters(field: mshLine[3], encoding: mshLine[4..<encodingEnd])
        let rawMSH = HL7Segment(bytes: mshLine, occurrence: 1, delimiters: delimiters, characterSet: .ascii)
        let declared = rawMSH.field(18).repetitions[0].component(1)
        let declaredName = String(decoding: declared.raw, as: UTF8.self)
        guard let characterSet = HL7CharacterSet(declared: declaredName) else {
            throw HL7Error(.unsupportedCharacterSet, at: HL7Location("MSH", 18),
                "character set '\(declaredName)' is not one SupplyCast reads (ASCII, 8859/1, UNICODE UTF-8)")
        }
        let bytes: [UInt8]
        switch characterSet.transcode(received) {
        case .success(let converted):
            bytes = converted
        case .failure(let offset):
            throw HL7Error(.unsupportedCharacterSet, at: HL7Location("MSH", 18),
                "byte 0x\(String(received[offset.value], radix: 16, uppercase: true)) at offset \(offset.value) is not \(characterSet.rawValue), which MSH-18 declares")
        }
        self.delimiters = delimiters
        self.characterSet = characterSet

        var segments: [HL7Segment] = []
        var occurrences: [String: Int] = [:]
        for range in Self.segmentRanges(bytes) {
            let line = bytes[range]
            let idEnd = line.firstIndex(of: delimiters.field) ?? line.endIndex
            let id = String(decoding: line[..<idEnd], as: UTF8.self)
            let occurrence = (occurrences[id] ?? 0) + 1
            occurrences[id] = occurrence
            if id == "MSH" && occurrence > 1 {
                throw HL7Error(.segmentSequence, at: HL7Location("MSH", 1, occurrence: occurrence),
                    "a second MSH begins another message; send one message per frame, or a batch file")
            }
            segments.append(HL7Segment(bytes: line, occurrence: occurrence, delimiters: delimiters, characterSet: characterSet))
        }
        self.segments = segments
        header = HL7Header(msh: segments[0])
        try Self.checkHeader(header)
    }

    /// The first segment with this id.
    public func segment(_ id: String) -> HL7Segment? {
        segments.first { $0.id == id }
    }

    /// Every segment with this id, in order.
    public func segments(_ id: String) -> [HL7Segment] {
        segments.filter { $0.id == id }
    }

    /// The message's MSH.
    public var msh: HL7Segment { segments[0] }

    private static func checkHeader(_ header: HL7Header) throws(HL7Error) {
        guard !header.messageCode.isEmpty else {
            throw HL7Error(.requiredFieldMissing, at: HL7Location("MSH", 9, component: 1), "the message type (MSH-9.1) is missing")
        }
        // An acknowledgment may leave out the trigger; every other message is routed on it.
        guard !header.triggerEvent.isEmpty || header.messageCode == "ACK" else {
            throw HL7Error(.requiredFieldMissing, at: HL7Location("MSH", 9, component: 2), "the trigger event (MSH-9.2) is missing")
        }
        guard !header.controlId.isEmpty else {
            throw HL7Error(.requiredFieldMissing, at: HL7Location("MSH", 10), "the message control id (MSH-10) is missing")
        }
        guard !header.processingId.isEmpty else {
            throw HL7Error(.requiredFieldMissing, at: HL7Location("MSH", 11), "the processing id (MSH-11) is missing")
        }
        guard header.version.hasPrefix("2."), header.version.count >= 3 else {
            throw HL7Error(.unsupportedVersion, at: HL7Location("MSH", 12),
                header.version.isEmpty ? "the version (MSH-12) is missing" : "version '\(header.version)' is not an HL7 v2 version")
        }
    }

    // MARK: - Bytes

    /// Skips a UTF-8 byte-order mark and any line ends or spaces before the first segment.
    static func dropPreamble(_ bytes: inout [UInt8]) {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        let start = bytes.firstIndex { $0 != 0x0D && $0 != 0x0A && $0 != 0x20 && $0 != 0x09 } ?? bytes.endIndex
        bytes.removeFirst(start)
    }

    /// The byte ranges of the segments: split on CR, LF or CRLF, blank lines skipped.
    static func segmentRanges(_ bytes: [UInt8]) -> [Range<Int>] {
        bytes.withUnsafeBufferPointer { buffer in
            var ranges: [Range<Int>] = []
            var start = 0
            var blank = true
            var index = 0
            let count = buffer.count
            while index <= count {
                let byte: UInt8 = index == count ? 0x0D : buffer[index]
                if byte == 0x0D || byte == 0x0A {
                    if !blank { ranges.append(start..<index) }
                    start = index + 1
                    blank = true
                } else if byte != 0x20 && byte != 0x09 {
                    blank = false
                }
                index += 1
            }
            return ranges
        }
    }
}
