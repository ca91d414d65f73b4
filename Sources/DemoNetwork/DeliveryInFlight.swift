import SupplyDomain

/// An order the demo's replenishment placed that has not arrived yet.
public struct DeliveryInFlight: Sendable, Hashable {
    public var site: String
    public var item: String
    public var location: String
    public var po: String
    public var arrivalDay: LocalDate
    public var quantity: Int
}
