import Foundation

/// A candidate whose forecasts were computed outside the univariate loop (the site driver regression).
struct ExternalCandidate: Sendable {
    var kind: ModelKind
    var parameters: [ModelParameter]
    var coefficients: [DriverCoefficient]
    /// One forecast per backtest origin, in the plan's order.
    var originForecasts: [ModelForecast]
    /// Forecast from the end of the history.
    var finalForecast: ModelForecast
}

/// Phase one of a series: everything up to, but not including, the choice of model.
struct SeriesEvaluation: Sendable {
    var series: TimeSeries
    var warnings: [ForecastWarning]
    var isCount: Bool
    var seed: UInt64
    var options: FitOptions
    /// Set when no selection is needed (all-zero, short series, fixed model).
    var finished: SeriesForecast?
    var scores: [ModelScore] = []
    var fitted: [any UnivariateModel] = []
    var external: ExternalCandidate?
    var demandClass: DemandClass = .smooth
    /// End of the first (shortest) training window; parameters were fitted on it.
    var firstOrigin = 0
    /// Non-zero actuals inside the backtest windows: how much the series' own scores can be trusted.
    var backtestDemands = 0
    /// Models averaged by the combination candidate, best family first (empty when it was not built).
    var combinationComponents: [ModelKind] = []
    /// Whether the intermittent-demand models competed (the training data's ADI reached the threshold).
    var intermittentCompeted = false
}

/// Fits, backtests, selects and forecasts one series.
enum SeriesForecaster {
    /// Evaluate, then select on the series' own backtest (no pooling).
    static func forecast(_ series: TimeSeries, configuration c: ForecastConfiguration,
                         external: ExternalCandidate? = nil, fixed: ModelKind? = nil) -> SeriesForecast {
        finish(evaluate(series, configuration: c, external: external, fixed: fixed), configuration: c, pooled: nil)
    }

