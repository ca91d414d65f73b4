import Foundation

/// Entry points: forecast many univariate series, or all items of a site with driver regression.
public enum ForecastEngine {
    /// Fits every candidate, backtests on rolling origins, selects per series and forecasts, in parallel.
    ///
    /// Selection score = the series' own backtest score relative to its best baseline, shrunk toward the mean
    /// relative score of that model over all series of the same demand class in this call, the more the fewer
    /// demands its backtest saw (`ForecastConfiguration.poolingStrength`). A candidate whose mean the series' own
    /// backtest refutes (MASE above twice the best baseline's) is not chosen.
    /// Series are independent, so they are spread over `configuration.workers` threads (all cores by default).
    /// Pure function of its input: the same series and configuration give identical results.
    ///
    /// `progress`, when given, is called with the number of series evaluated so far and the total, about a
    /// hundred times over the run, one call at a time (from whichever worker finished), last with `total`.
    public static func forecast(series: [TimeSeries],
                                configuration: ForecastConfiguration = ForecastConfiguration(),
                                progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil) throws(ForecastError)
        -> [SeriesForecast] {
        try configuration.validate()
        let workers = configuration.workers ?? ProcessInfo.processInfo.activeProcessorCount
        let counter = progress.map { ProgressCounter(total: series.count, report: $0) }
        let evaluations = ParallelMap.map(count: series.count, workers: workers) { i in
            let evaluation = SeriesForecaster.evaluate(series[i], configuration: configuration)
            counter?.advance()
            return evaluation
        }
        let pooled = SeriesForecaster.pooledScores(evaluations)
        return ParallelMap.map(count: evaluations.count, workers: workers) { i in
            SeriesForecaster.finish(evaluations[i], configuration: configuration, pooled: pooled)
        }
    }

    /// Forecasts every series with one fixed model, skipping selection and backtest (overrides, benchmarks).
    /// Falls back like `forecast(series:configuration:)` for all-zero and too-short series.
    public static func forecast(series: [TimeSeries], using model: ModelKind,
                                configuration: ForecastConfiguration = ForecastConfiguration()) throws(ForecastError)
        -> [SeriesForecast] {
        try configuration.validate()
        guard model != .driverRegression else {
            throw .invalidArgument("the driver regression needs drivers: use forecastSite(items:drivers:configuration:)")
        }
        guard model != .combination else {
            throw .invalidArgument("a combination is built from the backtest: use forecast(series:configuration:)")
        }
        let workers = configuration.workers ?? ProcessInfo.processInfo.activeProcessorCount
        return ParallelMap.map(count: series.count, workers: workers) { i in
            SeriesForecaster.forecast(series[i], configuration: configuration, fixed: model)
        }
    }

    /// Forecasts all items of one site, adding a ridge driver regression fitted to ALL items at once as a
    /// candidate (one Cholesky per backtest origin plus one for the final fit, many right-hand sides each).
    ///
    /// Every item must have `drivers.historyLength` observations aligned with the driver rows, and
    /// `drivers.future` must cover `configuration.horizon` periods. Past the supplied future drivers (up to
    /// `leadTimeHorizon`), the regression's forecast continues at the mean of its last seven predicted periods. When several sites are forecast
    /// concurrently, call `BLASThreading.setThreadCount(1)` first so OpenBLAS does not oversubscribe cores.
    public static func forecastSite(items: [TimeSeries], drivers: SiteDrivers,
                                    configuration: ForecastConfiguration = ForecastConfiguration()) throws(ForecastError)
        -> SiteForecast {
        try configuration.validate()
        let n = drivers.historyLength
        try drivers.validate(historyLength: n, horizon: configuration.horizon)
        if let bad = items.first(where: { $0.values.count != n }) {
            throw .invalidArgument("item '\(bad.id)' has \(bad.values.count) observations, drivers have \(n) rows")
        }
        let targets = items.map(\.values)
        let lambda = configuration.ridgeLambda
        let useRegression = configuration.candidates.contains(.driverRegression)
        let m = max(1, configuration.seasonLength ?? items.first?.frequency.seasonLength ?? 7)
        let plan = BacktestPlan(length: n, configuration: configuration, seasonLength: m)
        var originPredictions: [[[Double]]] = []
        var originFits: [DriverRegression] = []
        if useRegression {
            for origin in plan.origins {
                let fit = try DriverRegression.fit(targets: targets, drivers: drivers, rows: origin, lambda: lambda)
                originFits.append(fit)
                originPredictions.append(fit.predict(origin..<min(n, origin + plan.horizon), drivers: drivers))
            }
        }
        let regression = try DriverRegression.fit(targets: targets, drivers: drivers, rows: n, lambda: lambda)
        let periods = max(configuration.horizon, configuration.leadTimeHorizon)
        let known = min(periods, drivers.futureLength)
        let future = regression.predict(n..<(n + known), drivers: drivers).map { path -> [Double] in
            let lastWeek = path.suffix(7)
            let filler = lastWeek.reduce(0, +) / Double(max(lastWeek.count, 1))
            return path + Array(repeating: filler, count: periods - known)
        }
        let workers = configuration.workers ?? ProcessInfo.processInfo.activeProcessorCount
        let originFitsCopy = originFits
        let originPredictionsCopy = originPredictions
        let evaluations = ParallelMap.map(count: items.count, workers: workers) { i in
            var external: ExternalCandidate?
            if useRegression {
                external = ExternalCandidate(
                    kind: .driverRegression,
                    parameters: [ModelParameter("lambda", lambda)],
                    coefficients: regression.coefficients(item: i),
                    originForecasts: originFitsCopy.indices.map {
                        originFitsCopy[$0].modelForecast(item: i, predictions: originPredictionsCopy[$0][i])
                    },
                    finalForecast: regression.modelForecast(item: i, predictions: future[i]))
            }
            return SeriesForecaster.evaluate(items[i], configuration: configuration, external: external)
        }
        let pooled = SeriesForecaster.pooledScores(evaluations)
        let forecasts = ParallelMap.map(count: evaluations.count, workers: workers) { i in
            SeriesForecaster.finish(evaluations[i], configuration: configuration, pooled: pooled)
        }
        return SiteForecast(items: forecasts, regression: regression)
    }
}
