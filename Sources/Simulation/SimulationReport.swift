import SupplyDomain

/// The comparison a closed-loop run gives: each policy's figures over the same days and demand.
public struct SimulationReport: Sendable, Codable, Hashable {
    public var seed: UInt64
    public var sites: [String]
    public var historyDays: Int
    public var firstDay: String
    public var lastDay: String
    public var days: Int
    /// SupplyCast, then par levels, then AMC.
    public var policies: [PolicyReport]
    /// Real trouble planted in the simulated days: supplier disruptions and case surges.
    public var trouble: [String]
    /// On-hand value on the first morning, the same for every policy.
    public var openingInventoryValue: Double
}
