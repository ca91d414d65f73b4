import SupplyDomain

/// One true use of an item: what the hospital needs at that moment, before any question of whether the shelf
/// holds it. A closed-loop simulation serves these from its own stock; the demo's own replenishment turns them
/// into `usage.recorded` events with the lots it received.
public struct UsageDemand: Sendable, Hashable {
    public var site: String
    public var item: String
    /// Where it is used: `OR` for theatre cases, a ward, or `PHARM`.
    public var location: String
    public var day: LocalDate
    /// Seconds after local midnight.
    public var secondOfDay: Int
    /// Whole units, at least one.
    public var quantity: Int
    /// The case it is used for (theatre uses only).
    public var caseId: String?
    public var encounter: String?
    public var patient: String?

    public init(site: String, item: String, location: String, day: LocalDate, secondOfDay: Int, quantity: Int,
                caseId: String? = nil, encounter: String? = nil, patient: String? = nil) {
        self.site = site
        self.item = item
        self.location = location
        self.day = day
        self.secondOfDay = secondOfDay
        self.quantity = quantity
        self.caseId = caseId
        self.encounter = encounter
        self.patient = patient
    }
}
