/// The five (or six) separators a message declares in MSH-1 and MSH-2: field `|`, component `^`,
/// repetition `~`, escape `\`, subcomponent `&`, and from v2.7 truncation `#`. Never assumed: always read.
public struct HL7Delimiters: Sendable, Hashable {
    public var field: UInt8
    public var component: UInt8
    public var repetition: UInt8
    public var escape: UInt8
    public var subcomponent: UInt8
    public var truncation: UInt8?

    /// The usual `|^~\&`, for replies to messages whose own delimiters cannot be read.
    public static let standard = HL7Delimiters(
        field: UInt8(ascii: "|"), component: UInt8(ascii: "^"), repetition: UInt8(ascii: "~"),
        escape: UInt8(ascii: "\\"), subcomponent: UInt8(ascii: "&"), truncation: nil)

    public init(field: UInt8, component: UInt8, repetition: UInt8, escape: UInt8, subcomponent: UInt8, truncation: UInt8?) {
        self.field = field
        self.component = component
        self.repetition = repetition
        self.escape = escape
        self.subcomponent = subcomponent
        self.truncation = truncation
    }

    /// Reads MSH-1 (`field`) and MSH-2 (`encoding`, four or five characters). Each must be a distinct printable
    /// ASCII character that is neither a letter, a digit nor a space.
    public init(field: UInt8, encoding: ArraySlice<UInt8>) throws(HL7Error) {
        guard Self.isUsable(field) else {
            throw HL7Error(.dataType, at: HL7Location("MSH", 1),
                "the field separator (the character after MSH) must be printable ASCII punctuation, not byte \(field)")
        }
        let characters = Array(encoding)
        guard characters.count == 4 || characters.count == 5 else {
            throw HL7Error(.dataType, at: HL7Location("MSH", 2),
                "the encoding characters must be 4 (component, repetition, escape, subcomponent) or 5 (and truncation), not \(characters.count)")
        }
        let all = [field] + characters
        guard characters.allSatisfy(Self.isUsable), Set(all).count == all.count else {
            throw HL7Error(.dataType, at: HL7Location("MSH", 2),
                "the encoding characters must be distinct printable ASCII punctuation, different from the field separator")
        }
        self.init(field: field, component: characters[0], repetition: characters[1], escape: characters[2],
                  subcomponent: characters[3], truncation: characters.count == 5 ? characters[4] : nil)
    }

    /// MSH-2 as it is written, e.g. `^~\&`.
    public var encodingCharacters: String {
        String(decoding: [component, repetition, escape, subcomponent] + (truncation.map { [$0] } ?? []), as: UTF8.self)
    }

    private static func isUsable(_ byte: UInt8) -> Bool {
        byte > 0x20 && byte < 0x7F && !(byte >= 0x30 && byte <= 0x39) && !(byte >= 0x41 && byte <= 0x5A)
            && !(byte >= 0x61 && byte <= 0x7A)
    }
}
