/// One field of a segment, or a repetition, component or subcomponent of one: raw bytes split on demand.
///
/// Values come out unescaped (see ``HL7Delimiters``); an empty value and the HL7 null `""` both read as nil.
public struct HL7Field: Sendable {
    /// The bytes as received (UTF-8 after the character set was read), escapes not yet read.
    public let raw: ArraySlice<UInt8>
    let delimiters: HL7Delimiters
    let characterSet: HL7CharacterSet
    /// 0 field, 1 repetition, 2 component, 3 subcomponent (or a literal such as MSH-2 that is never split).
    let depth: Int

    init(raw: ArraySlice<UInt8>, delimiters: HL7Delimiters, characterSet: HL7CharacterSet, depth: Int) {
        self.raw = raw
        self.delimiters = delimiters
        self.characterSet = characterSet
        self.depth = depth
    }

    /// Whether nothing (or only the HL7 null `""`) was sent.
    public var isEmpty: Bool { raw.isEmpty || raw.elementsEqual([0x22, 0x22]) }

    /// The field's repetitions, split on the repetition separator; one for a field sent once.
    public var repetitions: [HL7Field] {
        guard depth == 0 else { return [self] }
        return HL7Field.split(raw, on: delimiters.repetition).map { child($0, depth: 1) }
    }

    /// Component `number` (from 1) of the first repetition; empty when absent.
    public func component(_ number: Int) -> HL7Field {
        if depth >= 2 { return number == 1 ? self : child(raw[raw.endIndex...], depth: 2) }
        let repetition = depth == 0 ? repetitions[0] : self
        let parts = HL7Field.split(repetition.raw, on: delimiters.component)
        return child(number >= 1 && number <= parts.count ? parts[number - 1] : raw[raw.endIndex...], depth: 2)
    }

    /// Subcomponent `number` (from 1) of the first component; empty when absent.
    public func subcomponent(_ number: Int) -> HL7Field {
        if depth >= 3 { return number == 1 ? self : child(raw[raw.endIndex...], depth: 3) }
        let component = depth == 2 ? self : component(1)
        let parts = HL7Field.split(component.raw, on: delimiters.subcomponent)
        return child(number >= 1 && number <= parts.count ? parts[number - 1] : raw[raw.endIndex...], depth: 3)
    }

    /// The first subcomponent of the first component of the first repetition, unescaped; nil when empty.
    public var value: String? {
        let leaf = subcomponent(1)
        return leaf.isEmpty ? nil : delimiters.unescape(leaf.raw, in: characterSet)
    }

    /// The whole raw text unescaped, inner delimiters kept as they are.
    public var text: String {
        delimiters.unescape(raw, in: characterSet)
    }

    private func child(_ bytes: ArraySlice<UInt8>, depth: Int) -> HL7Field {
        HL7Field(raw: bytes, delimiters: delimiters, characterSet: characterSet, depth: depth)
    }

    static func split(_ bytes: ArraySlice<UInt8>, on separator: UInt8) -> [ArraySlice<UInt8>] {
        let base = bytes.startIndex
        let cuts: [Int] = bytes.withUnsafeBufferPointer { buffer in
            var cuts: [Int] = []
            for offset in 0..<buffer.count where buffer[offset] == separator { cuts.append(base + offset) }
            return cuts
        }
        var parts: [ArraySlice<UInt8>] = []
        parts.reserveCapacity(cuts.count + 1)
        var start = base
        for cut in cuts {
            parts.append(bytes[start..<cut])
            start = cut + 1
        }
        parts.append(bytes[start..<bytes.endIndex])
        return parts
    }
}
