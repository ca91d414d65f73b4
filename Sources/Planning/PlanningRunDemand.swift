import SupplyDomain

/// What a planning run needs of a site's forecast: demand quantiles over a window and daily means.
///
/// ``SiteDemandForecast`` is the production source; tests hand in demand they can compute by hand.
public protocol PlanningRunDemand: Sendable {
    /// Items the forecast covers.
    var itemIds: [String] { get }
    /// Demand over the next `days` days at service `level`, from the forecast distribution.
    func leadTimeDemand(item: String, days: Int, level: Double) -> Double
    /// Mean demand per day from the first forecast day on.
    func dailyMean(item: String) -> [Double]
}

extension SiteDemandForecast: PlanningRunDemand {
    public var itemIds: [String] { Array(items.keys) }
}
