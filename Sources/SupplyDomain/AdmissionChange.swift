/// An admission, transfer, discharge, cancelled admission, cancelled discharge or update of one encounter
/// (HL7 ADT A01/A04, A02, A03, A11, A13, A08).
///
/// The payload's JSON carries no kind: the event's `type` says it.
public struct AdmissionChange: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Codable {
        case admitted, transferred, discharged, cancelled
        /// A discharge taken back: the stay it ended goes on (it is not a readmission).
        case dischargeCancelled
        /// Demographic or visit details changed; the census is unaffected.
        case updated
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
    /// The patient class the source gave (HL7 PV1-2: `I` inpatient, `O` outpatient, `E` emergency…), when it did.
    public var patientClass: String?

    public init(
        kind: Kind, encounter: String, patient: String? = nil, unit: String? = nil, toSite: String? = nil,
        patientClass: String? = nil
    ) {
        self.kind = kind
        self.encounter = encounter
        self.patient = patient
        self.unit = unit
        self.toSite = toSite
        self.patientClass = patientClass
    }

    enum CodingKeys: String, CodingKey {
        case encounter, patient, unit, toSite, patientClass
    }
}