    /// Phase one: fit every candidate on the first training window and backtest it on all origins.
    static func evaluate(_ series: TimeSeries, configuration c: ForecastConfiguration,
                         external: ExternalCandidate? = nil, fixed: ModelKind? = nil) -> SeriesEvaluation {
        let y = series.values
        let m = max(1, c.seasonLength ?? series.frequency.seasonLength)
        let periods = max(c.horizon, c.leadTimeHorizon)
        var e = SeriesEvaluation(
            series: series, warnings: series.warnings, isCount: y.allSatisfy { $0 >= 0 && $0 == $0.rounded() },
            seed: SplitMix64.seed(c.seed, key: series.id),
            options: FitOptions(seasonLength: m, optimizationWindow: c.optimizationWindow,
                                maxEvaluations: c.optimizerEvaluations),
            external: external, demandClass: DemandClass(y))
        if y.contains(where: { $0 < 0 }) {
            e.warnings.append(ForecastWarning(kind: .negativeValues, seriesID: series.id,
                                              message: "history has negative values; quantiles are clipped at zero"))
        }
        guard y.contains(where: { $0 != 0 }) else {
            e.warnings.append(ForecastWarning(kind: .allZero, seriesID: series.id,
                                              message: "all \(y.count) observations are zero; forecasting zero"))
            e.finished = build(e, c, .naive, [], [], .flat(rate: 0, variance: 0, horizon: periods), [])
            return e
        }
        let plan = BacktestPlan(length: y.count, configuration: c, seasonLength: m)
        y.withUnsafeBufferPointer { full in
            guard let firstOrigin = plan.origins.last else {
                let fallback: any UnivariateModel = y.count >= 3 ? HistoricAverageModel() : NaiveModel()
                e.warnings.append(ForecastWarning(kind: .shortSeries, seriesID: series.id,
                                                  message: "only \(y.count) observations; using \(fallback.kind.rawValue) without backtest"))
                e.finished = build(e, c, fallback.kind, [], [], fallback.forecast(history: full, horizon: periods), [])
                return
            }
            e.firstOrigin = firstOrigin
            if let fixed {
                let model = fit(fixed, full, e.options) ?? NaiveModel()
                e.finished = build(e, c, model.kind, model.parameters, [], model.forecast(history: full, horizon: periods), [])
                return
            }
            for origin in plan.origins {
                for t in origin..<min(origin + plan.horizon, y.count) where y[t] != 0 { e.backtestDemands += 1 }
            }
            var kinds = c.candidates.filter { $0 != .driverRegression && $0 != .combination }
            for baseline in [ModelKind.seasonalNaive, .naive] where !kinds.contains(baseline) {
                kinds.append(baseline)
            }
            if m <= 1 { kinds.removeAll { $0 == .seasonalNaive || $0 == .holtWinters } }
            let trainingWindow = UnsafeBufferPointer(rebasing: full[0..<firstOrigin])
            let nonZero = trainingWindow.reduce(0) { $0 + ($1 != 0 ? 1 : 0) }
            if Double(trainingWindow.count) < c.intermittentADIThreshold * Double(nonZero) {
                kinds.removeAll { $0.isIntermittent }
            }
            e.intermittentCompeted = kinds.contains { $0.isIntermittent }
            // The smooth-demand models compete on frequent demand at weekly or coarser grain; intermittent
            // demand keeps its own models, and daily series (the bulk of a planning run) the fast set.
            let extended = c.extendedModelFrequencies.contains(series.frequency) && !e.intermittentCompeted
            if !extended { kinds.removeAll(where: \.isExtended) }
            for kind in kinds {
                if let model = fit(kind, trainingWindow, e.options) {
                    e.fitted.append(model)
                } else if kind != .holtWinters {
                    e.warnings.append(ForecastWarning(kind: .modelSkipped, seriesID: series.id,
                                                      message: "\(kind.rawValue) could not be fitted on \(firstOrigin) observations"))
                }
            }
            let levels = c.sortedQuantiles
            let scaleLag = c.seasonalScaling ? m : 1
            let evaluationLevels = Array(Set(levels + [0.025, 0.5, 0.975])).sorted()
            let isCount = e.isCount
            func evaluate(_ forecasts: [ModelForecast]) -> AccuracyMetrics {
                var perOrigin: [AccuracyMetrics] = []
                for (o, origin) in plan.origins.enumerated() {
                    let history = UnsafeBufferPointer(rebasing: full[0..<origin])
                    let scale = AccuracyMetrics.scales(training: history, lag: scaleLag)
                    perOrigin.append(metrics(forecasts[o], actual: full, from: origin, horizon: plan.horizon,
                                             scale: scale, isCount: isCount, levels: evaluationLevels,
                                             reported: levels))
                }
                return AccuracyMetrics.average(perOrigin)
            }
            var originForecasts: [ModelKind: [ModelForecast]] = [:]
            for model in e.fitted {
                let forecasts = model.forecasts(history: full, origins: plan.origins, horizon: plan.horizon)
                originForecasts[model.kind] = forecasts
                let metrics = evaluate(forecasts)
                e.scores.append(ModelScore(model: model.kind, metrics: metrics, origins: plan.origins.count,
                                           score: metrics.score(c.selectionMetric)))
            }
            if extended && c.candidates.contains(.combination) {
                let components = combinationComponents(e.scores)
                if components.count >= 2 {
                    let forecasts = plan.origins.indices.map { o in
                        CombinationModel.combine(components.map { originForecasts[$0]![o] })
                    }
                    let metrics = evaluate(forecasts)
                    e.combinationComponents = components
                    e.scores.append(ModelScore(model: .combination, metrics: metrics, origins: plan.origins.count,
                                               score: metrics.score(c.selectionMetric)))
                }
            }
            if let external, external.originForecasts.count == plan.origins.count {
                let metrics = evaluate(external.originForecasts)
                e.scores.append(ModelScore(model: external.kind, metrics: metrics, origins: plan.origins.count,
                                           score: metrics.score(c.selectionMetric)))
            }
        }
        return e
    }

