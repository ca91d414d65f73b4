import Foundation
import Store
import SupplyDomain

/// A shortage a planning run still projects after its own requisitions: the substance of a `shortage.projected`
/// alert.
///
/// It describes the site after the run's requisitions are raised, so running the same plan again finds the same
/// substance and sends nothing new; it changes when stock, bookings or orders do.
struct ProjectedShortage: Codable, Hashable {
    /// A booked case that will lack the item, and how much.
    struct CaseShort: Codable, Hashable {
        var caseId: String
        var day: LocalDate
        var missing: Double

        enum CodingKeys: String, CodingKey {
            case caseId = "case", day, missing
        }
    }

    /// An open requisition line that will bring the item.
    struct OpenRequisition: Codable, Hashable {
        var requisition: String
        var expectedArrival: LocalDate
        var quantity: Double
        var status: String
    }

    var site: String
    var item: String
    /// The first day stock cannot serve demand, with every open order arriving when expected.
    var stockoutDate: LocalDate
    var leadTimeDays: Double
    var usableOnHand: Double
    /// What booked cases need inside the item's cover window.
    var bookedInWindow: Double
    var onOrder: Double
    /// The earliest open delivery, if any.
    var expectedArrival: LocalDate?
    var coveringRequisition: String?
    var openRequisitions: [OpenRequisition]
    /// Booked cases that will lack the item (empty when only forecast demand runs short).
    var casesShort: [CaseShort]

    /// The alert's subject.
    static func subject(site: String, item: String) -> String { "\(site)/\(item)" }

    func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}
