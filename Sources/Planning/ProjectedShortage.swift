import Foundation
import Store
import SupplyDomain

/// A stockout a planning run projects before an order placed now could arrive: the substance of a
/// `shortage.projected` alert.
///
/// The payload describes the site after the run's own requisitions are raised, so running the same plan again
/// finds the same substance and sends nothing new; it changes when stock, reservations or orders do.
struct ProjectedShortage {
    /// The first day mean demand exhausts usable stock net of reservations and backorders.
    var stockoutDay: LocalDate
    var leadTimeDays: Double

    func payload(site: String, item: String, position: InventoryPosition, orders: [OpenOrder]) throws -> Data {
        var object: [String: Any] = [
            "site": site, "item": item, "stockoutDate": stockoutDay.description, "leadTimeDays": leadTimeDays,
            "onHand": position.usableOnHand, "reserved": position.reserved + position.backorders,
            "onOrder": position.onOrder,
        ]
        if let first = orders.first {
            object["expectedArrival"] = first.needBy.description
            object["coveringRequisition"] = first.requisition
        }
        object["openRequisitions"] = orders.map { ["requisition": $0.requisition, "needBy": $0.needBy.description,
                                                    "quantity": $0.quantity, "status": $0.status] }
        return try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
    }
}
