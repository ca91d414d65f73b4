/// Where a simulation's wall time went, in seconds.
public struct SimulationTimings: Sendable, Codable, Hashable {
    /// Generating the network and its baseline history.
    public var generating: Double = 0
    /// Ingesting the history into SupplyCast.
    public var ingesting: Double = 0
    /// Appending the simulated days' events.
    public var appending: Double = 0
    /// The nightly planning runs, forecasts included.
    public var planning: Double = 0
    /// Serving demand on the three ledgers, the baselines' reviews, reading alerts and requisitions.
    public var other: Double = 0
    public var total: Double = 0
    public var planningRuns: Int = 0
}
