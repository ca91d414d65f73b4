import Foundation
import SupplyDomain

/// Replays each stock point (site × item × location) day by day to write receipts, invoices, stock counts and
/// the usage events themselves, so that lots and serials used are lots and serials received.
///
/// Policy: order-up-to with a reorder point of lead-time demand plus two standard deviations, orders in pack
/// multiples covering a week (two weeks for cheap items, a month for slow movers), deliveries 07:00–08:00
/// after the supplier's lead time (sometimes a day or three late). An opening delivery on the first day
/// fills every stock point. When a use would take stock below zero an urgent delivery arrives shortly before
/// it, so stock never goes negative. Serial-tracked implants arrive one receipt per unit with its own serial;
/// invoices follow 2–10 days after each delivery; non-implant stock points are counted every 13 weeks, with
/// occasional small shrinkage.
struct ReplenishmentSimulator {
    /// A received batch still (partly) on the shelf.
    private struct Batch {
        var lot: String?
        var expiry: LocalDate?
        var serial: String?
        var remaining: Int
    }

    private struct Order {
        var po: String
        var arrivalDay: Int
        var quantity: Int
    }

    /// What the shelves hold and which orders are on their way at the end of the last day.
    struct Closing {
        var stock: [ShelfBatch] = []
        var deliveries: [DeliveryInFlight] = []
    }

