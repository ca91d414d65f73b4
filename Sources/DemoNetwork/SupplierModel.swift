import Foundation
import SupplyDomain

/// How the demo network's suppliers deliver: a lead time that varies around the item's usual one, now and then
/// a supplier running days late for a while (``SupplierDisruption``), and lots whose expiry is usually far off
/// but now and then close (a short-dated lot).
///
/// Deterministic and keyed: a delivery's lead time depends only on the seed, the site, the supplier and the day
/// the order is placed, and a lot only on the site, item, day and delivery number; so two replenishment policies
/// that order the same thing on the same day see the same delivery.
public struct SupplierModel: Sendable {
    /// Stretches of late deliveries, earliest first.
    public let disruptions: [SupplierDisruption]
    /// Share of deliveries of lot-tracked consumables and drugs that come short-dated.
    public static let shortDatedShare = 0.01
    /// A short-dated lot expires this many days after delivery.
    public static let shortDatedDays = 20...45

    private let seed: UInt64

    init(parameters: DemoParameters, suppliers: [Supplier]) {
        seed = parameters.seed
        // About one disruption every four months somewhere in the network, from the first day of history to well
        // past its end, so that a simulation run forward meets them too.
        var random = SeededGenerator(seed: parameters.seed, stream: 600)
        var day = parameters.startDate.dayNumber + random.int(in: 20...90)
        let last = parameters.endDate.dayNumber + 400
        var disruptions: [SupplierDisruption] = []
        while day <= last && !suppliers.isEmpty {
            let supplier = suppliers[random.int(in: 0...(suppliers.count - 1))].id
            let length = random.int(in: 7...12)
            disruptions.append(SupplierDisruption(
                supplier: supplier, from: LocalDate(dayNumber: day), through: LocalDate(dayNumber: day + length - 1),
                extraDays: random.int(in: 3...6)))
            day += length + random.int(in: 90...150)
        }
        self.disruptions = disruptions
    }

    /// Whole days from placing an order to its delivery: the usual lead time plus a normal deviation of
    /// `standardDeviation` days (at least one day in all), plus the delay of a disruption the order falls in.
    public func leadTimeDays(site: String, supplier: String, leadTime: Double, standardDeviation: Double,
                             orderedOn day: LocalDate) -> Int {
        var random = SeededGenerator(seed: seed, stream: Self.key("lead", site, supplier, day.dayNumber))
        let usual = max(1, Int((leadTime + standardDeviation * random.normal()).rounded()))
        return usual + delay(supplier: supplier, orderedOn: day)
    }

    /// Extra days of a disruption for an order placed with `supplier` on `day` (zero outside disruptions).
    public func delay(supplier: String, orderedOn day: LocalDate) -> Int {
        disruptions.first { $0.supplier == supplier && $0.from <= day && day <= $0.through }?.extraDays ?? 0
    }

    /// The lot number and expiry of a delivery of a lot-tracked item (nil for untracked items); `delivery`
    /// tells apart several deliveries of the item to the site on one day.
    public func lot(site: String, item: Item, deliveredOn day: LocalDate, delivery: Int) -> (lot: String, expiry: LocalDate)? {
        guard item.lotTracked else { return nil }
        var random = SeededGenerator(seed: seed, stream: Self.key("lot", site, item.id, day.dayNumber) &+ UInt64(delivery))
        let lot = "L" + String(GS1.yymmdd(day).prefix(4)) + pad(random.int(in: 0...99_999), 5)
        let shelfLife = item.isImplant ? 730...1825 : item.category == "pharmacy" ? 270...900 : 365...1095
        let shortDated = !item.isImplant && random.chance(Self.shortDatedShare)
        return (lot, day.advanced(by: random.int(in: shortDated ? Self.shortDatedDays : shelfLife)))
    }

    /// A random stream number from text and a day (FNV-1a over the bytes, the same on every platform).
    private static func key(_ kind: String, _ site: String, _ subject: String, _ day: Int) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in (kind + "|" + site + "|" + subject).utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        return hash ^ (UInt64(bitPattern: Int64(day)) &* 0x9E37_79B9_7F4A_7C15)
    }
}
