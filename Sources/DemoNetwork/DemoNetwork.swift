import SupplyDomain

/// Generates a realistic, reproducible hospital network for demos, tests and benchmarks.
///
/// Pure and deterministic: no clock, files or network, and the same parameters always give byte-identical
/// master data and events.
///
/// ```swift
/// let dataset = DemoNetwork.generate(DemoParameters(seed: 7, historyDays: 120))
/// print(dataset.summary)
/// let itemsCSV = MasterDataCSV.items(dataset.items)
/// ```
public struct DemoNetwork: Sendable {
    private init() {}

    /// Builds master data, then admissions, the OR schedule, ward and theatre usage, and the deliveries,
    /// invoices and counts that keep stock on the shelves; returns everything with events sorted by time.
    public static func generate(_ parameters: DemoParameters) -> DemoDataset {
        var random = SeededGenerator(seed: parameters.seed)
        let layout = NetworkLayout(siteCount: parameters.sites)
        let catalog = Catalog(parameters: parameters, suppliers: layout.suppliers, random: &random)
        let procedures = ProcedureCatalog(parameters: parameters, catalog: catalog, random: &random)
        let clock = LocalClock(days: parameters.startDate.advanced(by: -AdmissionGenerator.warmUpDays - 1)...parameters.endDate
            .advanced(by: max(parameters.forwardScheduleDays, 0) + 1))
        let window = clock.timestamp(dayNumber: parameters.startDate.dayNumber, secondOfDay: 0).secondsSinceEpoch
            ... clock.timestamp(dayNumber: parameters.endDate.dayNumber, secondOfDay: 86_399).secondsSinceEpoch
        // About 460 events per site and day at the default catalogue size; reserving avoids regrowing the buffer.
        let itemScale = Double(max(parameters.consumables + parameters.implants + parameters.pharmacyItems, 1)) / 320
        let expected = Double(max(parameters.historyDays, 1) * layout.sites.count) * (150 + 330 * itemScale)
        var log = EventLog(window: window, capacity: Int(expected))

        let admissions = AdmissionGenerator(parameters: parameters, layout: layout, clock: clock, log: &log)
        let surgery = SurgeryGenerator(parameters: parameters, layout: layout, catalog: catalog, procedures: procedures,
                                       inpatients: admissions.surgicalInpatients, clock: clock, log: &log)
        let wards = WardUsageGenerator(parameters: parameters, layout: layout, catalog: catalog, census: admissions.census)
        ReplenishmentSimulator.run(parameters: parameters, layout: layout, catalog: catalog,
                                   demands: surgery.demands + wards.demands, clock: clock, log: &log)
        let events = log.finish()
        let items = catalog.entries.map(\.item)
        return DemoDataset(
            parameters: parameters, sites: layout.sites.map(\.site), locations: layout.locations,
            suppliers: layout.suppliers, items: items, preferenceCards: procedures.lines(catalog: catalog),
            policies: PolicyBuilder.policies(for: items), events: events,
            midnightCensus: admissions.midnightCensus(sites: layout), summary: DemoSummary(events: events))
    }
}
