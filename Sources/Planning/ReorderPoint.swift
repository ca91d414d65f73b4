import Foundation
import Store
import SupplyDomain

/// The reorder-point decision for one item at one site (pure arithmetic).
///
/// Every unit of demand in the cover window (lead time + review period) is counted once: what booked cases need on
/// their days, plus the forecast of demand not booked yet (the daily forecast less the booked demand of that day,
/// never below zero), plus safety stock for the forecast's spread (its quantile at the service level less its mean)
/// and the lead time's spread, combined as independent variances (``safetyStock(demandSafety:meanDaily:policy:)``). Reorder point and order-up-to are whole units. When usable stock plus
/// what is on order is at or below the reorder point, the line orders up to the order-up-to level in whole packs,
/// at least the MOQ; a maximum per order splits the quantity into several deliveries rather than leaving the need
/// uncovered, so one run covers the need and a second run on the same data orders nothing.
public struct ReorderPoint: Sendable, Hashable {
    /// One delivery of an order (one requisition line).
    public struct Delivery: Sendable, Hashable {
        public var quantity: Double
        public var needBy: LocalDate
        public var expectedArrival: LocalDate
    }

    public var coverDays: Int
    public var reorderPoint: Double
    public var orderUpTo: Double
    /// Zero when stock and orders are above the reorder point.
    public var quantity: Double
    /// The quantity as it will be delivered: one delivery, or several when a maximum per order binds.
    public var deliveries: [Delivery]
    /// The first day projected stock cannot serve demand before this decision's order (nil when none projected).
    public var stockoutDay: LocalDate?
    /// Days until that stockout.
    public var stockoutInDays: Int?
    /// When an order placed now is expected: the planning day plus the lead time.
    public var expectedArrival: LocalDate
    /// The stockout comes before an order placed now could arrive.
    public var urgent: Bool
    public var reason: RequisitionReason

    /// Days of demand the reorder point covers: the lead time and the review period.
    public static func coverDays(_ policy: ReorderPointPolicy) -> Int {
        max(1, Int((policy.leadTimeDays + policy.reviewPeriodDays).rounded(.up)))
    }

    /// Safety stock for demand and lead-time variability together. The two are independent, so their safety stocks
    /// add as variances do (the textbook `z·√(L·σ²_d + d²·σ²_L)`), not as plain sums: adding them outright would
    /// hold stock against both going wrong at once at the full service level, well above what the level asks.
    ///
    /// - Parameters:
    ///   - demandSafety: the forecast quantile at the service level less the mean, over the cover window.
    ///   - meanDaily: mean demand per day over the window.
    public static func safetyStock(demandSafety: Double, meanDaily: Double, policy: ReorderPointPolicy) -> Double {
        let z = policy.leadTimeStdDevDays > 0 ? max(0, standardNormalQuantile(policy.serviceLevel)) : 0
        let leadTimeSafety = z * policy.leadTimeStdDevDays * max(0, meanDaily)
        let demand = max(0, demandSafety)
        return (demand * demand + leadTimeSafety * leadTimeSafety).squareRoot()
    }

    /// Whole days from ordering to arrival.
    public static func leadTimeDays(_ policy: ReorderPointPolicy) -> Int {
        max(0, Int(policy.leadTimeDays.rounded(.up)))
    }

