/// One driver's effect on one item: "which drivers move the number and by how much".
public struct DriverCoefficient: Sendable, Equatable, Codable {
    /// Driver name (e.g. `census`, `procedures.hip`, `weekday.Sat`, `intercept`).
    public var driver: String
    /// Units of item demand per unit of the driver, in the driver's own units.
    public var coefficient: Double
    /// Coefficient × mean driver value over the history: the driver's typical contribution to daily demand.
    public var meanContribution: Double

    /// Creates a coefficient row.
    public init(driver: String, coefficient: Double, meanContribution: Double) {
        self.driver = driver
        self.coefficient = coefficient
        self.meanContribution = meanContribution
    }
}
