import SupplyDomain

extension DemoNetwork {
    /// Event types only hospital feeds send (HL7 A13, A08, S14 and DFT credits): the demo network generates every
    /// other type and none of these.
    public static let typesNotGenerated: Set<EventType> = [
        .admissionDischargeCancelled, .admissionUpdated, .caseModified, .usageReversed,
    ]
}