    /// Decides for one item.
    ///
    /// - Parameters:
    ///   - asOf: the planning day (its demand is history); the forecast and the window start the day after.
    ///   - position: the item's position as of `asOf` (usable on hand, on order, reserved, short).
    ///   - arrivals: open orders on their expected days.
    ///   - caseNeeds: what each booked case from the day after `asOf` needs.
    ///   - demandQuantile: the `serviceLevel` quantile of all forecast demand over the cover window.
    ///   - dailyMean: mean forecast of all demand per day from the day after `asOf`.
    public static func decide(
        policy: ReorderPointPolicy, asOf: LocalDate, position: InventoryPosition,
        arrivals: [StockProjection.Arrival], caseNeeds: [StockProjection.CaseNeed],
        demandQuantile: Double, dailyMean: [Double]
    ) -> ReorderPoint {
        let cover = coverDays(policy)
        let lead = leadTimeDays(policy)
        let horizon = max(dailyMean.count, cover)
        let dailyMean = extended(dailyMean, to: horizon)
        let booked = caseNeeds.reduce(0) { total, need in
            let offset = asOf.distance(to: need.day)
            return offset >= 1 && offset <= cover ? total + need.quantity : total
        }
        let unbookedDaily = unbookedDaily(dailyMean: dailyMean, caseNeeds: caseNeeds, asOf: asOf)
        let unbooked = unbookedDaily.prefix(cover).reduce(0, +)
        let meanDemand = dailyMean.prefix(cover).reduce(0, +)
        let safety = safetyStock(demandSafety: demandQuantile - meanDemand, meanDaily: meanDemand / Double(cover),
                                 policy: policy)
        let reorderPoint = wholeUnits(booked + unbooked + safety)
        let perDay = (booked + unbooked) / Double(cover)
        let orderUpTo = wholeUnits(reorderPoint + max(perDay * policy.reviewPeriodDays, policy.packSize))
        let stockAndOrders = position.usableOnHand + position.onOrder

        let before = StockProjection(asOf: asOf, usableOnHand: position.usableOnHand, arrivals: arrivals,
                                     caseNeeds: caseNeeds, unbookedDaily: unbookedDaily, horizon: horizon)
        let stockoutDay = before.stockoutDay
        let expectedArrival = asOf.advanced(by: lead)
        let urgent = stockoutDay.map { $0 < expectedArrival } ?? false

        var constraints: [String] = []
        var quantity = 0.0
        var deliveries: [Delivery] = []
        if stockAndOrders <= reorderPoint {
            let need = orderUpTo - stockAndOrders
            let pack = policy.packSize
            quantity = (need / pack - 1e-9).rounded(.up) * pack
            if quantity != need {
                constraints.append("\(units(need)) needed, rounded up to whole packs of \(units(pack))")
            }
            let minimum = (policy.minimumOrderQuantity / pack - 1e-9).rounded(.up) * pack
            if minimum > quantity {
                constraints.append("raised to the minimum order of \(units(minimum))")
                quantity = minimum
            }
            let needBy = urgent ? max(asOf.advanced(by: 1), stockoutDay!) : expectedArrival
            var chunk = quantity
            if let maximum = policy.maximumQuantity {
                let cap = max(pack, (maximum / pack + 1e-9).rounded(.down) * pack)
                if quantity > cap {
                    chunk = cap
                    let count = Int((quantity / cap).rounded(.up))
                    constraints.append("at most \(units(cap)) per order, so \(count) deliveries")
                }
            }
            let spacing = max(1, perDay > 0 ? Int((chunk / perDay).rounded(.down)) : cover)
            var left = quantity
            var index = 0
            while left > 1e-9 {
                let part = min(chunk, left)
                let due = needBy.advanced(by: index * spacing)
                deliveries.append(Delivery(quantity: part, needBy: due, expectedArrival: max(expectedArrival, due)))
                left -= part
                index += 1
            }
        }

        let stockoutInDays = stockoutDay.map { asOf.distance(to: $0) }
        let reason = RequisitionReason(
            serviceLevel: policy.serviceLevel, leadTimeDays: policy.leadTimeDays,
            reviewPeriodDays: policy.reviewPeriodDays, coverDays: cover, forecastDemand: demandQuantile,
            meanDemand: meanDemand, reservationsInWindow: booked, unbookedDemand: unbooked, safetyStock: safety,
            reorderPoint: reorderPoint, orderUpTo: orderUpTo, stockAndOrders: stockAndOrders, position: position,
            packSize: policy.packSize, minimumOrderQuantity: policy.minimumOrderQuantity,
            maximumQuantity: policy.maximumQuantity, constraints: constraints, deliveries: deliveries.count,
            expectedArrival: expectedArrival, stockoutDate: stockoutDay, stockoutInDays: stockoutInDays,
            overrides: policy.sources,
            summary: summary(policy: policy, cover: cover, booked: booked, unbooked: unbooked, safety: safety,
                             reorderPoint: reorderPoint, orderUpTo: orderUpTo, position: position,
                             quantity: quantity, constraints: constraints, stockoutDay: stockoutDay,
                             stockoutInDays: stockoutInDays, lead: lead, urgent: urgent))
        return ReorderPoint(coverDays: cover, reorderPoint: reorderPoint, orderUpTo: orderUpTo, quantity: quantity,
                            deliveries: deliveries, stockoutDay: stockoutDay, stockoutInDays: stockoutInDays,
                            expectedArrival: expectedArrival, urgent: urgent, reason: reason)
    }

