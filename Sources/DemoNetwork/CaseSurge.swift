import SupplyDomain

/// A waiting-list initiative at one site: for a stretch of weekdays, more elective cases than usual, most of
/// the extra ones of one procedure.
public struct CaseSurge: Sendable, Hashable {
    public var site: String
    public var procedure: String
    public var from: LocalDate
    public var through: LocalDate
    /// Elective cases on those days are this many times the usual number.
    public var caseFactor: Double
    /// The procedure's share of the case mix is multiplied by this.
    public var procedureWeightFactor: Double
}
