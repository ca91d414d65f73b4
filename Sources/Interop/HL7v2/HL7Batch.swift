/// A file of HL7 v2 messages: a batch (`FHS`/`BHS` … `BTS`/`FTS`), or messages simply one after another.
///
/// Each message starts at an MSH and runs to the next MSH or batch segment. The trailers' counts (BTS-1, the
/// messages in a batch; FTS-1, the batches in a file) are checked against what the file holds: a count that
/// disagrees means the file was cut short or mis-assembled, reported as a problem while the messages read are
/// still returned.
public struct HL7Batch: Sendable {
    /// One message of the file: its bytes (segments joined by CR) and where it starts.
    public struct Entry: Sendable {
        /// 1 for the first message of the file.
        public var ordinal: Int
        /// The line of the file its MSH is on (from 1).
        public var line: Int
        public var bytes: [UInt8]
    }

    public var entries: [Entry]
    /// Trailer counts that disagree with the file, and segments outside any message.
    public var problems: [HL7Error]

    /// Splits `data` into its messages.
    public init(_ data: some Collection<UInt8>) {
        var bytes = Array(data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        var lineNumbers: [Int] = []
        var ranges: [Range<Int>] = []
        var line = 1
        var start = 0
        var index = 0
        while index <= bytes.count {
            if index == bytes.count || bytes[index] == 0x0D || bytes[index] == 0x0A {
                if index > start, bytes[start..<index].contains(where: { $0 != 0x20 && $0 != 0x09 }) {
                    ranges.append(start..<index)
                    lineNumbers.append(line)
                }
                if index < bytes.count && bytes[index] == 0x0D && index + 1 < bytes.count && bytes[index + 1] == 0x0A {
                    index += 1
                }
                line += 1
                start = index + 1
            }
            index += 1
        }

        var entries: [Entry] = []
        var problems: [HL7Error] = []
        var current: (line: Int, segments: [ArraySlice<UInt8>])?
        var messagesInBatch = 0
        var batches = 0
        var inBatch = false
        func finishMessage() {
            guard let message = current else { return }
            entries.append(Entry(ordinal: entries.count + 1, line: message.line,
                                 bytes: Array(message.segments.joined(separator: [0x0D]))))
            messagesInBatch += 1
            current = nil
        }
        func count(in segment: ArraySlice<UInt8>) -> Int? {
            guard segment.count > 4 else { return nil }
            let separator = segment[segment.startIndex + 3]
            let fields = segment.split(separator: separator, omittingEmptySubsequences: false)
            guard fields.count > 1, !fields[1].isEmpty else { return nil }
            return Int(String(decoding: fields[1], as: UTF8.self))
        }
        for (range, lineNumber) in zip(ranges, lineNumbers) {
            let segment = bytes[range]
            let id = String(decoding: segment.prefix(3), as: UTF8.self)
            switch id {
            case "MSH":
                finishMessage()
                current = (lineNumber, [segment])
            case "FHS":
                finishMessage()
            case "BHS":
                finishMessage()
                messagesInBatch = 0
                inBatch = true
            case "BTS":
                finishMessage()
                if let stated = count(in: segment), stated != messagesInBatch {
                    problems.append(HL7Error(.segmentSequence, at: HL7Location("BTS", 1, occurrence: batches + 1),
                        "the batch trailer on line \(lineNumber) counts \(stated) messages but the batch holds \(messagesInBatch)"))
                }
                batches += 1
                messagesInBatch = 0
                inBatch = false
            case "FTS":
                finishMessage()
                if inBatch { batches += 1 }
                if let stated = count(in: segment), stated != batches {
                    problems.append(HL7Error(.segmentSequence, at: HL7Location("FTS", 1),
                        "the file trailer on line \(lineNumber) counts \(stated) batches but the file holds \(batches)"))
                }
            default:
                if current == nil {
                    problems.append(HL7Error(.segmentSequence, at: HL7Location(id, 0),
                        "line \(lineNumber): segment \(id) is outside any message (no MSH before it)"))
                } else {
                    current?.segments.append(segment)
                }
            }
        }
        finishMessage()
        self.entries = entries
        self.problems = problems
    }
}
