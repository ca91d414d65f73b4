import DemoNetwork
import SupplyDomain

/// One policy's side of the closed loop: its shelves, the orders it placed and their deliveries, and what became
/// of the demand it served. Every policy serves the same demand with the same suppliers; only its orders differ.
struct PolicyLedger: Sendable {
    /// What one use got: the batches it was served from, and units an emergency loan brought because the shelf
    /// was short of them (used at once, counted as a shortfall).
    struct ServedUse: Sendable {
        var taken: [StockShelf.Batch]
        var loaned: [StockShelf.Batch]
        var missing: Int { loaned.reduce(0) { $0 + $1.quantity } }
    }

    /// What the morning brought: lots written off, and deliveries with the batches they put on the shelf.
    struct Morning: Sendable {
        var writtenOff: [(siteItem: SiteItem, batch: StockShelf.Batch)] = []
        var received: [(line: PlacedOrderLine, batches: [StockShelf.Batch])] = []
    }

    let policy: String
    private let catalog: SimulationCatalog
    private let suppliers: SupplierModel

    private(set) var shelves: [SiteItem: StockShelf] = [:]
    private var deliveries: [Int: [PlacedOrderLine]] = [:]
    private var openQuantity: [SiteItem: Int] = [:]
    private var deliveriesToday: [SiteItem: Int] = [:]
    private var serials = 0
    private var loans = 0

    /// Every line the policy placed, in placing order (orders in flight at the start are not its own).
    private(set) var lines: [PlacedOrderLine] = []
    /// Every line that delivers during the simulation, the policy's own and those in flight at the start.
    private(set) var allLines: [PlacedOrderLine] = []
    private(set) var unitsDemanded = 0
    private(set) var unitsShort = 0
    private(set) var shortUnits: [SiteItem: Int] = [:]
    /// `site/case` → the day of a case that lacked something.
    private(set) var shortCases: [String: LocalDate] = [:]
    /// Per site × item and day (day number) with a shortfall, the cases (`site/case`) it hit.
    private(set) var shortfalls: [SiteItem: [Int: Set<String>]] = [:]
    /// On-hand value at the end of each simulated day.
    private(set) var inventoryValues: [Double] = []
    /// On-hand value per item category, summed over the valued days (divide by `inventoryValues.count`).
    private(set) var inventoryValueByCategory: [String: Double] = [:]
    /// Units received, used (from the shelf), loaned and written off per site × item over the simulation.
    private(set) var flows: [SiteItem: StockFlow] = [:]
    /// Usable units at the end of each night (day number), for replaying what would have happened.
    private(set) var usableAtNight: [Int: [SiteItem: Int]] = [:]

    init(policy: String, catalog: SimulationCatalog, suppliers: SupplierModel, opening: [ShelfBatch]) {
        self.policy = policy
        self.catalog = catalog
        self.suppliers = suppliers
        for batch in opening {
            shelves[SiteItem(site: batch.site, item: batch.item), default: StockShelf()].receive(
                lot: batch.lot, expiry: batch.expiry, serial: batch.serial, location: batch.location,
                quantity: batch.quantity)
        }
        for (siteItem, shelf) in shelves { flows[siteItem, default: StockFlow()].opening = shelf.onHand }
    }

    /// Units on order and not yet delivered.
    func onOrder(_ siteItem: SiteItem) -> Int { openQuantity[siteItem] ?? 0 }

    func usable(_ siteItem: SiteItem, on day: LocalDate) -> Int { shelves[siteItem]?.usable(on: day) ?? 0 }

    /// Books an order line; it arrives on the morning of its arrival day. Lines in flight at the start are not
    /// `own`: they deliver, but do not count as the policy's orders.
    mutating func place(_ line: PlacedOrderLine, own: Bool = true) {
        if own { lines.append(line) }
        allLines.append(line)
        deliveries[line.arrivalDay.dayNumber, default: []].append(line)
        openQuantity[line.siteItem, default: 0] += line.quantity
    }

    /// The morning: lots past their expiry day are written off, then the day's deliveries are put away.
    mutating func openDay(_ day: LocalDate) -> Morning {
        var morning = Morning()
        deliveriesToday = [:]
        for siteItem in shelves.keys.sorted() {
            for batch in shelves[siteItem]!.writeOff(expiredBefore: day) {
                morning.writtenOff.append((siteItem, batch))
                flows[siteItem, default: StockFlow()].writtenOff += batch.quantity
            }
        }
        for line in deliveries.removeValue(forKey: day.dayNumber) ?? [] {
            openQuantity[line.siteItem, default: 0] -= line.quantity
            let batches = receive(line.siteItem, quantity: line.quantity, on: day)
            flows[line.siteItem, default: StockFlow()].received += line.quantity
            morning.received.append((line, batches))
        }
        return morning
    }

