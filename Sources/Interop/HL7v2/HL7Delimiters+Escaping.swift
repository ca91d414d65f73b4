extension HL7Delimiters {
    /// The text of one value with its escape sequences read: `\F\ \S\ \T\ \R\ \E\` (and `\P\` from v2.7) stand
    /// for the delimiters, `\Xhh…\` for bytes in the message's character set, `\.br\` for a line break; the
    /// highlighting and character-set switches (`\H\ \N\ \C…\ \M…\ \Z…\`) carry no text. A sequence that is not
    /// closed, or not one of these, is kept as written: losing text is worse than showing a backslash.
    func unescape(_ bytes: ArraySlice<UInt8>, in characterSet: HL7CharacterSet) -> String {
        guard bytes.contains(escape) else { return String(decoding: bytes, as: UTF8.self) }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            guard byte == escape, let close = bytes[(index + 1)...].firstIndex(of: escape), close > index + 1 else {
                output.append(byte)
                index += 1
                continue
            }
            let sequence = bytes[(index + 1)..<close]
            if let replacement = replacement(for: sequence, in: characterSet) {
                output.append(contentsOf: replacement)
            } else {
                output.append(contentsOf: bytes[index...close])
            }
            index = close + 1
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Writes `text` so that it reads back as itself: delimiters and the escape character become escape sequences,
    /// and line breaks `\X0D\`/`\X0A\` so they cannot end a segment.
    public func escaped(_ text: String) -> String {
        var output: [UInt8] = []
        for byte in text.utf8 {
            let letter: UInt8? = switch byte {
            case field: UInt8(ascii: "F")
            case component: UInt8(ascii: "S")
            case subcomponent: UInt8(ascii: "T")
            case repetition: UInt8(ascii: "R")
            case escape: UInt8(ascii: "E")
            case truncation: UInt8(ascii: "P")
            default: nil
            }
            if let letter {
                output += [escape, letter, escape]
            } else if byte == 0x0D || byte == 0x0A {
                output += [escape] + Array("X0\(byte == 0x0D ? "D" : "A")".utf8) + [escape]
            } else {
                output.append(byte)
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    private func replacement(for sequence: ArraySlice<UInt8>, in characterSet: HL7CharacterSet) -> [UInt8]? {
        let first = sequence[sequence.startIndex]
        if sequence.count == 1 {
            switch first {
            case UInt8(ascii: "F"): return [field]
            case UInt8(ascii: "S"): return [component]
            case UInt8(ascii: "T"): return [subcomponent]
            case UInt8(ascii: "R"): return [repetition]
            case UInt8(ascii: "E"): return [escape]
            case UInt8(ascii: "P"): return truncation.map { [$0] } ?? [UInt8(ascii: "#")]
            case UInt8(ascii: "H"), UInt8(ascii: "N"): return []
            default: return nil
            }
        }
        switch first {
        case UInt8(ascii: "X"), UInt8(ascii: "x"):
            let digits = sequence.dropFirst()
            guard digits.count % 2 == 0, let decoded = Self.hexBytes(digits) else { return nil }
            return characterSet.utf8(ofEscaped: decoded)
        case UInt8(ascii: "."):
            let command = String(decoding: sequence.dropFirst(), as: UTF8.self)
            if command == "br" || command.hasPrefix("sp") { return [0x0A] }
            if ["fi", "nf", "in", "ti", "sk", "ce"].contains(where: command.hasPrefix) { return [] }
            return nil
        case UInt8(ascii: "C"), UInt8(ascii: "M"), UInt8(ascii: "Z"):
            return []
        default:
            return nil
        }
    }

    private static func hexBytes(_ digits: ArraySlice<UInt8>) -> [UInt8]? {
        func value(_ byte: UInt8) -> UInt8? {
            switch byte {
            case 0x30...0x39: byte - 0x30
            case 0x41...0x46: byte - 0x41 + 10
            case 0x61...0x66: byte - 0x61 + 10
            default: nil
            }
        }
        var bytes: [UInt8] = []
        var index = digits.startIndex
        while index < digits.endIndex {
            guard let high = value(digits[index]), let low = value(digits[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }
}
