/// The forecast of one series: the chosen model, its parameters, point and quantile forecasts, the
/// backtest of every candidate, and the predictive distribution for lead-time demand.
public struct SeriesForecast: Sendable, Equatable {
    /// Series identifier.
    public var seriesID: String
    /// Model chosen by the backtest.
    public var model: ModelKind
    /// Fitted parameters of the chosen model.
    public var parameters: [ModelParameter]
    /// Driver coefficients when the chosen or a competing model is the driver regression (empty otherwise).
    public var coefficients: [DriverCoefficient]
    /// Mean forecast per future period (clipped at zero), `horizon` values.
    public var mean: [Double]
    /// Quantile levels, ascending.
    public var quantileLevels: [Double]
    /// `quantiles[period][level]`, clipped at zero, integers for count data.
    public var quantiles: [[Double]]
    /// Backtest result of every candidate that could be fitted.
    public var backtest: [ModelScore]
    /// Findings about the input or the fit.
    public var warnings: [ForecastWarning]
    /// Whether the history is integer counts (quantiles are then integers).
    public var isCountData: Bool
    /// Joint predictive distribution, covering `max(horizon, leadTimeHorizon)` periods where possible.
    public var distribution: ForecastDistribution
    /// Simulation paths used for lead-time sums.
    public var simulationPaths: Int
    /// Seed of this series' simulations (derived from the configured seed and the series id).
    public var seed: UInt64

    /// Backtest result of the chosen model.
    public var chosenScore: ModelScore? { backtest.first { $0.model == model } }

    /// Quantile of total demand over the next `days` periods (lead time + review period), by simulation.
    /// `days` is capped at `distribution.periods`, i.e. `max(horizon, leadTimeHorizon)` of the configuration.
    public func leadTimeDemandQuantile(days: Int, level: Double) -> Double {
        distribution.sumQuantiles(days: days, levels: [level], paths: simulationPaths, seed: seed)[0]
    }

    /// Several quantiles of total demand over the next `days` periods from one simulation.
    public func leadTimeDemandQuantiles(days: Int, levels: [Double]) -> [Double] {
        distribution.sumQuantiles(days: days, levels: levels, paths: simulationPaths, seed: seed)
    }

    /// Simulated totals over the next `days` periods, sorted ascending.
    public func leadTimeDemandSamples(days: Int) -> [Double] {
        distribution.sampleSums(days: days, paths: simulationPaths, seed: seed)
    }
}
