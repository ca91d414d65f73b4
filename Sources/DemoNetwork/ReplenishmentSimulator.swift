import Foundation
import SupplyDomain

/// Replays each stock point (site × item × location) day by day to write receipts, invoices, stock counts and
/// the usage events themselves, so that lots and serials used are lots and serials received.
///
/// The policy of a well-run hospital, reviewed every evening. The protection window is the lead time, the
/// review day and an allowance for late deliveries (z × the lead time's standard deviation, z = 2.33 for
/// implants and critical items, 1.65 otherwise). The reorder point covers it with the expected card needs of
/// the cases already booked in it (read off the OR list; an implant family's need spread over its sizes by how
/// often each is used), the usual demand not booked yet, and safety stock of z·σ·√window; an order brings the
/// position up to the reorder point plus a cycle of a week (two for cheap items, a month for slow movers) in
/// whole packs. Deliveries arrive 07:00–08:00 after the lead time ``SupplierModel`` draws, with its lots. An
/// opening delivery on the first day fills every stock point. Stock is used first-expiry-first-out; what is left
/// of a lot after its expiry day is written off (counted to zero) at 06:00 the next morning. When a use would
/// take stock below zero, an emergency delivery arrives shortly before it, so stock never goes negative; that
/// happens in trouble (a supplier disruption, a surge of cases, a short-dated lot, a run of bad luck), not every
/// day. Serial-tracked implants arrive one receipt per unit with its own serial; invoices follow 2–10 days after
/// each delivery; non-implant stock points are counted every 13 weeks, with occasional small shrinkage.
struct ReplenishmentSimulator {
    /// A received batch still (partly) on the shelf.
    private struct Batch {
        var lot: String?
        var expiry: LocalDate?
        var serial: String?
        var remaining: Int
        /// Arrival order, which breaks ties between equal expiries.
        var sequence: Int

