import SupplyDomain

/// Everything a closed-loop run produced.
public struct SimulationOutcome: Sendable {
    public var report: SimulationReport
    public var timings: SimulationTimings
    /// SupplyCast, par levels, AMC.
    public var policies: [PolicyOutcome]
    /// The events appended to SupplyCast during the simulated days (only with `keepEvents`).
    public var appendedEvents: [SupplyEvent]
    /// Every case of the simulated days (`site/case`) with its day and whether it used an implant.
    public var cases: [String: (day: LocalDate, implant: Bool)]
    /// Requisition ids SupplyCast raised and the lines the simulation ordered for them.
    public var requisitionLines: [String: [PlacedOrderLine]]
}
