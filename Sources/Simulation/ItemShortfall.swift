/// One site × item a policy ran short of: how often, how much, and what the policy last ordered before.
public struct ItemShortfall: Sendable, Codable, Hashable {
    public var site: String
    public var item: String
    public var name: String
    public var category: String
    public var stockoutDays: Int
    public var unitsShort: Int
    public var shortCases: Int
    /// The policy's last order line for it before the first shortfall (SupplyCast's with its reason), if any.
    public var lastOrderBefore: String?
}
