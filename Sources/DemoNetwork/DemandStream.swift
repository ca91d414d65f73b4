import SupplyDomain

/// What happens in the demo network whatever its stock: admissions, the OR schedule and every use of every
/// item, with no stock decision in them.
///
/// ``DemoNetwork/generate(_:)`` serves this stream with the demo's own replenishment; a closed-loop simulation
/// serves the same stream with the policy it measures.
public struct DemandStream: Sendable {
    public var parameters: DemoParameters
    public var sites: [Site]
    public var locations: [Location]
    public var suppliers: [Supplier]
    /// Consumables, then implants, then pharmacy items.
    public var items: [Item]
    public var preferenceCards: [PreferenceCardLine]
    /// One network-wide policy per item.
    public var policies: [ReplenishmentPolicy]
    /// Admissions, transfers, discharges and cancellations, and the OR schedule (bookings, reschedules,
    /// cancellations, no-shows, completions), sorted by `occurredAt`, with their ids.
    public var scheduleEvents: [SupplyEvent]
    /// The waiting-list initiatives planted in the OR schedule.
    public var surges: [CaseSurge]
    /// How suppliers deliver: lead times, disruptions, lots.
    public var supplierModel: SupplierModel
    /// Patients in house at midnight per site and day of history, the census ward usage is drawn from.
    public var midnightCensus: [String: [Int]]

    let layout: NetworkLayout
    let catalog: Catalog
    let clock: LocalClock
    /// Theatre uses, then ward and pharmacy uses, in generation order.
    let uses: [Demand]
    let bookedNeeds: [BookedNeed]

    init(parameters: DemoParameters, layout: NetworkLayout, catalog: Catalog, procedures: ProcedureCatalog,
         clock: LocalClock, scheduleEvents: [SupplyEvent], uses: [Demand], bookedNeeds: [BookedNeed],
         surges: [CaseSurge], supplierModel: SupplierModel, midnightCensus: [String: [Int]]) {
        self.parameters = parameters
        self.layout = layout
        self.catalog = catalog
        self.clock = clock
        self.uses = uses
        self.bookedNeeds = bookedNeeds
        self.surges = surges
        self.supplierModel = supplierModel
        self.midnightCensus = midnightCensus
        self.scheduleEvents = scheduleEvents
        sites = layout.sites.map(\.site)
        locations = layout.locations
        suppliers = layout.suppliers
        items = catalog.entries.map(\.item)
        preferenceCards = procedures.lines(catalog: catalog)
        policies = PolicyBuilder.policies(for: items)
    }

    /// The uses on days `from...through` in time order (day, second of day; ties by site, then generation order).
    public func demands(from: LocalDate, through: LocalDate) -> [UsageDemand] {
        let first = from.dayNumber
        let last = through.dayNumber
        let picked = uses.indices.filter { uses[$0].dayNumber >= first && uses[$0].dayNumber <= last }
            .sorted { (uses[$0].dayNumber, uses[$0].secondOfDay, uses[$0].site, $0) < (uses[$1].dayNumber, uses[$1].secondOfDay, uses[$1].site, $1) }
        return picked.map { index in
            let use = uses[index]
            return UsageDemand(
                site: layout.sites[use.site].site.id, item: catalog.entries[use.item].item.id, location: use.location,
                day: LocalDate(dayNumber: use.dayNumber), secondOfDay: use.secondOfDay, quantity: use.quantity,
                caseId: use.caseId, encounter: use.encounter, patient: use.patient)
        }
    }

    /// The instant `secondOfDay` seconds after local midnight of `day`, with the demo sites' UTC offset.
    public func timestamp(_ day: LocalDate, secondOfDay: Int) -> Timestamp {
        clock.timestamp(dayNumber: day.dayNumber, secondOfDay: secondOfDay)
    }
}