    /// Phase two: choose the model (optionally shrinking scores toward the pooled score of the series'
    /// demand class), refit it on the full history and forecast.
    static func finish(_ e: SeriesEvaluation, configuration c: ForecastConfiguration,
                       pooled: [DemandClass: [ModelKind: Double]]?) -> SeriesForecast {
        if let finished = e.finished { return finished }
        var scores = e.scores
        let poolWeight = pooledWeight(backtestDemands: e.backtestDemands, strength: c.poolingStrength)
        if let classRatios = pooled?[e.demandClass], poolWeight > 0, let reference = baselineScore(e.scores) {
            for i in scores.indices {
                if let pooledRatio = classRatios[scores[i].model], let own = logRatio(scores[i].score, reference) {
                    scores[i].score = reference * exp((1 - poolWeight) * own + poolWeight * pooledRatio)
                }
            }
        }
        let refuted = refutedMeans(e.scores)
        let chosen = preferCombination(select(scores.filter { !refuted.contains($0.model) }, margin: c.baselineMargin),
                                       e, scores, refuted: refuted, margin: c.combinationMargin)
        let periods = max(c.horizon, c.leadTimeHorizon)
        if chosen == e.external?.kind, let external = e.external {
            var final = external.finalForecast
            if final.mean.count > periods { final = truncate(final, periods) }
            return build(e, c, chosen, external.parameters, external.coefficients, final, scores)
        }
        return e.series.values.withUnsafeBufferPointer { full in
            func refit(_ kind: ModelKind) -> any UnivariateModel {
                let reused = e.fitted.first { $0.kind == kind }
                let windowFull = e.firstOrigin >= e.options.optimizationWindow
                if windowFull, let reused { return reused }
                // AutoETS searches again on the whole history, over the forms its training window shortlisted.
                let refitted: (any UnivariateModel)?
                if let ets = reused as? ETSModel {
                    refitted = ets.refitted(full, options: e.options)
                } else {
                    refitted = fit(kind, full, e.options)
                }
                return refitted ?? reused ?? NaiveModel()
            }
            let model: any UnivariateModel = chosen == .combination && !e.combinationComponents.isEmpty
                ? CombinationModel(components: e.combinationComponents.map(refit)) : refit(chosen)
            return build(e, c, model.kind, model.parameters, e.external?.coefficients ?? [],
                         model.forecast(history: full, horizon: periods), scores)
        }
    }

    /// The combination (built only for frequent demand) stays unless the selected model's score
    /// is better than the combination's by the relative `margin` (and the combination's mean is not refuted).
    static func preferCombination(_ chosen: ModelKind, _ e: SeriesEvaluation, _ scores: [ModelScore],
                                  refuted: Set<ModelKind>, margin: Double) -> ModelKind {
        guard chosen != .combination, !refuted.contains(.combination),
              let combined = scores.first(where: { $0.model == .combination }),
              let best = scores.first(where: { $0.model == chosen }) else { return chosen }
        return best.score < (1 - margin) * combined.score ? chosen : .combination
    }

    /// Families a combination draws from: the baselines are yardsticks, the historic average a fallback, and the
    /// driver regression's forecasts come from outside the univariate loop.
    static let combinableFamilies: Set<ModelFamily> = [.exponentialSmoothing, .theta, .complexSmoothing, .intermittent]

    /// Number of families whose best models a combination averages.
    static let combinationFamilies = 3

    /// One model per combinable family — the member that nests the family when it was fitted (AutoETS,
    /// OptimizedTheta, AutoCES), else the family's best-scoring member — and of those the best-scoring
    /// `combinationFamilies`, best first.
    static func combinationComponents(_ scores: [ModelScore]) -> [ModelKind] {
        var best: [ModelFamily: ModelScore] = [:]
        for s in scores where s.score.isFinite && combinableFamilies.contains(s.model.family) {
            if let current = best[s.model.family],
               current.model.nestsFamily || (!s.model.nestsFamily && current.score <= s.score) { continue }
            best[s.model.family] = s
        }
        return best.values.sorted { ($0.score, $0.model.rawValue) < ($1.score, $1.model.rawValue) }
            .prefix(combinationFamilies).map(\.model)
    }

    /// Weight of the class's pooled score in a series' selection score: `k / (k + n)` for pooling strength `k`
    /// and `n` non-zero actuals in the series' backtest windows. A series whose backtest saw little demand
    /// follows its class; one with plenty of evidence follows its own errors.
    static func pooledWeight(backtestDemands n: Int, strength k: Double) -> Double {
        k > 0 ? k / (k + Double(n)) : 0
    }

    /// The best baseline's own score, the yardstick a series' other scores are read against.
    static func baselineScore(_ scores: [ModelScore]) -> Double? {
        scores.filter { $0.model.isBaseline && $0.score.isFinite && $0.score > 0 }.map(\.score).min()
    }

