import Foundation
/// The master-data tables `supplycast import` accepts, recognised by file name (`items.csv`, `sites.json`…).
public enum MasterDataKind: String, Sendable, CaseIterable {
    case sites, locations, suppliers, items
    case preferenceCards = "preference-cards"
    case policies

    /// Recognises the kind from a file name such as `items.csv`, `preference-cards.json` or `demo-items.csv`.
    public init?(fileName: String) {
        let stem = fileName.split(separator: "/").last.map(String.init) ?? fileName
        let base = stem.split(separator: ".").first.map { $0.lowercased() } ?? ""
        let normalized = base.replacingOccurrences(of: "_", with: "-")
        guard let kind = Self.allCases.first(where: { normalized == $0.rawValue || normalized.hasSuffix("-" + $0.rawValue) })
        else { return nil }
        self = kind
    }

    /// Columns a file of this kind must have.
    public var requiredColumns: [String] {
        switch self {
        case .sites: ["id", "name"]
        case .locations: ["site", "id", "name"]
        case .suppliers: ["id", "name"]
        case .items: ["id", "name"]
        case .preferenceCards: ["procedure", "item", "quantity"]
        case .policies: ["item"]
        }
    }
}
