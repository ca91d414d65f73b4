import Foundation
import GRDB
import Logging
import Store
import SupplyDomain

/// Runs planning for a site: forecast, positions, reorder points, requisitions and alerts.
///
/// The forecast is computed outside any transaction; everything the run decides (requisitions with their outbox
/// rows, alerts, the run's record) commits in one write transaction that reads positions afresh, so a need an
/// open requisition already covers raises nothing and running the same run twice changes nothing.
public struct PlanningRun: Sendable {
    public typealias Forecast = @Sendable (_ site: String, _ asOf: LocalDate) throws -> any PlanningRunDemand

    public let store: SupplyStore
    public let forecast: Forecast
    public var settings: PlanningRunSettings
    public var clock: @Sendable () -> Date
    public var logger: Logger

    public init(store: SupplyStore, settings: PlanningRunSettings = .init(), clock: @escaping @Sendable () -> Date = Date.init,
                logger: Logger = Logger(label: "supplycast.planning"), forecast: @escaping Forecast) {
        self.store = store
        self.settings = settings
        self.clock = clock
        self.logger = logger
        self.forecast = forecast
    }

    /// The production run: forecasts from the store with ``SiteForecaster``.
    public init(store: SupplyStore, forecaster: SiteForecaster, settings: PlanningRunSettings = .init(),
                logger: Logger = Logger(label: "supplycast.planning")) {
        self.init(store: store, settings: settings, logger: logger) { site, asOf in
            try forecaster.forecast(site: site, asOf: asOf)
        }
    }

    /// Records the run as started; throws ``PlanningRunConflict`` while another run of the site is going.
    public func begin(site: String, asOf: LocalDate, trigger: String, actor: String) throws -> Int64 {
        try store.beginPlanningRun(site: site, asOf: asOf, trigger: trigger, actor: actor,
                                   processId: ProcessInfo.processInfo.processIdentifier, now: clock())
    }

    /// Carries out a begun run; a failure is recorded on the run, never thrown.
    @discardableResult
    public func execute(runId: Int64) -> PlanningRunRecord? {
        do {
            let record = try store.planningRun(id: runId)
            let started = ContinuousClock.now
            let master = try store.pool.read { db in try PlanningRunMasterData(db, site: record.site) }
            let demand = prepared(try forecast(record.site, record.asOf), master: master)
            let forecastSeconds = Self.seconds(ContinuousClock.now - started)
            let counts = try store.pool.write { db in
                let counts = try plan(db, runId: runId, site: record.site, asOf: record.asOf, demand: demand, master: master)
                try SupplyStore.finishPlanningRun(db, id: runId, counts: counts, forecastSeconds: forecastSeconds, now: clock())
                return counts
            }
            logger.info("planning run finished", metadata: [
                "run": "\(runId)", "site": "\(record.site)", "lines": "\(counts.linesRaised)",
                "requisitions": "\(counts.requisitionsRaised)",
            ])
        } catch {
            logger.error("planning run failed", metadata: ["run": "\(runId)", "error": "\(error)"])
            try? store.failPlanningRun(id: runId, error: "\(error)", now: clock())
        }
        return try? store.planningRun(id: runId)
    }

    /// Begins and executes a run in one go (the CLI's way).
    public func run(site: String, asOf: LocalDate, trigger: String, actor: String) throws -> PlanningRunRecord {
        let id = try begin(site: site, asOf: asOf, trigger: trigger, actor: actor)
        guard let record = execute(runId: id) else { throw StoreError.notFound(what: "planning run", id: "\(id)") }
        return record
    }

    /// The forecast with every lead-time quantile the decisions will need simulated in parallel, outside the
    /// write transaction.
    private func prepared(_ demand: any PlanningRunDemand, master: PlanningRunMasterData) -> any PlanningRunDemand {
        let questions = demand.itemIds.sorted().compactMap { itemId -> PrecomputedDemand.Question? in
            guard let item = master.items[itemId] else { return nil }
            let policy = master.policy(for: item, defaults: settings.defaults)
            return .init(item: itemId, days: ReorderPoint.coverDays(policy), level: policy.serviceLevel)
        }
        return PrecomputedDemand(demand, questions: questions)
    }

