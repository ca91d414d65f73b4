import DemoNetwork
import Foundation
import Planning
import Store
import SupplyDomain

/// Runs the demo network forward in a closed loop, serving the same demand with SupplyCast and with the two
/// policies hospitals use today (``ParLevelRule``, ``MonthlyConsumptionRule``).
///
/// The history is generated and ingested as `supplycast demo` does (the demo's own replenishment); the three
/// policies start from its closing shelves, and the orders it still had in flight arrive on the first morning
/// for all three. Then, each simulated day:
/// - a planner approves the requisitions that waited overnight (they count as ordered that morning);
/// - lots past their expiry day are written off; deliveries due that day arrive;
/// - every use of the day, in time order, takes stock first-expiry-first-out from each policy's own shelf (the
///   truth). What a shelf lacks comes on an emergency loan, used at once, so the demand history stays what was
///   really used: the units count as short, the day as a stockout day, and the case (if any) as short;
/// - SupplyCast is sent that day's admissions, case changes, receipts (loans included), usage and write-offs;
/// - each night SupplyCast's planning run decides per site; requisitions within the approval threshold are
///   ordered that night, the rest the next morning. The baselines review every site × item the same night.
///   An order arrives after a lead time ``SupplierModel`` draws for its site, supplier and day, the same for
///   every policy that orders from that supplier that day (disruptions included).
public struct ClosedLoopSimulation: Sendable {
    public var options: SimulationOptions

    /// The policies, in report order.
    public static let policies = ["supplycast", "par-levels", "amc"]

    public init(options: SimulationOptions) {
        self.options = options
    }

    // MARK: - Running