    /// `log(score / reference)`, bounded to a factor of 20 either way so one freak series cannot swing its class.
    static func logRatio(_ score: Double, _ reference: Double) -> Double? {
        guard score.isFinite, score >= 0, reference > 0 else { return nil }
        return min(log(20), max(-log(20), log(max(score, 1e-12) / reference)))
    }

    /// Pooled evidence per demand class and model: the mean over the class's series of the model's score
    /// relative to that series' best baseline (as a log ratio). Scores are pooled relative to each series' own
    /// baseline because their levels differ from series to series: a class mean of raw scores is set by the busy
    /// series with large errors, and substituting it for a sparse series' own score level let the class's
    /// ranking override the series' evidence (all 120 demo implants went to the driver regression).
    static func pooledScores(_ evaluations: [SeriesEvaluation]) -> [DemandClass: [ModelKind: Double]] {
        var sums: [DemandClass: [ModelKind: (Double, Int)]] = [:]
        for e in evaluations where e.finished == nil {
            guard let reference = baselineScore(e.scores) else { continue }
            for s in e.scores {
                guard let ratio = logRatio(s.score, reference) else { continue }
                let current = sums[e.demandClass, default: [:]][s.model, default: (0, 0)]
                sums[e.demandClass, default: [:]][s.model] = (current.0 + ratio, current.1 + 1)
            }
        }
        return sums.mapValues { $0.mapValues { $0.0 / Double(max($0.1, 1)) } }
    }

    /// Candidates whose mean the series' own backtest refutes: MASE more than twice the best baseline's.
    ///
    /// No forecast fixed at the origin, naive and seasonal naive included, can be beaten by more than that by the
    /// true expected demand: `E|Y − μ| ≤ E|Y − c| + |c − μ| ≤ 2·E|Y − c|` for every `c`. A mean that far off is not
    /// the expected demand, whatever the class or the quantile scores say. The yardstick itself, the baseline
    /// with the lower MASE, never is.
    static func refutedMeans(_ scores: [ModelScore]) -> Set<ModelKind> {
        guard let baseline = scores.filter({ $0.model.isBaseline && $0.metrics.mase.isFinite }).map(\.metrics.mase).min() else {
            return []
        }
        return Set(scores.filter { !($0.metrics.mase <= 2 * baseline) }.map(\.model))
    }

    /// Assembles the public result from a model forecast.
    static func build(_ e: SeriesEvaluation, _ c: ForecastConfiguration, _ kind: ModelKind,
                      _ parameters: [ModelParameter], _ coefficients: [DriverCoefficient],
                      _ forecast: ModelForecast, _ scores: [ModelScore]) -> SeriesForecast {
        let levels = c.sortedQuantiles
        let marginals = (0..<forecast.mean.count).map { marginal(forecast, $0, isCount: e.isCount) }
        let shown = min(c.horizon, marginals.count)
        return SeriesForecast(
            seriesID: e.series.id, model: kind, parameters: parameters, coefficients: coefficients,
            mean: forecast.mean.prefix(shown).map { max(0, $0) }, quantileLevels: levels,
            quantiles: marginals.prefix(shown).map { $0.quantiles(levels) }, backtest: scores,
            warnings: e.warnings, isCountData: e.isCount,
            distribution: ForecastDistribution(marginals: marginals, innovationWeights: forecast.innovationWeights),
            simulationPaths: c.simulationPaths, seed: e.seed)
    }

    /// The best-scoring candidate, kept only if it beats the best baseline (naive or seasonal naive, so
    /// always at least seasonal naive) by the relative `margin`; otherwise that baseline.
    static func select(_ scores: [ModelScore], margin: Double) -> ModelKind {
        let valid = scores.filter { $0.score.isFinite }
        guard let best = valid.min(by: { $0.score < $1.score }) else { return .naive }
        guard let baseline = valid.filter({ $0.model.isBaseline }).min(by: { $0.score < $1.score }) else {
            return best.model
        }
        if best.model.isBaseline { return best.model }
        return best.score < (1 - margin) * baseline.score ? best.model : baseline.model
    }

