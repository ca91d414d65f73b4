import SupplyDomain

/// The demo's own replenishment of a demand stream up to a day: the events it writes, and the shelves and
/// deliveries it leaves behind for whoever carries on from there.
public struct BaselineReplenishment: Sendable {
    /// Usage (with the lots and serials used), receipts, invoices and stock counts, sorted by `occurredAt`,
    /// each with its id.
    public var events: [SupplyEvent]
    /// Stock on the shelves at the end of the last day, one entry per stock point and lot (serial for implants).
    public var closingStock: [ShelfBatch]
    /// Orders placed and not yet delivered at the end of the last day.
    public var deliveriesInFlight: [DeliveryInFlight]
}