    /// Runs the simulation; `progress` hears of each step and each simulated day.
    public func run(progress: @Sendable (SimulationProgress) -> Void = { _ in }) throws -> SimulationOutcome {
        let started = ContinuousClock.now
        var timings = SimulationTimings()
        let historyEnd = options.network.endDate
        let firstDay = options.firstDay
        let lastDay = options.lastDay
        let lookahead = max(options.lookaheadDays, 0)

        progress(.preparing("generating the demo network (seed \(options.network.seed)) and its history…"))
        let stream = DemoNetwork.demandStream(options.streamParameters)
        let allSites = stream.sites.map(\.id)
        let sites = options.sites ?? allSites
        for site in sites where !allSites.contains(site) {
            throw SimulationError.unknownSite(site, known: allSites)
        }
        let siteSet = Set(sites)
        let baseline = DemoNetwork.replenishment(of: stream, through: historyEnd)
        let endOfHistory = stream.timestamp(historyEnd, secondOfDay: 86_399).secondsSinceEpoch
        let endOfSimulation = stream.timestamp(lastDay, secondOfDay: 86_399).secondsSinceEpoch
        let history = Self.merged(
            stream.scheduleEvents.filter { $0.occurredAt.secondsSinceEpoch <= endOfHistory && siteSet.contains($0.site) },
            baseline.events.filter { siteSet.contains($0.site) })
        var scheduleByDay: [Int: [SupplyEvent]] = [:]
        for event in stream.scheduleEvents where siteSet.contains(event.site) {
            let instant = event.occurredAt.secondsSinceEpoch
            guard instant > endOfHistory && instant <= endOfSimulation else { continue }
            scheduleByDay[event.occurredAt.localDate.dayNumber, default: []].append(event)
        }
        let trailingStart = historyEnd.advanced(by: -(ParLevelRule().trailingDays - 1))
        let demands = stream.demands(from: trailingStart, through: lastDay.advanced(by: lookahead))
            .filter { siteSet.contains($0.site) }
        var demandsByDay: [Int: [UsageDemand]] = [:]
        for demand in demands where demand.day >= firstDay && demand.day <= lastDay {
            demandsByDay[demand.day.dayNumber, default: []].append(demand)
        }
        let catalog = SimulationCatalog(stream: stream, demands: demands)
        let table = DemandTable(demands, from: trailingStart, through: lastDay.advanced(by: lookahead))
        let siteItems = sites.flatMap { site in stream.items.map { SiteItem(site: site, item: $0.id) } }.sorted()

        // Every policy starts from the history's closing shelves; what the history had ordered arrives on the
        // first morning, for all of them.
        let emptied = Set(options.emptiedAtStart)
        let opening = baseline.closingStock.filter {
            siteSet.contains($0.site) && !emptied.contains(SiteItem(site: $0.site, item: $0.item))
        }
        var ledgers = Self.policies.map {
            PolicyLedger(policy: $0, catalog: catalog, suppliers: stream.supplierModel, opening: opening)
        }
        for delivery in baseline.deliveriesInFlight {
            let siteItem = SiteItem(site: delivery.site, item: delivery.item)
            guard siteSet.contains(delivery.site), !emptied.contains(siteItem) else { continue }
            let line = PlacedOrderLine(
                siteItem: siteItem, supplier: catalog.item(siteItem).supplier ?? "", reference: delivery.po, line: 1,
                quantity: delivery.quantity, placedDay: historyEnd, arrivalDay: firstDay, urgent: false)
            for index in ledgers.indices { ledgers[index].place(line, own: false) }
        }
        let openingStock = ledgers[0].closingStock
        let openingValue = ledgers[0].inventoryValue
        for index in ledgers.indices { ledgers[index].closeDay(historyEnd, valued: false) }
        timings.generating = Self.seconds(since: started)

        // SupplyCast, fed the history like `supplycast demo` feeds it.
        let temporary = options.databasePath == nil
            ? FileManager.default.temporaryDirectory.appendingPathComponent("supplycast-simulation-\(UUID().uuidString)")
            : nil
        defer { if let temporary { try? FileManager.default.removeItem(at: temporary) } }
        let path = options.databasePath ?? temporary!.appendingPathComponent("supplycast.sqlite").path
        let store = try SupplyStore(path: path)
        let operations = SupplyCastOperator(store: store, forecast: options.forecast,
                                            approvalThreshold: options.approvalThreshold, sites: sites)
        try operations.importMasterData(of: stream)
        let ingestStarted = ContinuousClock.now
        // The history arrives as a feed delivers it, day by day, each day's events received that evening: what the
        // append path judges against "today" (cases about to start) is judged on the day the events happened.
        progress(.ingesting(done: 0, total: history.count))
        var ingested = 0
        var dayStart = 0
        while dayStart < history.count {
            let day = history[dayStart].occurredAt.localDate
            var dayEnd = dayStart + 1
            while dayEnd < history.count && history[dayEnd].occurredAt.localDate == day { dayEnd += 1 }
            try operations.ingest(Array(history[dayStart..<dayEnd]), receivedAt: Self.moment(stream, day, 82_800))
            ingested = dayEnd
            progress(.ingesting(done: ingested, total: history.count))
            dayStart = dayEnd
        }
        timings.ingesting = Self.seconds(since: ingestStarted)

        var writer = ShelfEventWriter(stream: stream, catalog: catalog, history: history)
        var alerts = AlertLog()
        var awaitingApproval: [Requisition] = []
        var requisitionsRaised = 0
        var requisitionLines: [String: [PlacedOrderLine]] = [:]
        var reasons: [SiteItem: [(day: LocalDate, text: String)]] = [:]
        var purchaseOrders = Array(repeating: 0, count: ledgers.count)
        var appended: [SupplyEvent] = []
        var cases: [String: (day: LocalDate, implant: Bool)] = [:]

        /// SupplyCast's requisition is ordered: each line arrives after the lead time drawn for its day.
        func order(_ requisition: Requisition, on day: LocalDate) {
            for line in requisition.lines {
                let siteItem = SiteItem(site: requisition.site, item: line.item)
                let policy = catalog.policy(siteItem)
                let lead = stream.supplierModel.leadTimeDays(
                    site: requisition.site, supplier: requisition.supplier, leadTime: policy.leadTimeDays,
                    standardDeviation: policy.leadTimeStdDevDays, orderedOn: day)
                let placed = PlacedOrderLine(
                    siteItem: siteItem, supplier: requisition.supplier, reference: requisition.id, line: line.line,
                    quantity: Int(line.quantity.rounded(.up)), placedDay: day, arrivalDay: day.advanced(by: lead),
                    urgent: line.priority == .urgent)
                ledgers[0].place(placed)
                requisitionLines[requisition.id, default: []].append(placed)
            }
        }

        /// A baseline's evening review of every site × item; one purchase order per site and supplier.
        func review(_ index: Int, _ rule: any ReplenishmentRule, on day: LocalDate) {
            var linesPerOrder: [String: Int] = [:]
            for siteItem in siteItems {
                let policy = catalog.policy(siteItem)
                let onHand = ledgers[index].usable(siteItem, on: day.advanced(by: 1))
                let trailing = table.units(siteItem, from: day.advanced(by: -(rule.trailingDays - 1)), through: day)
                let quantity = rule.order(onHand: onHand, onOrder: ledgers[index].onOrder(siteItem), trailingUse: trailing,
                                          constraints: OrderConstraints(policy))
                guard quantity > 0 else { continue }
                let supplier = catalog.item(siteItem).supplier ?? ""
                let key = siteItem.site + "-" + supplier
                let number = (linesPerOrder[key] ?? 0) + 1
                linesPerOrder[key] = number
                let lead = stream.supplierModel.leadTimeDays(
                    site: siteItem.site, supplier: supplier, leadTime: policy.leadTimeDays,
                    standardDeviation: policy.leadTimeStdDevDays, orderedOn: day)
                let expectedBeforeArrival = Double(trailing) / Double(rule.trailingDays) * policy.leadTimeDays
                ledgers[index].place(PlacedOrderLine(
                    siteItem: siteItem, supplier: supplier, reference: "\(rule.name)-\(key)-\(day)", line: number,
                    quantity: quantity, placedDay: day, arrivalDay: day.advanced(by: lead),
                    urgent: Double(onHand) < expectedBeforeArrival))
            }
            purchaseOrders[index] += linesPerOrder.count
        }

        /// The night: SupplyCast plans every site, the baselines review, and the alerts of the day are read.
        func night(_ day: LocalDate) throws -> (lines: Int, alerts: Int, seconds: Double) {
            let planningStarted = ContinuousClock.now
            let runs = try operations.planNight(day, at: Self.moment(stream, day, 84_600))
            let planningSeconds = Self.seconds(since: planningStarted)
            timings.planning += planningSeconds
            timings.planningRuns += runs.count
            var lines = 0
            for (record, requisitions) in runs {
                guard record.status == .succeeded else {
                    throw SimulationError.planningRunFailed(site: record.site, day: day.description,
                                                            error: record.error ?? record.status.rawValue)
                }
                for requisition in requisitions {
                    requisitionsRaised += 1
                    lines += requisition.lines.count
                    for line in requisition.lines {
                        reasons[SiteItem(site: requisition.site, item: line.item), default: []].append(
                            (day, "\(day) \(requisition.id) line \(line.line) (\(requisition.status.rawValue), "
                                + "\(line.priority.rawValue)): \(line.reason.summary)"))
                    }
                    if requisition.status == .pendingApproval {
                        awaitingApproval.append(requisition)
                    } else if Requisition.Status.open.contains(requisition.status) {
                        order(requisition, on: day)
                    }
                }
            }
            review(1, ParLevelRule(), on: day)
            review(2, MonthlyConsumptionRule(), on: day)
            let changed = try store.alerts(changedSince: Self.moment(stream, day, 0)).filter {
                $0.site.map(siteSet.contains) ?? false
            }
            let live = try store.alerts(includeResolved: false, limit: Int(Int32.max)).filter {
                $0.site.map(siteSet.contains) ?? false
            }
            let before = alerts.changesPerSiteNight.values.reduce(0) { $0 + $1.reduce(0, +) }
            alerts.record(night: day, sites: sites, changed: changed, live: live)
            let after = alerts.changesPerSiteNight.values.reduce(0) { $0 + $1.reduce(0, +) }
            return (lines, after - before, planningSeconds)
        }

        // An emptied shelf is counted to zero on the first morning, so SupplyCast knows what the shelves hold.
        for batch in baseline.closingStock where siteSet.contains(batch.site) && emptied.contains(SiteItem(site: batch.site, item: batch.item)) {
            writer.writeOff(SiteItem(site: batch.site, item: batch.item), StockShelf.Batch(
                lot: batch.lot, expiry: batch.expiry, serial: batch.serial, location: batch.location,
                quantity: batch.quantity, sequence: 0), on: firstDay)
        }
        _ = try night(historyEnd)
        var day = firstDay
        var index = 0
        while day <= lastDay {
            let dayStarted = ContinuousClock.now
            index += 1
            for requisition in awaitingApproval {
                try operations.approve(requisition, at: Self.moment(stream, day, 27_000))
                order(requisition, on: day)
            }
            awaitingApproval = []
            for policy in ledgers.indices {
                let morning = ledgers[policy].openDay(day)
                guard policy == 0 else { continue }
                for (siteItem, batch) in morning.writtenOff { writer.writeOff(siteItem, batch, on: day) }
                for (number, delivery) in morning.received.enumerated() {
                    writer.receipt(delivery.line, delivery.batches, on: day, index: number)
                }
            }
            let shortBefore = ledgers.map(\.shortCases.count)
            for demand in demandsByDay[day.dayNumber] ?? [] {
                if let caseId = demand.caseId {
                    let subject = demand.site + "/" + caseId
                    let implant = catalog.items[demand.item]?.isImplant ?? false
                    cases[subject] = (day, (cases[subject]?.implant ?? false) || implant)
                }
                for policy in ledgers.indices {
                    let served = ledgers[policy].serve(demand)
                    if policy == 0 { writer.use(demand, served) }
                }
            }
            for policy in ledgers.indices { ledgers[policy].closeDay(day) }
            let events = Self.merged(scheduleByDay[day.dayNumber] ?? [], writer.drain())
            let appendStarted = ContinuousClock.now
            try operations.ingest(events, receivedAt: Self.moment(stream, day, 82_800))
            timings.appending += Self.seconds(since: appendStarted)
            if options.keepEvents { appended += events }
            let night = day < lastDay ? try night(day) : (lines: 0, alerts: 0, seconds: 0)
            progress(.day(DayProgress(
                index: index, count: firstDay.distance(to: lastDay) + 1, day: day,
                shortCases: zip(Self.policies, zip(ledgers, shortBefore)).map { ($0, $1.0.shortCases.count - $1.1) },
                planned: day < lastDay, linesRaised: night.lines, alertsChanged: night.alerts, planningSeconds: night.seconds,
                seconds: Self.seconds(since: dayStarted))))
            day = day.advanced(by: 1)
        }

        // MARK: Figures
        let nights = Double(firstDay.distance(to: lastDay) + 1)
        let implantCases = Set(cases.filter(\.value.implant).keys)
        var reports: [PolicyReport] = []
        for (policy, ledger) in ledgers.enumerated() {
            let judged = policy == 0 ? Self.alertScores(ledger: ledger, alerts: alerts, catalog: catalog, table: table,
                                                         firstNight: historyEnd) : nil
            let changes = alerts.changesPerSiteNight.values.flatMap { $0 }
            let orders = policy == 0 ? requisitionsRaised : purchaseOrders[policy]
            let urgent = ledger.lines.filter(\.urgent).count
            reports.append(PolicyReport(
                policy: ledger.policy,
                caseServiceLevel: Self.share(cases.count - ledger.shortCases.count, of: cases.count),
                implantCaseServiceLevel: Self.share(
                    implantCases.count - ledger.shortCases.keys.filter(implantCases.contains).count, of: implantCases.count),
                fillRate: Self.share(ledger.unitsDemanded - ledger.unitsShort, of: ledger.unitsDemanded),
                stockoutDays: ledger.shortfalls.values.reduce(0) { $0 + $1.count },
                averageInventoryValue: ledger.inventoryValues.reduce(0, +) / Double(max(ledger.inventoryValues.count, 1)),
                ordersPerWeek: Double(orders) / (nights / 7),
                urgentShare: Self.share(urgent, of: ledger.lines.count),
                alertsPerSiteNight: policy == 0 ? Double(changes.reduce(0, +)) / Double(max(changes.count, 1)) : 0,
                alertPrecision: judged?.precision, alertRecall: judged?.recall,
                cases: cases.count, shortCases: ledger.shortCases.count, implantCases: implantCases.count,
                shortImplantCases: ledger.shortCases.keys.filter(implantCases.contains).count,
                unitsUsed: ledger.unitsDemanded, unitsShort: ledger.unitsShort, orders: orders,
                orderLines: ledger.lines.count, urgentLines: urgent, criticalAlerts: policy == 0 ? alerts.critical.count : 0,
                shortfallsJudged: judged?.judged ?? 0,
                worstItems: Self.worstItems(ledger, catalog: catalog, reasons: policy == 0 ? reasons : nil),
                averageInventoryValueByCategory: ledger.inventoryValueByCategory.mapValues {
                    $0 / Double(max(ledger.inventoryValues.count, 1))
                }))
        }
        let report = SimulationReport(
            seed: options.network.seed, sites: sites, historyDays: options.network.historyDays,
            firstDay: firstDay.description, lastDay: lastDay.description, days: firstDay.distance(to: lastDay) + 1, policies: reports,
            trouble: Self.trouble(stream, sites: siteSet, from: historyEnd, through: lastDay),
            openingInventoryValue: openingValue)
        timings.total = Self.seconds(since: started)
        timings.other = max(0, timings.total - timings.generating - timings.ingesting - timings.appending - timings.planning)
        return SimulationOutcome(
            report: report, timings: timings,
            policies: ledgers.map {
                PolicyOutcome(policy: $0.policy, openingStock: openingStock, closingStock: $0.closingStock,
                              flows: $0.flows, lines: $0.lines, shortCases: $0.shortCases)
            },
            appendedEvents: appended, cases: cases, requisitionLines: requisitionLines)
    }

