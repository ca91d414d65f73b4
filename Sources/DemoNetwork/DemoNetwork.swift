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
        let stream = demandStream(parameters)
        let supply = replenishment(of: stream, through: parameters.endDate)
        let events = merged(stream.scheduleEvents, supply.events)
        return DemoDataset(
            parameters: parameters, sites: stream.sites, locations: stream.locations, suppliers: stream.suppliers,
            items: stream.items, preferenceCards: stream.preferenceCards, policies: stream.policies, events: events,
            midnightCensus: stream.midnightCensus, summary: DemoSummary(events: events))
    }

    /// Master data, admissions, the OR schedule and every use of every item, with no stock decision in them.
    public static func demandStream(_ parameters: DemoParameters) -> DemandStream {
        var random = SeededGenerator(seed: parameters.seed)
        let layout = NetworkLayout(siteCount: parameters.sites)
        let catalog = Catalog(parameters: parameters, suppliers: layout.suppliers, random: &random)
        let procedures = ProcedureCatalog(parameters: parameters, catalog: catalog, random: &random)
        let clock = LocalClock(days: parameters.startDate.advanced(by: -AdmissionGenerator.warmUpDays - 1)...parameters.endDate
            .advanced(by: max(parameters.forwardScheduleDays, 0) + 1))
        // About 150 admission and case events per site and day.
        var log = EventLog(window: window(parameters, through: parameters.endDate, clock: clock),
                           capacity: max(parameters.historyDays, 1) * parameters.sites * 150)
        let admissions = AdmissionGenerator(parameters: parameters, layout: layout, clock: clock, log: &log)
        let surges = SurgeryGenerator.surges(parameters: parameters, layout: layout, procedures: procedures)
        let surgery = SurgeryGenerator(parameters: parameters, layout: layout, catalog: catalog, procedures: procedures,
                                       surges: surges, inpatients: admissions.surgicalInpatients, clock: clock, log: &log)
        let wards = WardUsageGenerator(parameters: parameters, layout: layout, catalog: catalog, census: admissions.census)
        return DemandStream(parameters: parameters, layout: layout, catalog: catalog, procedures: procedures, clock: clock,
                            scheduleEvents: log.finish(), uses: surgery.demands + wards.demands,
                            bookedNeeds: surgery.bookedNeeds, surges: surges,
                            supplierModel: SupplierModel(parameters: parameters, suppliers: layout.suppliers),
                            midnightCensus: admissions.midnightCensus(sites: layout))
    }

    /// The demo's own replenishment of the stream from its first day through `lastDay`: the usage, receipts,
    /// invoices and counts it writes, and the shelves and open orders at the end of `lastDay`.
    public static func replenishment(of stream: DemandStream, through lastDay: LocalDate) -> BaselineReplenishment {
        let parameters = stream.parameters
        let days = max(stream.parameters.startDate.distance(to: lastDay) + 1, 1)
        // About 330 usage, receipt, invoice and count events per site and day at the default catalogue size.
        let itemScale = Double(max(parameters.consumables + parameters.implants + parameters.pharmacyItems, 1)) / 320
        var log = EventLog(window: window(parameters, through: lastDay, clock: stream.clock),
                           capacity: Int(Double(days * parameters.sites) * 330 * itemScale))
        let closing = ReplenishmentSimulator.run(parameters: parameters, through: lastDay, layout: stream.layout,
                                                 catalog: stream.catalog, suppliers: stream.supplierModel,
                                                 demands: stream.uses, bookedNeeds: stream.bookedNeeds,
                                                 clock: stream.clock, log: &log)
        return BaselineReplenishment(events: log.finish(), closingStock: closing.stock,
                                     deliveriesInFlight: closing.deliveries)
    }

    /// Instants from the first day of history to the end of `lastDay`.
    private static func window(_ parameters: DemoParameters, through lastDay: LocalDate, clock: LocalClock)
        -> ClosedRange<Double>
    {
        clock.timestamp(dayNumber: parameters.startDate.dayNumber, secondOfDay: 0).secondsSinceEpoch
            ... clock.timestamp(dayNumber: lastDay.dayNumber, secondOfDay: 86_399).secondsSinceEpoch
    }

    /// Two time-sorted event lists as one; on equal times the schedule's event comes first.
    private static func merged(_ schedule: [SupplyEvent], _ supply: [SupplyEvent]) -> [SupplyEvent] {
        var result: [SupplyEvent] = []
        result.reserveCapacity(schedule.count + supply.count)
        var left = 0
        var right = 0
        while left < schedule.count || right < supply.count {
            if right == supply.count || (left < schedule.count
                && schedule[left].occurredAt.secondsSinceEpoch <= supply[right].occurredAt.secondsSinceEpoch) {
                result.append(schedule[left])
                left += 1
            } else {
                result.append(supply[right])
                right += 1
            }
        }
        return result
    }
}