    /// Replays every stock point from the first day of history through `lastDay`; uses after it are left alone.
    static func run(parameters: DemoParameters, through lastDay: LocalDate, layout: NetworkLayout, catalog: Catalog,
                    demands: [Demand], clock: LocalClock, log: inout EventLog) -> Closing {
        let start = parameters.startDate.dayNumber
        let end = lastDay.dayNumber
        let days = end - start + 1
        let locationIds = [NetworkLayout.theatreLocation, NetworkLayout.pharmacyLocation] + NetworkLayout.wards.map(\.id)
        let locationIndex = Dictionary(uniqueKeysWithValues: locationIds.enumerated().map { ($1, $0) })
        let itemCount = catalog.entries.count

        // Stock points, in a fixed order, each with its uses in time order.
        var streams: [Int: [Int]] = [:]
        for (index, demand) in demands.enumerated() {
            let key = (demand.site * itemCount + demand.item) * locationIds.count + locationIndex[demand.location]!
            streams[key, default: []].append(index)
        }

        var poNumbers = [Int](repeating: 0, count: layout.sites.count)
        var invoiceNumbers: [String: Int] = [:]
        var serialNumber = 0
        var random = SeededGenerator(seed: parameters.seed, stream: 400)
        var closing = Closing()

        for key in streams.keys.sorted() {
            var uses = streams[key]!
            uses.sort { (demands[$0].dayNumber, demands[$0].secondOfDay, $0) < (demands[$1].dayNumber, demands[$1].secondOfDay, $1) }
            let location = locationIds[key % locationIds.count]
            let itemIndex = (key / locationIds.count) % itemCount
            let siteIndex = key / locationIds.count / itemCount
            let entry = catalog.entries[itemIndex]
            let item = entry.item
            let site = layout.sites[siteIndex].site.id
            let siteCode = site.lowercased()
            let supplier = item.supplier ?? "S01"
            let pack = max(1, Int(item.packSize))
            let leadTime = max(1, Int((item.leadTimeDays ?? 3).rounded(.up)))

            // Demand statistics set the reorder point and order size.
            var daily = [Double](repeating: 0, count: days)
            for use in uses where demands[use].dayNumber >= start && demands[use].dayNumber <= end {
                daily[demands[use].dayNumber - start] += Double(demands[use].quantity)
            }
            let mean = daily.reduce(0, +) / Double(days)
            let variance = daily.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(max(days - 1, 1))
            let reorderPoint: Int
            let orderUpTo: Int
            if item.serialTracked {
                reorderPoint = Int((mean * Double(leadTime) + 2 * (mean * Double(leadTime)).squareRoot()).rounded(.up)) + 1
                orderUpTo = reorderPoint + max(1, Int((mean * 7).rounded()))
            } else {
                reorderPoint = Int((mean * Double(leadTime) + 2 * variance.squareRoot() * Double(leadTime).squareRoot()).rounded(.up))
                let cover = mean < 0.5 ? 30.0 : item.unitCost < 5 ? 14 : 7
                let quantity = Int(max(mean * cover, 1).rounded(.up))
                orderUpTo = reorderPoint + (quantity + pack - 1) / pack * pack
            }

            var shelf: [Batch] = []
            var front = 0
            var onHand = 0
            var orders: [Order] = []
            let countPhase = random.int(in: 1...91)

            func nextPO() -> String {
                poNumbers[siteIndex] += 1
                return "PO-" + site + "-" + pad(poNumbers[siteIndex], 6)
            }

            func receive(day: Int, second: Int, quantity: Int, po: String, invoiced: Bool) {
                var lot: String?
                var expiry: LocalDate?
                if item.lotTracked {
                    lot = "L" + String(GS1.yymmdd(LocalDate(dayNumber: day)).prefix(4)) + pad(random.int(in: 0...99_999), 5)
                    let shelfLife = item.isImplant ? 730...1825 : entry.role == .pharmacy ? 270...900 : 365...1095
                    expiry = LocalDate(dayNumber: day + random.int(in: shelfLife))
                }
                let receivedAt = clock.timestamp(dayNumber: day, secondOfDay: second)
                var serials: [String?] = []
                if item.serialTracked {
                    for _ in 0..<quantity {
                        serialNumber += 1
                        serials.append("SN" + pad(serialNumber, 8))
                    }
                } else {
                    serials = [nil]
                }
                for (line, serial) in serials.enumerated() {
                    let units = serial == nil ? quantity : 1
                    shelf.append(Batch(lot: lot, expiry: expiry, serial: serial, remaining: units))
                    log.add(source: "erp-" + siteCode, at: receivedAt, site: site,
                            body: .receipt(Receipt(po: po, poLine: String(line + 1), item: item.id, gtin: item.gtin,
                                                   quantity: Double(units), lot: lot, serial: serial, expiry: expiry,
                                                   unitPrice: item.unitCost, supplier: supplier, location: location)))
                }
                onHand += quantity
                guard invoiced else { return }
                let number = (invoiceNumbers[supplier] ?? 0) + 1
                invoiceNumbers[supplier] = number
                let invoice = "INV-" + supplier + "-" + pad(number, 7)
                let invoicedAt = clock.timestamp(dayNumber: day + random.int(in: 2...10), secondOfDay: random.int(in: 32_400...61_199))
                let price = (item.unitCost * (1 + random.normal(standardDeviation: 0.015)) * 100).rounded() / 100
                for (line, serial) in serials.enumerated() {
                    log.add(source: "ap-" + siteCode, at: invoicedAt, site: site,
                            body: .invoice(InvoiceLine(
                                supplier: supplier, invoice: invoice, line: String(line + 1), po: po,
                                poLine: String(line + 1), item: item.id, gtin: item.gtin, lot: lot, serial: serial,
                                quantity: Double(serial == nil ? quantity : 1), unitPrice: max(price, 0), currency: "EUR")))
                }
            }

            receive(day: start, second: 21_600 + random.int(in: 0...1799), quantity: orderUpTo,
                    po: "PO-" + site + "-OPEN-" + pad(key, 6), invoiced: false)

            var cursor = 0
            for day in start...end {
                // Uses of today, in time order.
                let first = cursor
                while cursor < uses.count && demands[uses[cursor]].dayNumber <= day { cursor += 1 }
                let today = uses[first..<cursor]

                // Cycle count at 06:30 every 13 weeks, unless something is used before 07:00 today.
                if !item.serialTracked && (day - start) % 91 == countPhase % 91 && day > start
                    && (today.first.map { demands[$0].secondOfDay >= 25_200 } ?? true) {
                    let countedAt = clock.timestamp(dayNumber: day, secondOfDay: 23_400)
                    var shrink = random.chance(0.15) ? random.int(in: 1...3) : 0
                    var totals: [(lot: String?, quantity: Int)] = []
                    for index in front..<shelf.count where shelf[index].remaining > 0 {
                        let loss = min(shrink, shelf[index].remaining)
                        shelf[index].remaining -= loss
                        shrink -= loss
                        onHand -= loss
                        if item.lotTracked {
                            totals.append((shelf[index].lot, shelf[index].remaining))
                        }
                    }
                    if !item.lotTracked { totals = [(nil, onHand)] }
                    for total in totals {
                        log.add(source: "mm-" + siteCode, at: countedAt, site: site,
                                body: .stockCount(StockCount(item: item.id, lot: total.lot, location: location,
                                                             quantity: Double(total.quantity))))
                    }
                }

                // Deliveries due today arrive between 07:00 and 08:00, interleaved with the uses by time.
                var arrivals = orders.filter { $0.arrivalDay == day }.map { ($0, 25_200 + random.int(in: 0...3599)) }
                arrivals.sort { $0.1 < $1.1 }
                orders.removeAll { $0.arrivalDay == day }
                var nextArrival = 0
                for use in today {
                    let demand = demands[use]
                    while nextArrival < arrivals.count && arrivals[nextArrival].1 <= demand.secondOfDay {
                        let (order, second) = arrivals[nextArrival]
                        receive(day: day, second: second, quantity: order.quantity, po: order.po, invoiced: true)
                        nextArrival += 1
                    }
                    if onHand < demand.quantity {
                        let shortfall = demand.quantity - onHand
                        let urgent = item.serialTracked ? shortfall : (shortfall + pack - 1) / pack * pack
                        receive(day: day, second: max(demand.secondOfDay - random.int(in: 600...2400), 0),
                                quantity: urgent, po: nextPO(), invoiced: true)
                    }
                    // Take from the oldest batches first; a use spanning two lots is written as one event per lot,
                    // as a scanner would record it, so that per-lot balances stay non-negative too.
                    var left = demand.quantity
                    while left > 0 {
                        while shelf[front].remaining == 0 { front += 1 }
                        let batch = shelf[front]
                        var taken = min(left, batch.remaining)
                        shelf[front].remaining -= taken
                        if !item.lotTracked {
                            // Untracked stock is one pool: the rest comes from the next batches in the same event.
                            var rest = left - taken
                            while rest > 0 {
                                while shelf[front].remaining == 0 { front += 1 }
                                let more = min(rest, shelf[front].remaining)
                                shelf[front].remaining -= more
                                rest -= more
                            }
                            taken = left
                        }
                        left -= taken
                        var udi: String?
                        if item.isImplant, let serial = batch.serial, let lot = batch.lot, let expiry = batch.expiry,
                            let gtin = item.gtin, random.chance(0.75) {
                            udi = GS1.udi(gtin: gtin, expiry: expiry, lot: lot, serial: serial)
                        }
                        log.add(source: "mm-" + siteCode, at: clock.timestamp(dayNumber: day, secondOfDay: demand.secondOfDay),
                                site: site,
                                body: .usage(Usage(item: item.id, gtin: udi == nil ? nil : item.gtin, udi: udi,
                                                   quantity: Double(taken), lot: batch.lot, serial: batch.serial,
                                                   expiry: item.isImplant ? batch.expiry : nil, location: location,
                                                   caseId: demand.caseId, encounter: demand.encounter, patient: demand.patient)),
                                correlationId: demand.caseId)
                    }
                    onHand -= demand.quantity
                }
                for (order, second) in arrivals[nextArrival...] {
                    receive(day: day, second: second, quantity: order.quantity, po: order.po, invoiced: true)
                }

                // End-of-day review: order up to the target when the position is at or below the reorder point.
                let position = onHand + orders.reduce(0) { $0 + $1.quantity }
                if position <= reorderPoint {
                    let needed = orderUpTo - position
                    let quantity = item.serialTracked ? max(needed, 1) : max((needed + pack - 1) / pack * pack, pack)
                    let delay = random.chance(0.2) ? (random.chance(0.2) ? 3 : 1) : 0
                    orders.append(Order(po: nextPO(), arrivalDay: day + leadTime + delay, quantity: quantity))
                }
            }
            for batch in shelf[front...] where batch.remaining > 0 {
                closing.stock.append(ShelfBatch(site: site, item: item.id, location: location, lot: batch.lot,
                                                expiry: batch.expiry, serial: batch.serial, quantity: batch.remaining))
            }
            for order in orders {
                closing.deliveries.append(DeliveryInFlight(site: site, item: item.id, location: location, po: order.po,
                                                           arrivalDay: LocalDate(dayNumber: order.arrivalDay),
                                                           quantity: order.quantity))
            }
        }
        return closing
    }
}
