import Foundation

/// The neutral requisition JSON the ERP connectors send: no patient identifiers, only what purchasing needs.
public struct RequisitionDocument: Sendable, Codable, Hashable {
    public struct Line: Sendable, Codable, Hashable {
        public var line: Int
        public var item: String
        public var gtin: String?
        public var quantity: Double
        public var unit: String
        public var estimatedUnitPrice: Double
        public var needBy: String
    }

    public var requisitionId: String
    public var site: String
    public var supplier: String
    public var needBy: String
    public var priority: String
    public var costCentre: String
    /// What the need comes from: `forecast`, `case:NORTH:C0001` (case ids, never patients).
    public var demandReferences: [String]
    public var lines: [Line]

    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(self)
    }
}
