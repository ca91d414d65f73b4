/// The character sets SupplyCast reads, as MSH-18 names them (HL7 table 0211).
///
/// An empty MSH-18 means ASCII by the standard, but real feeds leave it empty and send UTF-8 or Latin-1 anyway:
/// such a message is read as UTF-8 when its bytes are valid UTF-8, and as ISO 8859-1 otherwise.
public enum HL7CharacterSet: String, Sendable, Hashable {
    case ascii = "ASCII"
    case latin1 = "8859/1"
    case utf8 = "UNICODE UTF-8"
    /// MSH-18 left empty: UTF-8 when valid, else ISO 8859-1.
    case undeclared = ""

    /// The set MSH-18 names; nil for one SupplyCast does not read (8859/2, ISO IR87, UNICODE UTF-16…).
    public init?(declared text: String) {
        switch text.trimmingSpaces.uppercased() {
        case "": self = .undeclared
        case "ASCII": self = .ascii
        case "8859/1", "ISO-8859-1", "ISO8859-1", "LATIN1": self = .latin1
        case "UNICODE UTF-8", "UTF-8", "UTF8", "UNICODE UTF8": self = .utf8
        default: return nil
        }
    }

    /// The message's bytes as UTF-8, or the offset of the first byte the declared set does not allow.
    func transcode(_ bytes: [UInt8]) -> Result<[UInt8], ByteOffset> {
        switch self {
        case .ascii:
            if let bad = bytes.firstIndex(where: { $0 >= 0x80 }) { return .failure(ByteOffset(value: bad)) }
            return .success(bytes)
        case .utf8:
            if let bad = Self.firstInvalidUTF8(bytes) { return .failure(ByteOffset(value: bad)) }
            return .success(bytes)
        case .latin1:
            return .success(Self.latin1ToUTF8(bytes))
        case .undeclared:
            return .success(Self.firstInvalidUTF8(bytes) == nil ? bytes : Self.latin1ToUTF8(bytes))
        }
    }

    /// Bytes written as `\Xhh\` escapes, as UTF-8: in UTF-8 messages they are UTF-8 already; in the single-byte
    /// sets each byte is one character.
    func utf8(ofEscaped bytes: [UInt8]) -> [UInt8] {
        switch self {
        case .utf8: bytes
        case .ascii, .latin1: Self.latin1ToUTF8(bytes)
        case .undeclared: Self.firstInvalidUTF8(bytes) == nil ? bytes : Self.latin1ToUTF8(bytes)
        }
    }

    struct ByteOffset: Error {
        var value: Int
    }

    private static func latin1ToUTF8(_ bytes: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + bytes.count / 8)
        for byte in bytes {
            if byte < 0x80 {
                output.append(byte)
            } else {
                output.append(0xC0 | byte >> 6)
                output.append(0x80 | byte & 0x3F)
            }
        }
        return output
    }

    private static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
        guard String(validating: bytes, as: UTF8.self) == nil else { return nil }
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var offset = 0
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): offset += UTF8.width(scalar)
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }
}
