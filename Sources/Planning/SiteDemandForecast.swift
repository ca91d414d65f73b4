import Forecasting
import Store
import SupplyDomain

/// A site's demand forecast for planning: one forecast per item, with the planners' overrides applied.
public struct SiteDemandForecast: Sendable {
    public var site: String
    /// The last day of history; the forecast starts the day after.
    public var asOf: LocalDate
    /// Forecast per item id.
    public var items: [String: SeriesForecast]
    /// Live overrides per item id.
    public var overrides: [String: ForecastOverride]
    /// The drivers the regression used, for explanations.
    public var driverNames: [String]

    /// First forecast day.
    public var firstDay: LocalDate { asOf.advanced(by: 1) }

    /// Daily mean forecast of an item after overrides (empty when the item has no forecast).
    public func dailyMean(item: String) -> [Double] {
        guard let forecast = items[item] else { return [] }
        guard let override = overrides[item] else { return forecast.mean }
        return forecast.mean.enumerated().map { offset, value in
            override.apply(to: value, on: firstDay.advanced(by: offset))
        }
    }

    /// Demand over the next `days` days at a service `level` (e.g. 0.95): the quantile of the simulated sum,
    /// not a sum of daily quantiles. An override changes the days it covers: a fixed daily quantity counts as
    /// certain, a factor scales the forecast demand of those days. The uncovered remainder is approximated by the
    /// difference of the two sums' quantiles.
    public func leadTimeDemand(item: String, days: Int, level: Double) -> Double {
        guard let forecast = items[item], days > 0 else { return 0 }
        let total = forecast.leadTimeDemandQuantile(days: days, level: level)
        guard let override = overrides[item] else { return total }
        let covered = max(0, min(days, asOf.distance(to: override.until)))
        guard covered > 0 else { return total }
        let coveredPart = forecast.leadTimeDemandQuantile(days: covered, level: level)
        let rest = max(0, total - coveredPart)
        if let factor = override.factor { return coveredPart * factor + rest }
        return (override.quantity ?? 0) * Double(covered) + rest
    }
}