    // MARK: - Explanation

    private static func summary(
        policy: ReorderPointPolicy, cover: Int, booked: Double, unbooked: Double, safety: Double,
        reorderPoint: Double, orderUpTo: Double, position: InventoryPosition, quantity: Double,
        constraints: [String], stockoutDay: LocalDate?, stockoutInDays: Int?, lead: Int, urgent: Bool
    ) -> String {
        let stockAndOrders = position.usableOnHand + position.onOrder
        var text = "usable \(units(position.usableOnHand)) + on order \(units(position.onOrder)) = \(units(stockAndOrders)) "
        text += stockAndOrders <= reorderPoint ? "is at or below" : "is above"
        text += " reorder point \(units(reorderPoint)) (\(units(booked)) booked for cases in the next \(days(cover))"
        text += " + \(units(unbooked)) forecast not yet booked + \(units(safety)) safety stock for"
        text += " P\(units(policy.serviceLevel * 100))"
        if policy.leadTimeStdDevDays > 0 {
            text += " with a lead time of \(units(policy.leadTimeDays)) ± \(units(policy.leadTimeStdDevDays)) days"
        }
        text += booked + unbooked + safety < reorderPoint - 1e-6 ? ", rounded up)" : ")"
        if quantity > 0 {
            text += "; order \(units(quantity)) to reach \(units(orderUpTo))"
            if !constraints.isEmpty { text += " (" + constraints.joined(separator: "; ") + ")" }
        }
        if let stockoutDay, let stockoutInDays {
            text += "; stock projected to run short on \(stockoutDay) (in \(days(stockoutInDays)))"
            text += urgent ? ", before the \(lead)-day lead time" : ", after the \(lead)-day lead time"
        }
        return text
    }

    /// A value rounded up to whole units (a hair of floating-point noise does not add a unit).
    static func wholeUnits(_ value: Double) -> Double {
        (value - 1e-9).rounded(.up)
    }

    /// A quantity as a planner reads it: whole units, or one decimal where a fraction is real.
    static func units(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        if rounded == rounded.rounded() && abs(rounded) < 1e12 { return String(Int(rounded)) }
        return String(format: "%.1f", rounded)
    }

    /// "1 day", "6 days".
    static func days(_ count: Int) -> String {
        count == 1 ? "1 day" : "\(count) days"
    }

    /// A forecast shorter than the window goes on at the level of its last week.
    static func extended(_ dailyMean: [Double], to length: Int) -> [Double] {
        guard dailyMean.count < length else { return dailyMean }
        let tail = dailyMean.suffix(7)
        let level = tail.isEmpty ? 0 : tail.reduce(0, +) / Double(tail.count)
        return dailyMean + Array(repeating: level, count: length - dailyMean.count)
    }

    /// Forecast demand per day that booked cases do not account for: the daily mean less that day's booked
    /// demand, never below zero, from the day after `asOf`.
    public static func unbookedDaily(dailyMean: [Double], caseNeeds: [StockProjection.CaseNeed], asOf: LocalDate)
        -> [Double]
    {
        var unbooked = dailyMean
        for need in caseNeeds {
            let offset = asOf.distance(to: need.day) - 1
            if offset >= 0 && offset < unbooked.count { unbooked[offset] -= need.quantity }
        }
        return unbooked.map { max(0, $0) }
    }
}
