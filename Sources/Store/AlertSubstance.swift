import Foundation
import SupplyDomain

/// What in an alert's data is news to the people it is for: the day it is about and the set of things it is about.
///
/// Everything else in the data (on hand, on order, quantities short) drifts from night to night and is detail:
/// telling ops that on hand went from 114 to 113 is noise that teaches them to mute the feed.
///
/// | kind                 | key day        | about                     |
/// |----------------------|----------------|---------------------------|
/// | `shortage.projected` | `stockoutDate` | (the item is the subject) |
/// | `case.at_risk`       | `day`          | the items in `missing`    |
/// | `lot.expiring`       | `expiry`       | (the lot is the subject)  |
/// | `requisition.failed` | none           | the `reason`              |
struct AlertSubstance: Equatable {
    /// The day the alert turns on: stockout, the case's day, the lot's expiry.
    var keyDay: LocalDate?
    /// The things the alert is about beyond its subject.
    var about: Set<String>
    /// One line a ward manager reads in a digest.
    var summary: String

    init(kind: AlertKind, subject: String, data: Data) {
        let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
        func text(_ key: String) -> String? {
            switch object[key] {
            case let value as String: value
            case let value as NSNumber: Self.quantity(value)
            default: nil
            }
        }
        switch kind {
        case .shortageProjected:
            keyDay = text("stockoutDate").flatMap(LocalDate.init(iso:))
            about = []
            let item = text("item") ?? subject
            let details = [("on hand", text("onHand")), ("on order", text("onOrder")),
                           ("arriving", text("expectedArrival"))].compactMap { name, value in value.map { "\(name) \($0)" } }
            summary = "\(item) runs short " + (keyDay.map { "on \($0)" } ?? "soon")
                + (details.isEmpty ? "" : " (\(details.joined(separator: ", ")))")
        case .caseAtRisk:
            keyDay = text("day").flatMap(LocalDate.init(iso:))
            let missing = Self.items(object["missing"])
            about = Set(missing.map(\.item))
            let lacks = missing.map { line in line.quantity.map { "\(line.item) × \($0)" } ?? line.item }
            summary = "case \(text("case") ?? subject)" + (keyDay.map { " on \($0)" } ?? "")
                + " lacks " + (lacks.isEmpty ? "items" : lacks.joined(separator: ", "))
        case .lotExpiring:
            keyDay = text("expiry").flatMap(LocalDate.init(iso:))
            about = []
            summary = "lot \(text("lot") ?? subject)" + (text("item").map { " of \($0)" } ?? "")
                + (text("quantity").map { " (\($0) left)" } ?? "") + " expires " + (keyDay.map { "on \($0)" } ?? "soon")
        case .requisitionFailed:
            keyDay = nil
            about = Set([text("reason")].compactMap { $0 })
            summary = "requisition \(text("requisition") ?? subject) failed" + (text("reason").map { ": \($0)" } ?? "")
        }
    }

    /// Whether ops should hear about the move from `told` (what they were last told) to this: the key day moved by
    /// more than `keyDayTolerance` days, appeared or went away, or the set of things it is about changed.
    func differsMaterially(from told: AlertSubstance, keyDayTolerance: Int) -> Bool {
        if about != told.about { return true }
        switch (keyDay, told.keyDay) {
        case let (now?, before?): return abs(before.distance(to: now)) > keyDayTolerance
        case (nil, nil): return false
        default: return true
        }
    }

    /// Missing items as a `{item: quantity}` object, a list of item ids, or a list of `{"item", "quantity"}` objects.
    private static func items(_ value: Any?) -> [(item: String, quantity: String?)] {
        switch value {
        case let object as [String: Any]:
            return object.keys.sorted().map { ($0, (object[$0] as? NSNumber).map(quantity)) }
        case let list as [Any]:
            return list.compactMap { entry in
                if let item = entry as? String { return (item, nil) }
                guard let object = entry as? [String: Any], let item = object["item"] as? String else { return nil }
                return (item, (object["quantity"] as? NSNumber).map(quantity))
            }.sorted { $0.item < $1.item }
        default:
            return []
        }
    }

    /// Whole numbers without a decimal point, others to two places at most.
    private static func quantity(_ number: NSNumber) -> String {
        let value = number.doubleValue
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(format: "%.2f", value).replacingOccurrences(of: #"\.?0+$"#, with: "", options: .regularExpression)
    }
}