    // MARK: - The decision, inside the write transaction

    private func plan(_ db: Database, runId: Int64, site: String, asOf: LocalDate, demand: any PlanningRunDemand,
                      master: PlanningRunMasterData) throws
        -> PlanningRunCounts
    {
        let now = clock()
        let positions = try Inventory.positions(db, site: site, asOf: asOf)
        let openOrders = try Inventory.openOrders(db, site: site)
        let caseNeeds = try Inventory.caseNeeds(db, site: site, after: asOf, through: asOf.advanced(by: 365))
        let itemIds = Set(demand.itemIds).union(positions.keys).union(caseNeeds.keys)
        var counts = PlanningRunCounts()
        var linesBySupplier: [String: [RequisitionLine]] = [:]
        var decisions: [String: (policy: ReorderPointPolicy, decision: ReorderPoint)] = [:]
        for itemId in itemIds.sorted() {
            guard let item = master.items[itemId] else { continue }
            counts.itemsPlanned += 1
            let policy = master.policy(for: item, defaults: settings.defaults)
            let cover = ReorderPoint.coverDays(policy)
            let decision = ReorderPoint.decide(
                policy: policy, asOf: asOf,
                position: positions[itemId] ?? InventoryPosition(site: site, item: itemId),
                arrivals: (openOrders[itemId] ?? []).map { .init(day: $0.expectedArrival, quantity: $0.quantity) },
                caseNeeds: caseNeeds[itemId] ?? [],
                demandQuantile: demand.leadTimeDemand(item: itemId, days: cover, level: policy.serviceLevel),
                dailyMean: demand.dailyMean(item: itemId))
            decisions[itemId] = (policy, decision)
            guard decision.quantity > 0, let supplier = item.supplier else { continue }
            var lines = linesBySupplier[supplier, default: []]
            for delivery in decision.deliveries {
                lines.append(RequisitionLine(
                    line: lines.count + 1, item: itemId, gtin: item.gtin, quantity: delivery.quantity, received: 0,
                    unit: item.unit, unitPrice: item.unitCost, needBy: delivery.needBy,
                    expectedArrival: delivery.expectedArrival,
                    priority: decision.urgent && delivery.needBy < delivery.expectedArrival ? .urgent : .routine,
                    reason: decision.reason))
            }
            linesBySupplier[supplier] = lines
        }
        for (supplier, lines) in linesBySupplier.sorted(by: { $0.key < $1.key }) {
            let items = Set(lines.map(\.item))
            let references = Set(items.flatMap { item in
                (caseNeeds[item] ?? []).filter { $0.day <= (decisions[item]?.decision.expectedArrival ?? asOf) }
                    .map { "case:\(site):\($0.caseId)" }
            }).sorted()
            let draft = Requisitions.Draft(
                id: "RQ-\(runId)-\(site)-\(supplier)", site: site, supplier: supplier,
                priority: lines.contains { $0.priority == .urgent } ? .urgent : .routine,
                needBy: lines.map(\.needBy).min()!, lines: lines, demandReferences: ["forecast"] + references)
            try Requisitions.create(db, draft, runId: runId, approvalThreshold: settings.approvalThreshold,
                                    actor: "planning run \(runId)", now: now)
            counts.requisitionsRaised += 1
            counts.linesRaised += lines.count
        }
        try raiseAlerts(db, site: site, asOf: asOf, decisions: decisions, demand: demand, caseNeeds: caseNeeds,
                        counts: &counts, now: now)
        return counts
    }

