import Foundation
import Store

/// The reorder-point decision for one item at one site (pure arithmetic).
///
/// Reorder point = the service-level quantile of forecast demand over the cover window (lead time + review
/// period, widened by `z · σ` of the lead time) plus case reservations and shortfalls inside the window.
/// Order-up-to = reorder point + mean demand over one review period (at least one pack). When the position is
/// at or below the reorder point, the line orders up to that level, rounded up to whole packs, at least the
/// MOQ, at most the maximum.
public struct ReorderPoint: Sendable, Hashable {
    public var coverDays: Int
    public var reorderPoint: Double
    public var orderUpTo: Double
    /// Zero when the position is above the reorder point.
    public var quantity: Double
    /// Days until the projected stockout, nil when none is projected within the forecast.
    public var stockoutInDays: Int?
    /// The stockout comes before an order placed now could arrive.
    public var urgent: Bool
    public var reason: RequisitionReason

    /// Days of demand the reorder point covers.
    public static func coverDays(_ policy: ReorderPointPolicy) -> Int {
        let spread = policy.leadTimeStdDevDays > 0
            ? standardNormalQuantile(policy.serviceLevel) * policy.leadTimeStdDevDays : 0
        return max(1, Int((policy.leadTimeDays + policy.reviewPeriodDays + max(0, spread)).rounded(.up)))
    }

    public static func decide(
        policy: ReorderPointPolicy, position: InventoryPosition, demandQuantile: Double, dailyMean: [Double],
        reservationsInWindow: Double
    ) -> ReorderPoint {
        let cover = coverDays(policy)
        let meanDemand = dailyMean.prefix(cover).reduce(0, +)
        let meanPerDay = cover > 0 ? meanDemand / Double(cover) : 0
        let reorderPoint = demandQuantile + reservationsInWindow
        let orderUpTo = reorderPoint + max(meanPerDay * policy.reviewPeriodDays, policy.packSize)
        var quantity = 0.0
        if position.position <= reorderPoint {
            let pack = policy.packSize
            quantity = ((orderUpTo - position.position) / pack).rounded(.up) * pack
            quantity = max(quantity, (policy.minimumOrderQuantity / pack).rounded(.up) * pack)
            if let maximum = policy.maximumQuantity {
                quantity = min(quantity, max(pack, (maximum / pack).rounded(.down) * pack))
            }
        }
        let stockout = stockoutDay(start: position.usableOnHand - position.reserved - position.backorders,
                                   dailyMean: dailyMean)
        let urgent = stockout.map { Double($0) < policy.leadTimeDays } ?? false
        var summary = "position \(format(position.position)) "
        summary += position.position <= reorderPoint ? "is at or below" : "is above"
        summary += " reorder point \(format(reorderPoint)) (P\(format(policy.serviceLevel * 100)) of \(cover)-day demand "
        summary += "\(format(demandQuantile)) + \(format(reservationsInWindow)) reserved for cases)"
        if quantity > 0 {
            summary += "; order \(format(quantity)) to reach \(format(orderUpTo)) in packs of \(format(policy.packSize))"
        }
        if let stockout { summary += "; stockout projected in \(stockout) days" }
        let reason = RequisitionReason(
            serviceLevel: policy.serviceLevel, leadTimeDays: policy.leadTimeDays,
            reviewPeriodDays: policy.reviewPeriodDays, coverDays: cover, forecastDemand: demandQuantile,
            meanDemand: meanDemand, reservationsInWindow: reservationsInWindow, reorderPoint: reorderPoint,
            orderUpTo: orderUpTo, position: position, packSize: policy.packSize,
            minimumOrderQuantity: policy.minimumOrderQuantity, maximumQuantity: policy.maximumQuantity,
            stockoutInDays: stockout, overrides: policy.sources, summary: summary)
        return ReorderPoint(coverDays: cover, reorderPoint: reorderPoint, orderUpTo: orderUpTo, quantity: quantity,
                            stockoutInDays: stockout, urgent: urgent, reason: reason)
    }

    /// The first day on which mean demand exhausts `start`; 0 when it is already negative.
    static func stockoutDay(start: Double, dailyMean: [Double]) -> Int? {
        if start < 0 { return 0 }
        var left = start
        for (offset, demand) in dailyMean.enumerated() {
            left -= demand
            if left < 0 { return offset + 1 }
        }
        return nil
    }

    static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e12 ? String(Int(value)) : String(format: "%.1f", value)
    }
}
