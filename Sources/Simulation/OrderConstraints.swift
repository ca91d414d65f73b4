import Planning

/// The pack, minimum and maximum an order line must respect, in whole units.
public struct OrderConstraints: Sendable, Hashable {
    public var packSize: Int
    public var minimumOrderQuantity: Int
    public var maximumQuantity: Int?

    public init(packSize: Int = 1, minimumOrderQuantity: Int = 0, maximumQuantity: Int? = nil) {
        self.packSize = max(packSize, 1)
        self.minimumOrderQuantity = max(minimumOrderQuantity, 0)
        self.maximumQuantity = maximumQuantity
    }

    /// The constraints of a planning policy (the ones SupplyCast's own run obeys).
    public init(_ policy: ReorderPointPolicy) {
        self.init(packSize: Int(policy.packSize.rounded()), minimumOrderQuantity: Int(policy.minimumOrderQuantity.rounded(.up)),
                  maximumQuantity: policy.maximumQuantity.map { Int($0.rounded(.down)) })
    }

    /// The line for a need of `units`: nothing when nothing is needed, else whole packs, at least the minimum
    /// order, at most the maximum (but never less than one pack).
    public func quantity(for units: Double) -> Int {
        guard units > 1e-9 else { return 0 }
        var quantity = Int((units / Double(packSize)).rounded(.up)) * packSize
        quantity = max(quantity, (minimumOrderQuantity + packSize - 1) / packSize * packSize)
        if let maximumQuantity {
            quantity = min(quantity, max(packSize, maximumQuantity / packSize * packSize))
        }
        return quantity
    }
}