    // MARK: - Judging the alerts

    /// Precision: of the critical alerts, the share after which the site × item it names would have run short had
    /// no one acted. The counterfactual replays the item from the alert's night with its usable stock then, the
    /// true demand of the following days, and only the deliveries of orders already placed by that night; for a
    /// case at risk through the case day, for a projected shortage through the lead time and the review day.
    /// Recall: of the shortfalls, the share a live shortage or case alert named in time: on the night a lead time
    /// before the shortfall, or for a case that went short, on the night before its day. Shortfalls too early for
    /// any night of the simulation to have announced them are not judged.
    static func alertScores(ledger: PolicyLedger, alerts: AlertLog, catalog: SimulationCatalog, table: DemandTable,
                            firstNight: LocalDate) -> (precision: Double?, recall: Double?, judged: Int) {
        var deliveries: [SiteItem: [PlacedOrderLine]] = [:]
        for line in ledger.allLines { deliveries[line.siteItem, default: []].append(line) }
        func wouldRunShort(_ siteItem: SiteItem, night: LocalDate, through end: LocalDate) -> Bool {
            var stock = ledger.usableAtNight[night.dayNumber]?[siteItem] ?? 0
            let arriving = (deliveries[siteItem] ?? []).filter { $0.placedDay <= night && $0.arrivalDay > night }
            var day = night.advanced(by: 1)
            while day <= min(end, table.lastDay) {
                stock += arriving.reduce(0) { $0 + ($1.arrivalDay == day ? $1.quantity : 0) }
                stock -= table.units(siteItem, on: day)
                if stock < 0 { return true }
                day = day.advanced(by: 1)
            }
            return false
        }
        var followed = 0
        for alert in alerts.critical where alert.siteItems.contains(where: { siteItem in
            let lead = Int(catalog.policy(siteItem).leadTimeDays.rounded(.up))
            return wouldRunShort(siteItem, night: alert.night, through: alert.caseDay ?? alert.night.advanced(by: lead + 1))
        }) {
            followed += 1
        }
        var judged = 0
        var announced = 0
        for (siteItem, days) in ledger.shortfalls {
            let lead = Int(catalog.policy(siteItem).leadTimeDays.rounded(.up))
            for (dayNumber, cases) in days {
                let day = LocalDate(dayNumber: dayNumber)
                let byItemNight = day.advanced(by: -lead)
                let caseNight = day.advanced(by: -1)
                guard byItemNight >= firstNight || (!cases.isEmpty && caseNight >= firstNight) else { continue }
                judged += 1
                let byItem = alerts.liveItems[byItemNight.dayNumber]?.contains(siteItem) ?? false
                let byCase = !cases.isEmpty && ((alerts.liveItems[caseNight.dayNumber]?.contains(siteItem) ?? false)
                    || cases.contains { alerts.liveCases[caseNight.dayNumber]?.contains($0) ?? false })
                if byItem || byCase { announced += 1 }
            }
        }
        return (alerts.critical.isEmpty ? nil : Double(followed) / Double(alerts.critical.count),
                judged == 0 ? nil : Double(announced) / Double(judged), judged)
    }

