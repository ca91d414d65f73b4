/// Choices a hospital makes about its feeds, which the messages themselves cannot say.
public struct HL7MappingConfiguration: Sendable, Hashable {
    /// Whether a sending application's charges (DFT P03) are the usage of record, or only for information because
    /// the same supplies also arrive as scanned usage (counting them twice would double the implants).
    public enum ChargeRole: String, Sendable, Hashable {
        case usageBearing
        case informational
    }

    /// Patient classes (PV1-2) the census counts: an A04 registration of any other class is no admission.
    public var censusPatientClasses: Set<String>
    /// Roles (AIP-4.1) that make a scheduled practitioner the case's surgeon.
    public var surgeonRoles: Set<String>
    /// The charge role of each sending application (MSH-3); those not listed take `defaultChargeRole`.
    public var chargeRoles: [String: ChargeRole]
    public var defaultChargeRole: ChargeRole
    /// Whether an FT1 whose charge code and NDC are both unmapped is skipped (charges for rooms, tests and
    /// visits are not supplies) rather than refused.
    public var skipsUnmappedCharges: Bool
    /// Processing ids (MSH-11.1) accepted; others are refused (`AR`). Production only by default.
    public var processingIds: Set<String>

    public init(
        censusPatientClasses: Set<String> = ["I"], surgeonRoles: Set<String> = ["SURG", "SURGEON"],
        chargeRoles: [String: ChargeRole] = [:], defaultChargeRole: ChargeRole = .usageBearing,
        skipsUnmappedCharges: Bool = false, processingIds: Set<String> = ["P"]
    ) {
        self.censusPatientClasses = censusPatientClasses
        self.surgeonRoles = surgeonRoles
        self.chargeRoles = chargeRoles
        self.defaultChargeRole = defaultChargeRole
        self.skipsUnmappedCharges = skipsUnmappedCharges
        self.processingIds = processingIds
    }
}
