import Foundation
import SupplyDomain

/// One series of a forecast run as the store keeps it: what was chosen, why, and the daily numbers.
public struct StoredSeriesForecast: Sendable, Codable {
    /// Why the number is what it is: model, parameters, drivers and the backtest of every candidate.
    public struct Detail: Sendable, Codable {
        public var parameters: [String: Double]
        /// Driver regression effects, largest contribution first.
        public var drivers: [DriverEffect]
        public var backtest: [BacktestScore]
        public var warnings: [String]

        public init(parameters: [String: Double], drivers: [DriverEffect], backtest: [BacktestScore], warnings: [String]) {
            self.parameters = parameters
            self.drivers = drivers
            self.backtest = backtest
            self.warnings = warnings
        }
    }

    /// How a driver moves an item's daily number: coefficient and its contribution at the driver's mean.
    public struct DriverEffect: Sendable, Codable {
        public var driver: String
        public var coefficient: Double
        public var contribution: Double

        public init(driver: String, coefficient: Double, contribution: Double) {
            self.driver = driver
            self.coefficient = coefficient
            self.contribution = contribution
        }
    }

    /// Rolling-origin backtest errors of one candidate.
    public struct BacktestScore: Sendable, Codable {
        public var model: String
        public var mase: Double
        public var rmsse: Double
        public var pinball: Double
        public var coverage95: Double
        public var chosen: Bool

        public init(model: String, mase: Double, rmsse: Double, pinball: Double, coverage95: Double, chosen: Bool) {
            self.model = model
            self.mase = mase
            self.rmsse = rmsse
            self.pinball = pinball
            self.coverage95 = coverage95
            self.chosen = chosen
        }
    }

    public var site: String
    public var item: String
    public var model: String
    public var detail: Detail
    /// Mean daily usage over the recent history (for sorting by volume).
    public var volume: Double
    /// Backtest MASE of the chosen model and of the seasonal-naive baseline.
    public var mase: Double?
    public var baselineMase: Double?
    /// Mean forecast minus mean actual in the backtest, relative to volume (positive = over-forecast).
    public var bias: Double?
    /// Daily forecast: mean and the run's quantile levels.
    public var days: [Day]

    public struct Day: Sendable, Codable {
        public var day: LocalDate
        public var mean: Double
        public var quantiles: [Double]

        public init(day: LocalDate, mean: Double, quantiles: [Double]) {
            self.day = day
            self.mean = mean
            self.quantiles = quantiles
        }
    }

    public init(site: String, item: String, model: String, detail: Detail, volume: Double, mase: Double?,
                baselineMase: Double?, bias: Double?, days: [Day]) {
        self.site = site
        self.item = item
        self.model = model
        self.detail = detail
        self.volume = volume
        self.mase = mase
        self.baselineMase = baselineMase
        self.bias = bias
        self.days = days
    }
}

/// A forecast run: one site, one planning date, one configuration.
public struct ForecastRunInfo: Sendable, Codable {
    public var id: Int64
    public var site: String
    public var asOf: LocalDate
    public var status: String
    public var actor: String
    public var quantileLevels: [Double]
    public var seriesCount: Int
    public var startedAt: Date
    public var finishedAt: Date?
    public var error: String?
}

/// A planner's correction of a forecast until a date: a fixed daily quantity or a factor on the forecast.
public struct ForecastOverride: Sendable, Codable {
    public var id: Int64
    public var site: String
    public var item: String
    public var quantity: Double?
    public var factor: Double?
    public var until: LocalDate
    public var reason: String
    public var actor: String
    public var createdAt: Date
    public var clearedAt: Date?
    public var clearedBy: String?

    /// The daily number after the override, on `day`.
    public func apply(to forecast: Double, on day: LocalDate) -> Double {
        guard day <= until, clearedAt == nil else { return forecast }
        if let quantity { return quantity }
        return forecast * (factor ?? 1)
    }
}
