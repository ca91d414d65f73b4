import Foundation
import SupplyDomain

/// A lot with stock at a site that expires soon: the substance of a `lot.expiring` alert.
struct LotExpiry: Codable, Hashable {
    var site: String
    var item: String
    var lot: String
    var expiry: LocalDate
    var quantity: Double

    func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}