        var expiryKey: Int { expiry?.dayNumber ?? Int.max }
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
                    suppliers: SupplierModel, demands: [Demand], bookedNeeds: [BookedNeed], clock: LocalClock,
                    log: inout EventLog) -> Closing {
        let start = parameters.startDate.dayNumber
        let end = lastDay.dayNumber
        let days = max(end - start + 1, 1)
        let locationIds = [NetworkLayout.theatreLocation, NetworkLayout.pharmacyLocation] + NetworkLayout.wards.map(\.id)
        let locationIndex = Dictionary(uniqueKeysWithValues: locationIds.enumerated().map { ($1, $0) })
        let theatre = locationIndex[NetworkLayout.theatreLocation]!
        let itemCount = catalog.entries.count

        // Stock points, in a fixed order, each with its uses in time order.
        var streams: [Int: [Int]] = [:]
        for (index, demand) in demands.enumerated() {
            let key = (demand.site * itemCount + demand.item) * locationIds.count + locationIndex[demand.location]!
            streams[key, default: []].append(index)
        }
        // The OR list's expected needs per site × item, for the theatre stock points.
        var booked: [Int: [BookedNeed]] = [:]
        for need in bookedNeeds {
            booked[need.site * itemCount + need.item, default: []].append(need)
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
            let leadTime = item.leadTimeDays ?? 3
            let spread = (leadTime * 25).rounded() / 100
            let z = item.isImplant || item.critical ? 2.33 : 1.65
            let window = max(1, Int((leadTime + 1 + z * spread).rounded(.up)))
            var needs = key % locationIds.count == theatre ? booked[siteIndex * itemCount + itemIndex] ?? [] : []
            needs.sort { $0.dayNumber < $1.dayNumber }

            // Expected needs of the cases booked by the evening of `night` for the window that follows it.
            var windowFirst = 0
            var windowEnd = 0
            func bookedInWindow(night: Int) -> Double {
                while windowFirst < needs.count && needs[windowFirst].dayNumber <= night { windowFirst += 1 }
                windowEnd = max(windowEnd, windowFirst)
                while windowEnd < needs.count && needs[windowEnd].dayNumber <= night + window { windowEnd += 1 }
                var total = 0.0
                for index in windowFirst..<windowEnd where needs[index].bookedDay <= night {
                    total += needs[index].quantity
                }
                return total
            }

            // Demand statistics over the history set the unbooked part, the safety stock and the order size.
            var daily = [Double](repeating: 0, count: days)
            for use in uses where demands[use].dayNumber >= start && demands[use].dayNumber <= end {
                daily[demands[use].dayNumber - start] += Double(demands[use].quantity)
            }
            let mean = daily.reduce(0, +) / Double(days)
            let variance = daily.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(max(days - 1, 1))
            var bookedOnAverage = 0.0
            if !needs.isEmpty {
                for night in start...end { bookedOnAverage += bookedInWindow(night: night) }
                bookedOnAverage /= Double(days)
                windowFirst = 0
                windowEnd = 0
            }
            let unbooked = max(0, mean * Double(window) - bookedOnAverage)
            let safety = z * variance.squareRoot() * Double(window).squareRoot() + (item.serialTracked ? 1 : 0)
            let cycle: Int
            if item.serialTracked {
                cycle = max(1, Int((mean * 7).rounded()))
            } else {
                let cover = mean < 0.5 ? 30.0 : item.unitCost < 5 ? 14 : 7
                cycle = (Int(max(mean * cover, 1).rounded(.up)) + pack - 1) / pack * pack
            }

            var shelf: [Batch] = []
            var received = 0
            var deliveriesToday = 0
            var onHand = 0
            var orders: [Order] = []
            let countPhase = random.int(in: 1...91)

            func nextPO() -> String {
                poNumbers[siteIndex] += 1
                return "PO-" + site + "-" + pad(poNumbers[siteIndex], 6)
            }

            func receive(day: Int, second: Int, quantity: Int, po: String, invoiced: Bool) {
                let date = LocalDate(dayNumber: day)
                let lot = suppliers.lot(site: site, item: item, deliveredOn: date, delivery: deliveriesToday)
                deliveriesToday += 1
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
                    let batch = Batch(lot: lot?.lot, expiry: lot?.expiry, serial: serial, remaining: units, sequence: received)
                    received += 1
                    let place = shelf.firstIndex { ($0.expiryKey, $0.sequence) > (batch.expiryKey, batch.sequence) } ?? shelf.count
                    shelf.insert(batch, at: place)
                    log.add(source: "erp-" + siteCode, at: receivedAt, site: site,
                            body: .receipt(Receipt(po: po, poLine: String(line + 1), item: item.id, gtin: item.gtin,
                                                   quantity: Double(units), lot: lot?.lot, serial: serial,
                                                   expiry: lot?.expiry, unitPrice: item.unitCost, supplier: supplier,
                                                   location: location)))
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
                                poLine: String(line + 1), item: item.id, gtin: item.gtin, lot: lot?.lot, serial: serial,
                                quantity: Double(serial == nil ? quantity : 1), unitPrice: max(price, 0), currency: "EUR")))
                }
            }

            /// Stock per lot, in shelf order (untracked stock is one pool).
            func lotTotals() -> [(lot: String?, quantity: Int)] {
                var totals: [(lot: String?, quantity: Int)] = []
                for batch in shelf {
                    if let index = totals.firstIndex(where: { $0.lot == batch.lot }) {
                        totals[index].quantity += batch.remaining
                    } else {
                        totals.append((batch.lot, batch.remaining))
                    }
                }
                return totals
            }

            let opening = Int((mean * Double(window) + safety).rounded(.up)) + cycle
            receive(day: start, second: 21_600 + random.int(in: 0...1799), quantity: item.serialTracked ? opening
                        : (opening + pack - 1) / pack * pack,
                    po: "PO-" + site + "-OPEN-" + pad(key, 6), invoiced: false)

            var cursor = 0
            for day in start...end {
                if day > start { deliveriesToday = 0 }
                // Uses of today, in time order.
                let first = cursor
                while cursor < uses.count && demands[uses[cursor]].dayNumber <= day { cursor += 1 }
                let today = uses[first..<cursor]

                // What is left of a lot after its expiry day is written off at 06:00.
                let expired = shelf.filter { $0.expiryKey < day }
                if !expired.isEmpty {
                    shelf.removeAll { $0.expiryKey < day }
                    var lots: [String] = []
                    for batch in expired {
                        onHand -= batch.remaining
                        if let lot = batch.lot, !lots.contains(lot) { lots.append(lot) }
                    }
                    for lot in lots where !shelf.contains(where: { $0.lot == lot }) {
                        log.add(source: "mm-" + siteCode, at: clock.timestamp(dayNumber: day, secondOfDay: 21_600), site: site,
                                body: .stockCount(StockCount(item: item.id, lot: lot, location: location, quantity: 0)))
                    }
                }

                // Cycle count at 06:30 every 13 weeks, unless something is used before 07:00 today.
                if !item.serialTracked && (day - start) % 91 == countPhase % 91 && day > start
                    && (today.first.map { demands[$0].secondOfDay >= 25_200 } ?? true) {
                    let countedAt = clock.timestamp(dayNumber: day, secondOfDay: 23_400)
                    var shrink = random.chance(0.15) ? random.int(in: 1...3) : 0
                    for index in shelf.indices where shrink > 0 {
                        let loss = min(shrink, shelf[index].remaining)
                        shelf[index].remaining -= loss
                        shrink -= loss
                        onHand -= loss
                    }
                    shelf.removeAll { $0.remaining == 0 }
                    let totals = item.lotTracked ? lotTotals() : [(lot: nil, quantity: onHand)]
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
                    // Take the batch that expires first; a use spanning two lots is written as one event per lot,
                    // as a scanner would record it, so that per-lot balances stay non-negative too.
                    var left = demand.quantity
                    while left > 0 {
                        let batch = shelf[0]
                        var taken = min(left, batch.remaining)
                        shelf[0].remaining -= taken
                        if shelf[0].remaining == 0 { shelf.removeFirst() }
                        if !item.lotTracked {
                            // Untracked stock is one pool: the rest comes from the next batches in the same event.
                            var rest = left - taken
                            while rest > 0 {
                                let more = min(rest, shelf[0].remaining)
                                shelf[0].remaining -= more
                                if shelf[0].remaining == 0 { shelf.removeFirst() }
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

                // Evening review: order up to the target when the position is at or below the reorder point.
                let reorderPoint = Int((bookedInWindow(night: day) + unbooked + safety).rounded(.up))
                let position = onHand + orders.reduce(0) { $0 + $1.quantity }
                if position <= reorderPoint {
                    let needed = reorderPoint + cycle - position
                    let quantity = item.serialTracked ? max(needed, 1) : max((needed + pack - 1) / pack * pack, pack)
                    let lead = suppliers.leadTimeDays(site: site, supplier: supplier, leadTime: leadTime,
                                                      standardDeviation: spread, orderedOn: LocalDate(dayNumber: day))
                    orders.append(Order(po: nextPO(), arrivalDay: day + lead, quantity: quantity))
                }
            }
            for batch in shelf where batch.remaining > 0 {
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
