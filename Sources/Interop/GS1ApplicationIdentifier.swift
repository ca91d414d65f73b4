/// A GS1 Application Identifier: the 2–4 digits that say what the data after them means, and how long it may be.
struct GS1ApplicationIdentifier: Sendable, Hashable {
    /// What characters the data may hold.
    enum Content: Sendable, Hashable {
        case numeric
        /// GS1 AI encodable character set 82 (and, for a few AIs, its subsets 39 and 64).
        case alphanumeric
    }

    let digits: String
    let length: ClosedRange<Int>
    let content: Content

    /// Fixed-length AIs are read by count; the others run to the next GS separator or the end of the data.
    var isFixedLength: Bool { length.lowerBound == length.upperBound }

    /// Every AI GS1 defines, by its digits.
    static let known: [String: GS1ApplicationIdentifier] = {
        var known: [String: GS1ApplicationIdentifier] = [:]
        for run in runs {
            let width = run.first.count
            for value in Int(run.first)!...Int(run.last)! {
                var digits = String(value)
                digits = String(repeating: "0", count: width - digits.count) + digits
                known[digits] = GS1ApplicationIdentifier(digits: digits, length: run.length, content: run.content)
            }
        }
        return known
    }()

    /// The AI at the start of `characters`: GS1 chose the AIs so that none is the prefix of another, so the first
    /// 2, 3 or 4 digits that name an AI are the one.
    static func prefix(of characters: ArraySlice<Character>) -> GS1ApplicationIdentifier? {
        var digits = ""
        for character in characters.prefix(4) {
            guard character.isASCIIDigit else { return nil }
            digits.append(character)
            if digits.count >= 2, let ai = known[digits] { return ai }
        }
        return nil
    }

    /// Whether `value` holds only characters this AI allows.
    func accepts(_ value: some Collection<Character>) -> Bool {
        switch content {
        case .numeric: value.allSatisfy(\.isASCIIDigit)
        case .alphanumeric: value.allSatisfy(\.isGS1Character)
        }
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }

    /// GS1 AI encodable character set 82: `!"%&'()*+,-./0-9:;<=>?A-Z_a-z`.
    var isGS1Character: Bool {
        guard let ascii = asciiValue else { return false }
        switch ascii {
        case 0x21, 0x22, 0x25...0x3F, 0x41...0x5A, 0x5F, 0x61...0x7A: return true
        default: return false
        }
    }
}