    /// Serves one use from the shelf; what the shelf lacks comes on an emergency loan and counts as a shortfall.
    mutating func serve(_ demand: UsageDemand) -> ServedUse {
        let siteItem = SiteItem(site: demand.site, item: demand.item)
        unitsDemanded += demand.quantity
        let (taken, missing) = shelves[siteItem, default: StockShelf()].take(demand.quantity)
        flows[siteItem, default: StockFlow()].used += demand.quantity - missing
        guard missing > 0 else { return ServedUse(taken: taken, loaned: []) }
        unitsShort += missing
        shortUnits[siteItem, default: 0] += missing
        shortfalls[siteItem, default: [:]][demand.day.dayNumber, default: []].formUnion(
            demand.caseId.map { [demand.site + "/" + $0] } ?? [])
        if let caseId = demand.caseId { shortCases[demand.site + "/" + caseId] = demand.day }
        flows[siteItem, default: StockFlow()].loaned += missing
        loans += 1
        let item = catalog.item(siteItem)
        let lot = suppliers.lot(site: demand.site, item: item, deliveredOn: demand.day, delivery: 1000 + loans)
        let units = item.serialTracked ? Array(repeating: 1, count: missing) : [missing]
        let loaned = units.map { quantity -> StockShelf.Batch in
            StockShelf.Batch(lot: lot?.lot, expiry: lot?.expiry, serial: item.serialTracked ? nextSerial(loan: true) : nil,
                             location: demand.location, quantity: quantity, sequence: -1)
        }
        return ServedUse(taken: taken, loaned: loaned)
    }

    /// The evening: records the day's closing stock value (unless `valued` is false, as for the night before the
    /// first simulated day) and what will still be usable tomorrow.
    mutating func closeDay(_ day: LocalDate, valued: Bool = true) {
        var value = 0.0
        var usable: [SiteItem: Int] = [:]
        // Summed in a fixed order, so that the same run gives the same figures to the last digit.
        var byCategory: [String: Double] = [:]
        for siteItem in shelves.keys.sorted() {
            let shelf = shelves[siteItem]!
            let item = catalog.item(siteItem)
            let itemValue = Double(shelf.onHand) * item.unitCost
            value += itemValue
            byCategory[item.category, default: 0] += itemValue
            usable[siteItem] = shelf.usable(on: day.advanced(by: 1))
        }
        if valued {
            inventoryValues.append(value)
            for (category, categoryValue) in byCategory { inventoryValueByCategory[category, default: 0] += categoryValue }
        }
        usableAtNight[day.dayNumber] = usable
    }

    /// On-hand value now, in EUR.
    var inventoryValue: Double {
        shelves.keys.sorted().reduce(0) { $0 + Double(shelves[$1]!.onHand) * catalog.item($1).unitCost }
    }

    /// Units on the shelf now, per site × item.
    var closingStock: [SiteItem: Int] { shelves.mapValues(\.onHand) }

    private mutating func receive(_ siteItem: SiteItem, quantity: Int, on day: LocalDate) -> [StockShelf.Batch] {
        let item = catalog.item(siteItem)
        let delivery = deliveriesToday[siteItem, default: 0]
        deliveriesToday[siteItem] = delivery + 1
        let lot = suppliers.lot(site: siteItem.site, item: item, deliveredOn: day, delivery: delivery)
        let location = catalog.homeLocation(siteItem, default: NetworkLocations.store)
        let units = item.serialTracked ? Array(repeating: 1, count: quantity) : [quantity]
        var batches: [StockShelf.Batch] = []
        for quantity in units {
            let serial = item.serialTracked ? nextSerial(loan: false) : nil
            shelves[siteItem, default: StockShelf()].receive(lot: lot?.lot, expiry: lot?.expiry, serial: serial,
                                                            location: location, quantity: quantity)
            batches.append(StockShelf.Batch(lot: lot?.lot, expiry: lot?.expiry, serial: serial, location: location,
                                            quantity: quantity, sequence: 0))
        }
        return batches
    }

    private mutating func nextSerial(loan: Bool) -> String {
        serials += 1
        let digits = String(serials)
        return (loan ? "LN" : "SM") + String(repeating: "0", count: max(0, 8 - digits.count)) + digits
    }
}