    /// Alerts from the site as it stands after this run's requisitions: a shortage that a delivery covers in time
    /// is not a shortage. What still runs short inside an item's cover window raises `shortage.projected`,
    /// critical when a booked case will lack the item, a warning when only forecast (ward) demand will; each
    /// booked case that will lack something raises `case.at_risk`, critical.
    private func raiseAlerts(_ db: Database, site: String, asOf: LocalDate,
                             decisions: [String: (policy: ReorderPointPolicy, decision: ReorderPoint)],
                             demand: any PlanningRunDemand, caseNeeds: [String: [StockProjection.CaseNeed]],
                             counts: inout PlanningRunCounts, now: Date) throws {
        var live: [AlertKind: [String: (AlertSeverity, Data)]] = [.shortageProjected: [:], .caseAtRisk: [:], .lotExpiring: [:]]
        let risks = try Inventory.casesAtRisk(db, site: site, from: asOf.advanced(by: 1),
                                              to: asOf.advanced(by: settings.caseRiskDays))
        var casesShortOf: [String: [ProjectedShortage.CaseShort]] = [:]
        for risk in risks {
            // A case beyond an item's cover window is not at risk yet: the runs of the coming nights order for it
            // in time. Inside the window this run has ordered; what its deliveries still leave short is real.
            let missing = risk.missing.filter { item, _ in
                decisions[item].map { asOf.distance(to: risk.day) <= $0.decision.coverDays } ?? true
            }
            guard !missing.isEmpty else { continue }
            live[.caseAtRisk]![CaseRiskAlerts.subject(site: site, caseId: risk.caseId)] = (
                .critical, try CaseRiskAlerts.payload(site: site, caseId: risk.caseId, day: risk.day, missing: missing))
            for (item, quantity) in missing {
                casesShortOf[item, default: []].append(.init(caseId: risk.caseId, day: risk.day, missing: quantity))
            }
        }
        let positions = try Inventory.positions(db, site: site, asOf: asOf)
        let openOrders = try Inventory.openOrders(db, site: site)
        for (itemId, entry) in decisions.sorted(by: { $0.key < $1.key }) {
            let orders = openOrders[itemId] ?? []
            let needs = caseNeeds[itemId] ?? []
            let position = positions[itemId] ?? InventoryPosition(site: site, item: itemId)
            let daily = demand.dailyMean(item: itemId)
            let unbooked = ReorderPoint.unbookedDaily(dailyMean: daily, caseNeeds: needs, asOf: asOf)
            let projection = StockProjection(
                asOf: asOf, usableOnHand: position.usableOnHand,
                arrivals: orders.map { .init(day: $0.expectedArrival, quantity: $0.quantity) }, caseNeeds: needs,
                unbookedDaily: unbooked, horizon: max(unbooked.count, entry.decision.coverDays))
            let cases = casesShortOf[itemId] ?? []
            guard let stockout = projection.stockoutDay(within: entry.decision.coverDays) ?? cases.first?.day else {
                continue
            }
            let shortage = ProjectedShortage(
                site: site, item: itemId, stockoutDate: stockout, leadTimeDays: entry.policy.leadTimeDays,
                usableOnHand: position.usableOnHand, bookedInWindow: entry.decision.reason.reservationsInWindow,
                onOrder: orders.reduce(0) { $0 + $1.quantity },
                expectedArrival: orders.first?.expectedArrival, coveringRequisition: orders.first?.requisition,
                openRequisitions: orders.map { .init(requisition: $0.requisition, expectedArrival: $0.expectedArrival,
                                                     quantity: $0.quantity, status: $0.status) },
                casesShort: cases)
            live[.shortageProjected]![ProjectedShortage.subject(site: site, item: itemId)] = (
                cases.isEmpty ? .warning : .critical, try shortage.encoded())
        }
        for lot in try Inventory.expiringLots(db, site: site, from: asOf, to: asOf.advanced(by: settings.lotExpiryDays)) {
            live[.lotExpiring]!["\(site)/\(lot.item)/\(lot.lot)"] = (
                asOf.distance(to: lot.expiry) <= 7 ? .warning : .info,
                try LotExpiry(site: site, item: lot.item, lot: lot.lot, expiry: lot.expiry, quantity: lot.quantity).encoded())
        }
        for (kind, alerts) in live.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            for (subject, alert) in alerts.sorted(by: { $0.key < $1.key }) {
                if try Alerts.raise(db, kind: kind, subject: subject, site: site, severity: alert.0, data: alert.1, now: now,
                                    keyDayTolerance: settings.alertDayTolerance).changed {
                    counts.alertsRaised += 1
                }
            }
            counts.alertsResolved += try Alerts.resolveAll(db, kind: kind, site: site, except: Set(alerts.keys), now: now)
        }
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
