/// One use of an item, drawn before stock is simulated; it becomes a `usage.recorded` event once the
/// replenishment simulation has said which lot (and serial) it came from.
struct Demand: Sendable {
    var dayNumber: Int
    var secondOfDay: Int
    var site: Int
    /// Index into `Catalog.entries`.
    var item: Int
    var location: String
    var quantity: Int
    var caseId: String?
    var encounter: String?
    var patient: String?
}
