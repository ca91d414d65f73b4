/// Where in a message something is: segment, its occurrence, field, and optionally repetition, component and
/// subcomponent, written the way integration teams write it (`PV1-3.4`, `PID-3[2].1`).
public struct HL7Location: Sendable, Hashable, CustomStringConvertible {
    /// Segment id, e.g. `PV1`.
    public var segment: String
    /// Which occurrence of the segment (1 for the first `FT1`, 2 for the second…).
    public var occurrence: Int
    /// Field number (MSH-1 is the field separator itself).
    public var field: Int
    public var repetition: Int?
    public var component: Int?
    public var subcomponent: Int?

    public init(
        _ segment: String, _ field: Int, component: Int? = nil, subcomponent: Int? = nil, repetition: Int? = nil,
        occurrence: Int = 1
    ) {
        self.segment = segment
        self.occurrence = occurrence
        self.field = field
        self.repetition = repetition
        self.component = component
        self.subcomponent = subcomponent
    }

    public var description: String {
        var text = segment
        if occurrence > 1 { text += "(\(occurrence))" }
        text += "-\(field)"
        if let repetition, repetition > 1 { text += "[\(repetition)]" }
        if let component { text += ".\(component)" }
        if let subcomponent { text += ".\(subcomponent)" }
        return text
    }
}
