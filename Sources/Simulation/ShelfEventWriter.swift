import DemoNetwork
import SupplyDomain

/// Writes what happens on SupplyCast's shelves as the canonical events a hospital's systems send: receipts from
/// the ERP (`erp-<site>`), usage and write-offs from materials management (`mm-<site>`), each with the next id
/// of its feed after the history's.
struct ShelfEventWriter: Sendable {
    private let stream: DemandStream
    private let catalog: SimulationCatalog
    private var sequence: [String: Int] = [:]
    private var loans: [String: Int] = [:]
    private var pending: [(event: SupplyEvent, order: Int)] = []

    /// Continues the numbering of every feed after the events of `history`.
    init(stream: DemandStream, catalog: SimulationCatalog, history: [SupplyEvent]) {
        self.stream = stream
        self.catalog = catalog
        for event in history {
            if let number = Int(event.id.dropFirst(event.source.count + 1)) {
                sequence[event.source] = max(sequence[event.source] ?? 0, number)
            }
        }
    }

    /// What is left of an expired lot is counted to zero at 06:00.
    mutating func writeOff(_ siteItem: SiteItem, _ batch: StockShelf.Batch, on day: LocalDate) {
        add("mm", siteItem.site, day, 21_600, .stockCount(StockCount(
            item: siteItem.item, lot: batch.lot, serial: batch.serial, location: batch.location, quantity: 0)))
    }

    /// A delivery against a requisition (or an order placed before the simulation) is received 07:00–08:00,
    /// one receipt per serial for implants.
    mutating func receipt(_ line: PlacedOrderLine, _ batches: [StockShelf.Batch], on day: LocalDate, index: Int) {
        let item = catalog.item(line.siteItem)
        for (offset, batch) in batches.enumerated() {
            add("erp", line.siteItem.site, day, 25_200 + (index * 53) % 3600, .receipt(Receipt(
                po: line.reference, poLine: batches.count > 1 ? "\(line.line).\(offset + 1)" : String(line.line),
                item: item.id, gtin: item.gtin, quantity: Double(batch.quantity), lot: batch.lot, serial: batch.serial,
                expiry: batch.expiry, unitPrice: item.unitCost, supplier: item.supplier, location: batch.location)))
        }
    }

    /// A use as the scanner records it: one event per batch it came from; units the shelf lacked arrive on an
    /// emergency loan (a receipt a minute before) and are used from it.
    mutating func use(_ demand: UsageDemand, _ served: PolicyLedger.ServedUse) {
        let item = catalog.item(SiteItem(site: demand.site, item: demand.item))
        if !served.loaned.isEmpty {
            let number = (loans[demand.site] ?? 0) + 1
            loans[demand.site] = number
            for (offset, batch) in served.loaned.enumerated() {
                add("erp", demand.site, demand.day, max(demand.secondOfDay - 60, 0), .receipt(Receipt(
                    po: "LOAN-" + demand.site + "-" + String(number), poLine: String(offset + 1), item: item.id,
                    gtin: item.gtin, quantity: Double(batch.quantity), lot: batch.lot, serial: batch.serial,
                    expiry: batch.expiry, unitPrice: item.unitCost, supplier: item.supplier, location: batch.location)))
            }
        }
        var parts: [StockShelf.Batch] = []
        for batch in served.taken + served.loaned {
            if !item.lotTracked, let index = parts.firstIndex(where: { $0.location == batch.location }) {
                parts[index].quantity += batch.quantity
            } else {
                parts.append(batch)
            }
        }
        for part in parts {
            add("mm", demand.site, demand.day, demand.secondOfDay, .usage(Usage(
                item: item.id, quantity: Double(part.quantity), lot: part.lot, serial: part.serial,
                expiry: item.isImplant ? part.expiry : nil, location: part.location, caseId: demand.caseId,
                encounter: demand.encounter, patient: demand.patient)), correlationId: demand.caseId)
        }
    }

    /// The events written since the last call, in time order (ties in writing order).
    mutating func drain() -> [SupplyEvent] {
        let events = pending.sorted {
            ($0.event.occurredAt.secondsSinceEpoch, $0.order) < ($1.event.occurredAt.secondsSinceEpoch, $1.order)
        }.map(\.event)
        pending = []
        return events
    }

    private mutating func add(_ feed: String, _ site: String, _ day: LocalDate, _ second: Int, _ body: EventBody,
                              correlationId: String? = nil) {
        let source = feed + "-" + site.lowercased()
        let number = (sequence[source] ?? 0) + 1
        sequence[source] = number
        pending.append((SupplyEvent(id: source + "-" + String(number), source: source,
                                    occurredAt: stream.timestamp(day, secondOfDay: second), site: site,
                                    correlationId: correlationId, body: body), pending.count))
    }
}