    // MARK: - Helpers

    static func worstItems(_ ledger: PolicyLedger, catalog: SimulationCatalog,
                           reasons: [SiteItem: [(day: LocalDate, text: String)]]?) -> [ItemShortfall] {
        ledger.shortfalls.keys.sorted {
            (ledger.shortUnits[$0] ?? 0, $1) > (ledger.shortUnits[$1] ?? 0, $0)
        }.prefix(10).map { siteItem in
            let days = ledger.shortfalls[siteItem] ?? [:]
            let first = LocalDate(dayNumber: days.keys.min() ?? 0)
            let item = catalog.item(siteItem)
            var before: String?
            if let reasons {
                before = reasons[siteItem]?.last { $0.day < first }?.text
            } else if let line = ledger.lines.last(where: { $0.siteItem == siteItem && $0.placedDay < first }) {
                before = "\(line.placedDay) \(line.reference) line \(line.line): \(line.quantity) units, arriving \(line.arrivalDay)"
            }
            return ItemShortfall(
                site: siteItem.site, item: siteItem.item, name: item.name, category: item.category,
                stockoutDays: days.count, unitsShort: ledger.shortUnits[siteItem] ?? 0,
                shortCases: days.values.reduce(into: Set<String>()) { $0.formUnion($1) }.count,
                lastOrderBefore: before ?? "no order before the first shortfall (\(first))")
        }
    }

