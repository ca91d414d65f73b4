import SupplyDomain

/// A stretch of days in which one supplier delivers late: every order placed with it from `from` through
/// `through` arrives `extraDays` after its usual lead time, at every site.
public struct SupplierDisruption: Sendable, Hashable {
    public var supplier: String
    public var from: LocalDate
    public var through: LocalDate
    public var extraDays: Int
}