    /// Fits one univariate model kind (nil when the data are too short for it).
    static func fit(_ kind: ModelKind, _ y: UnsafeBufferPointer<Double>, _ options: FitOptions) -> (any UnivariateModel)? {
        switch kind {
        case .naive: return NaiveModel()
        case .seasonalNaive: return options.seasonLength > 1 && y.count > options.seasonLength
            ? SeasonalNaiveModel(seasonLength: options.seasonLength) : nil
        case .historicAverage: return HistoricAverageModel()
        case .ses: return SimpleExponentialSmoothing.fit(y, options: options)
        case .holtDamped: return DampedHolt.fit(y, options: options)
        case .holtWinters: return HoltWinters.fit(y, options: options)
        case .croston: return CrostonModel(variant: .classic)
        case .crostonSBA: return CrostonModel(variant: .sba)
        case .tsb: return TSBModel.fit(y, options: options)
        case .adida: return ADIDAModel.fit(y, options: options)
        case .imapa: return IMAPAModel.fit(y, options: options)
        case .autoETS: return ETSModel.fit(y, options: options)
        case .theta: return ThetaModel.fit(y, options: options, optimized: false)
        case .optimizedTheta: return ThetaModel.fit(y, options: options, optimized: true)
        case .autoCES: return CESModel.fit(y, options: options)
        case .driverRegression, .combination: return nil
        }
    }

    /// Predictive marginal of period `h` of a model forecast.
    static func marginal(_ f: ModelForecast, _ h: Int, isCount: Bool) -> ForecastMarginal {
        if let residuals = f.residuals {
            return .empirical(mean: f.mean[h], residuals: residuals, integer: isCount)
        }
        if isCount {
            return .count(mean: max(0, f.mean[h]), variance: f.variance[h])
        }
        return .normal(mean: f.mean[h], standardDeviation: f.variance[h].squareRoot(), integer: false)
    }

    /// Backtest errors of one forecast against the actuals after `origin`.
    static func metrics(_ f: ModelForecast, actual y: UnsafeBufferPointer<Double>, from origin: Int, horizon: Int,
                        scale: (absolute: Double, squared: Double), isCount: Bool,
                        levels: [Double], reported: [Double]) -> AccuracyMetrics {
        var absError = 0.0
        var medianError = 0.0
        var sqError = 0.0
        var pinball = 0.0
        var covered = 0
        let steps = min(horizon, y.count - origin, f.mean.count)
        let lowIndex = levels.firstIndex(of: 0.025) ?? 0
        let highIndex = levels.firstIndex(of: 0.975) ?? levels.count - 1
        let medianIndex = levels.firstIndex(of: 0.5) ?? levels.count / 2
        var previous: (Double, Double)?
        var quantiles: [Double] = []
        for h in 0..<steps {
            let actual = y[origin + h]
            let mean = max(0, f.mean[h])
            absError += abs(actual - mean)
            sqError += (actual - mean) * (actual - mean)
            if previous == nil || previous! != (f.mean[h], f.variance[h]) || f.residuals != nil {
                quantiles = marginal(f, h, isCount: isCount).quantiles(levels, exactCountLimit: 8)
                previous = (f.mean[h], f.variance[h])
            }
            for (i, level) in levels.enumerated() where reported.contains(level) {
                pinball += AccuracyMetrics.pinball(actual: actual, quantile: quantiles[i], level: level)
            }
            medianError += abs(actual - quantiles[medianIndex])
            if actual >= quantiles[lowIndex] && actual <= quantiles[highIndex] { covered += 1 }
        }
        let n = Double(max(steps, 1))
        return AccuracyMetrics(mase: absError / n / scale.absolute, medianMase: medianError / n / scale.absolute,
                               rmsse: (sqError / n).squareRoot() / scale.squared,
                               scaledPinball: 2 * pinball / (n * Double(max(reported.count, 1))) / scale.absolute,
                               coverage95: Double(covered) / n)
    }

    static func truncate(_ f: ModelForecast, _ periods: Int) -> ModelForecast {
        ModelForecast(mean: Array(f.mean.prefix(periods)), variance: Array(f.variance.prefix(periods)),
                      innovationWeights: Array(f.innovationWeights.prefix(periods)), residuals: f.residuals)
    }
}
