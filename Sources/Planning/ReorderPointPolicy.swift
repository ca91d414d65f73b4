import SupplyDomain

/// The replenishment policy that applies to one item at one site, after overrides and item-class defaults.
public struct ReorderPointPolicy: Sendable, Hashable {
    public var serviceLevel: Double
    public var leadTimeDays: Double
    public var leadTimeStdDevDays: Double
    public var reviewPeriodDays: Double
    public var packSize: Double
    public var minimumOrderQuantity: Double
    public var maximumQuantity: Double?
    /// Where each value came from, for the line's explanation.
    public var sources: [String]

    public init(serviceLevel: Double, leadTimeDays: Double, leadTimeStdDevDays: Double = 0, reviewPeriodDays: Double = 1,
                packSize: Double = 1, minimumOrderQuantity: Double = 0, maximumQuantity: Double? = nil,
                sources: [String] = []) {
        self.serviceLevel = serviceLevel
        self.leadTimeDays = leadTimeDays
        self.leadTimeStdDevDays = leadTimeStdDevDays
        self.reviewPeriodDays = reviewPeriodDays
        self.packSize = packSize
        self.minimumOrderQuantity = minimumOrderQuantity
        self.maximumQuantity = maximumQuantity
        self.sources = sources
    }

    /// Defaults when no policy row says otherwise.
    public struct Defaults: Sendable, Hashable {
        public var serviceLevel = 0.95
        /// For implants and items marked critical.
        public var criticalServiceLevel = 0.99
        public var leadTimeDays = 7.0
        public var reviewPeriodDays = 1.0

        public init() {}
    }

    /// Resolves the policy: the site's row over the network row (site ''), lead time from the policy, else the
    /// item (its supplier's item lead time), else the supplier, else the default; service level by item class
    /// unless a row sets it.
    public static func resolve(item: Item, supplier: Supplier?, network: ReplenishmentPolicy?, site: ReplenishmentPolicy?,
                               defaults: Defaults = Defaults()) -> ReorderPointPolicy {
        var sources: [String] = []
        func pick<T>(_ name: String, _ keyPath: KeyPath<ReplenishmentPolicy, T?>) -> T? {
            if let value = site?[keyPath: keyPath] {
                sources.append("\(name): site override")
                return value
            }
            if let value = network?[keyPath: keyPath] {
                sources.append("\(name): network policy")
                return value
            }
            return nil
        }
        let critical = item.isImplant || item.critical
        let serviceLevel = pick("service level", \.serviceLevel) ?? {
            sources.append("service level: \(critical ? "implant/critical" : "item class") default")
            return critical ? defaults.criticalServiceLevel : defaults.serviceLevel
        }()
        let leadTime = pick("lead time", \.leadTimeDays) ?? item.leadTimeDays ?? supplier?.leadTimeDays ?? {
            sources.append("lead time: default")
            return defaults.leadTimeDays
        }()
        let spread = pick("lead-time variability", \.leadTimeStdDevDays) ?? 0
        let row = site ?? network
        if site != nil { sources.append("review period, MOQ, maximum: site override") }
        return ReorderPointPolicy(
            serviceLevel: serviceLevel, leadTimeDays: leadTime, leadTimeStdDevDays: spread,
            reviewPeriodDays: row?.reviewPeriodDays ?? defaults.reviewPeriodDays, packSize: max(1, item.packSize),
            minimumOrderQuantity: row?.minimumOrderQuantity ?? 0, maximumQuantity: row?.maximumQuantity,
            sources: sources)
    }
}
