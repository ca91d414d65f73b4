/// How one policy served the simulated days. The first keys are the comparison the issue asks for; the rest
/// are the counts behind them.
public struct PolicyReport: Sendable, Codable, Hashable {
    public var policy: String
    /// Share of cases with every unit they used on the shelf on their day.
    public var caseServiceLevel: Double
    /// The same for cases that use an implant.
    public var implantCaseServiceLevel: Double
    /// Share of units used that came from the shelf (the rest came on emergency loans).
    public var fillRate: Double
    /// Site × item × days with a shortfall.
    public var stockoutDays: Int
    /// Mean over the simulated days of the closing on-hand units × unit cost, in EUR.
    public var averageInventoryValue: Double
    /// Orders (a requisition, or a baseline's purchase order to one supplier for one site on one night) per week.
    public var ordersPerWeek: Double
    /// Share of order lines that were urgent.
    public var urgentShare: Double
    /// Alerts opened or materially updated per site per night (0 for policies without alerts).
    public var alertsPerSiteNight: Double
    /// Share of critical alerts that a real shortfall would have followed had no one acted (nil without alerts).
    public var alertPrecision: Double?
    /// Share of real shortfalls that an alert announced in time (nil without alerts).
    public var alertRecall: Double?

    public var cases: Int
    public var shortCases: Int
    public var implantCases: Int
    public var shortImplantCases: Int
    public var unitsUsed: Int
    public var unitsShort: Int
    public var orders: Int
    public var orderLines: Int
    public var urgentLines: Int
    public var criticalAlerts: Int
    /// Shortfalls that could have been announced in time (their day far enough after the first night).
    public var shortfallsJudged: Int
    /// The site × items with the most units short, worst first.
    public var worstItems: [ItemShortfall]
    /// Mean closing on-hand value per item category, in EUR: where the average inventory value sits.
    public var averageInventoryValueByCategory: [String: Double]

    enum CodingKeys: String, CodingKey {
        case policy, caseServiceLevel, implantCaseServiceLevel, fillRate, stockoutDays, averageInventoryValue
        case ordersPerWeek, urgentShare, alertsPerSiteNight, alertPrecision, alertRecall
        case cases, shortCases, implantCases, shortImplantCases, unitsUsed, unitsShort, orders, orderLines
        case urgentLines, criticalAlerts, shortfallsJudged, worstItems, averageInventoryValueByCategory
    }

    /// Every key is written, `null` where a policy has no alerts to judge.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(policy, forKey: .policy)
        try container.encode(caseServiceLevel, forKey: .caseServiceLevel)
        try container.encode(implantCaseServiceLevel, forKey: .implantCaseServiceLevel)
        try container.encode(fillRate, forKey: .fillRate)
        try container.encode(stockoutDays, forKey: .stockoutDays)
        try container.encode(averageInventoryValue, forKey: .averageInventoryValue)
        try container.encode(ordersPerWeek, forKey: .ordersPerWeek)
        try container.encode(urgentShare, forKey: .urgentShare)
        try container.encode(alertsPerSiteNight, forKey: .alertsPerSiteNight)
        try container.encode(alertPrecision, forKey: .alertPrecision)
        try container.encode(alertRecall, forKey: .alertRecall)
        try container.encode(cases, forKey: .cases)
        try container.encode(shortCases, forKey: .shortCases)
        try container.encode(implantCases, forKey: .implantCases)
        try container.encode(shortImplantCases, forKey: .shortImplantCases)
        try container.encode(unitsUsed, forKey: .unitsUsed)
        try container.encode(unitsShort, forKey: .unitsShort)
        try container.encode(orders, forKey: .orders)
        try container.encode(orderLines, forKey: .orderLines)
        try container.encode(urgentLines, forKey: .urgentLines)
        try container.encode(criticalAlerts, forKey: .criticalAlerts)
        try container.encode(shortfallsJudged, forKey: .shortfallsJudged)
        try container.encode(worstItems, forKey: .worstItems)
        try container.encode(averageInventoryValueByCategory, forKey: .averageInventoryValueByCategory)
    }
}
