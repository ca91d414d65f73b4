import SupplyDomain

/// What to generate: the size of the network, how much history, and the seed that makes it reproducible.
///
/// The defaults describe three hospitals over two years, about a million events. Tests shrink `historyDays`
/// and the item counts to keep debug builds quick.
public struct DemoParameters: Sendable, Hashable {
    /// Seed of every random draw; the same parameters always give byte-identical output.
    public var seed: UInt64
    /// Number of hospitals (the first three have fixed names; more are numbered).
    public var sites: Int
    /// General consumables (gloves, drapes, sutures, catheters…).
    public var consumables: Int
    /// Implants: lot- and serial-tracked, critical, with GTINs, in families of sizes.
    public var implants: Int
    /// Lot-tracked pharmacy items dispensed from each site's pharmacy.
    public var pharmacyItems: Int
    /// Procedure types, each with a default preference card (some also with surgeon-specific cards).
    public var procedures: Int
    /// Days of history, ending with `endDate` inclusive.
    public var historyDays: Int
    /// The last day of history ("today"); no event happens after the end of this day.
    public var endDate: LocalDate
    /// How far ahead the OR schedule is booked beyond `endDate`.
    public var forwardScheduleDays: Int

    public init(
        seed: UInt64 = 42, sites: Int = 3, consumables: Int = 250, implants: Int = 40, pharmacyItems: Int = 30,
        procedures: Int = 20, historyDays: Int = 730, endDate: LocalDate = LocalDate(year: 2026, month: 11, day: 20),
        forwardScheduleDays: Int = 21
    ) {
        self.seed = seed
        self.sites = sites
        self.consumables = consumables
        self.implants = implants
        self.pharmacyItems = pharmacyItems
        self.procedures = procedures
        self.historyDays = historyDays
        self.endDate = endDate
        self.forwardScheduleDays = forwardScheduleDays
    }

    /// The first day of history.
    public var startDate: LocalDate { endDate.advanced(by: -(max(historyDays, 1) - 1)) }
}
