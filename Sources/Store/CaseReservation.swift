import SupplyDomain

/// Stock held for a case (one item, one lot), or the part of its need no usable stock covers.
public struct CaseReservation: Sendable, Codable, Hashable {
    public var site: String
    public var caseId: String
    public var item: String
    /// Empty for stock without a lot, and on shortfall rows.
    public var lot: String
    public var reserved: Double
    /// What the case still misses of this item.
    public var shortfall: Double
    public var caseDay: LocalDate
}