    static func trouble(_ stream: DemandStream, sites: Set<String>, from: LocalDate, through: LocalDate) -> [String] {
        let late = stream.supplierModel.disruptions.filter { $0.through >= from && $0.from <= through }.map {
            "supplier \($0.supplier) delivers \($0.extraDays) days late for orders placed \($0.from)…\($0.through)"
        }
        let surges = stream.surges.filter { sites.contains($0.site) && $0.through >= from && $0.from <= through }.map {
            "\($0.site): waiting-list initiative \($0.from)…\($0.through), "
                + "\(Int((($0.caseFactor - 1) * 100).rounded())) % more elective cases, most of the extra \($0.procedure)"
        }
        return late + surges
    }

    static func share(_ part: Int, of whole: Int) -> Double {
        whole == 0 ? 1 : Double(part) / Double(whole)
    }

    static func moment(_ stream: DemandStream, _ day: LocalDate, _ second: Int) -> Date {
        stream.timestamp(day, secondOfDay: second).date
    }

    static func seconds(since start: ContinuousClock.Instant) -> Double {
        let duration = ContinuousClock.now - start
        return Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    /// Two time-sorted event lists as one; on equal times the first list's event comes first.
    static func merged(_ first: [SupplyEvent], _ second: [SupplyEvent]) -> [SupplyEvent] {
        var result: [SupplyEvent] = []
        result.reserveCapacity(first.count + second.count)
        var left = 0
        var right = 0
        while left < first.count || right < second.count {
            if right == second.count || (left < first.count
                && first[left].occurredAt.secondsSinceEpoch <= second[right].occurredAt.secondsSinceEpoch) {
                result.append(first[left])
                left += 1
            } else {
                result.append(second[right])
                right += 1
            }
        }
        return result
    }
}
