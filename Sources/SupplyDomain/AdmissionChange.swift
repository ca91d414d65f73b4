/// An admission, transfer, discharge or cancelled admission of one encounter (HL7 ADT A01/A02/A03/A11 and kin).
///
/// The payload's JSON carries no kind: the event's `type` says it.
public struct AdmissionChange: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Codable {
        case admitted, transferred, discharged, cancelled
    }

    public var kind: Kind = .admitted
    /// The visit / encounter number.
    public var encounter: String
    /// Patient reference; kept only for traceability and never shown without the trace role.
    public var patient: String?
    /// Ward or unit, when the feed says.
    public var unit: String?
    /// For a transfer to another site of the network: the receiving site.
    public var toSite: String?

    public init(kind: Kind, encounter: String, patient: String? = nil, unit: String? = nil, toSite: String? = nil) {
        self.kind = kind
        self.encounter = encounter
        self.patient = patient
        self.unit = unit
        self.toSite = toSite
    }

    enum CodingKeys: String, CodingKey {
        case encounter, patient, unit, toSite
    }
}
