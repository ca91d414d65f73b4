/// One segment of a message (`PID|1||…`): its id and fields, numbered as the standard numbers them.
///
/// In MSH, field 1 is the field separator itself and field 2 the encoding characters, so `MSH-9` is the ninth
/// field as every specification and interface engine counts it.
public struct HL7Segment: Sendable {
    /// The segment id, e.g. `PID`, or a site-defined `Z…` segment.
    public let id: String
    /// Which occurrence of its id this segment is in the message (1 for the first).
    public let occurrence: Int
    /// Fields by number: `fields[n]` is field n; `fields[0]` is the id.
    let fields: [ArraySlice<UInt8>]
    let delimiters: HL7Delimiters
    let characterSet: HL7CharacterSet

    init(bytes: ArraySlice<UInt8>, occurrence: Int, delimiters: HL7Delimiters, characterSet: HL7CharacterSet) {
        var parts = HL7Field.split(bytes, on: delimiters.field)
        let id = String(decoding: parts[0], as: UTF8.self)
        if id == "MSH" || id == "FHS" || id == "BHS" {
            // The separator between the id and the encoding characters is field 1.
            let separatorIndex = parts[0].endIndex
            parts.insert(bytes[separatorIndex..<min(separatorIndex + 1, bytes.endIndex)], at: 1)
        }
        self.id = id
        self.occurrence = occurrence
        self.fields = parts
        self.delimiters = delimiters
        self.characterSet = characterSet
    }

    /// The number of the last field present.
    public var lastField: Int { fields.count - 1 }

    /// Field `number`; empty when the segment stops before it.
    public func field(_ number: Int) -> HL7Field {
        guard number >= 1, number < fields.count else {
            return HL7Field(raw: fields[0][fields[0].endIndex...], delimiters: delimiters, characterSet: characterSet, depth: 0)
        }
        let isLiteral = (number == 1 || number == 2) && (id == "MSH" || id == "FHS" || id == "BHS")
        return HL7Field(raw: fields[number], delimiters: delimiters, characterSet: characterSet, depth: isLiteral ? 3 : 0)
    }

    /// The unescaped value at `field`.`component`.`subcomponent` of repetition `repetition`; nil when empty.
    public func value(_ field: Int, component: Int = 1, subcomponent: Int = 1, repetition: Int = 1) -> String? {
        let repetitions = self.field(field).repetitions
        guard repetition >= 1, repetition <= repetitions.count else { return nil }
        return repetitions[repetition - 1].component(component).subcomponent(subcomponent).value
    }

    /// Where field `number` (and optionally a component and subcomponent) of this segment is.
    public func location(_ number: Int, component: Int? = nil, subcomponent: Int? = nil) -> HL7Location {
        HL7Location(id, number, component: component, subcomponent: subcomponent, occurrence: occurrence)
    }
}
