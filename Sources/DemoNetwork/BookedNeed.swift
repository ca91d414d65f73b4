/// What a booked case is expected to take of one item, known from the day it is booked: its card's quantity,
/// or for an implant size the family's quantity times that size's share of uses.
///
/// The demo's replenishment reads these the way a theatre planner reads the OR list: it keeps stock for the
/// booked cases of the coming days.
struct BookedNeed: Sendable {
    var site: Int
    /// Index into `Catalog.entries`.
    var item: Int
    /// The case day (after any reschedule).
    var dayNumber: Int
    /// The day the case was booked.
    var bookedDay: Int
    var quantity: Double
}
