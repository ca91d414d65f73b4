/// Everything that tunes a forecasting run; every field has a default, and missing JSON keys take it.
public struct ForecastConfiguration: Codable, Sendable, Equatable {
    /// Models competing in the backtest (the driver regression only where drivers are supplied).
    public var candidates: [ModelKind]
    /// Number of future periods forecast and written out.
    public var horizon: Int
    /// Season length; `nil` infers it from the frequency (7 daily, 52 weekly, 12 monthly, 4 quarterly).
    public var seasonLength: Int?
    /// Quantile levels reported per period.
    public var quantiles: [Double]
    /// Number of rolling backtest origins (at least 1; 3 by default).
    public var backtestOrigins: Int
    /// Periods forecast from each origin; `nil` uses `horizon`.
    public var backtestHorizon: Int?
    /// Distance between origins; `nil` uses the backtest horizon (non-overlapping test windows).
    public var backtestStep: Int?
    /// Error that decides the selection.
    public var selectionMetric: SelectionMetric
    /// Scale MASE/RMSSE by seasonal differences instead of first differences.
    public var seasonalScaling: Bool
    /// How many backtest demands the pooled evidence of a series' demand class is worth. A candidate's
    /// selection score relative to the series' best baseline (as a log ratio) mixes the series' own ratio and
    /// the class's mean ratio for that model, the class weighted `poolingStrength / (poolingStrength + n)` where
    /// `n` counts the non-zero actuals in the series' backtest windows: sparse items, whose few demands cannot
    /// tell models apart, follow their class; busy items follow their own errors. 0 = per-series only.
    public var poolingStrength: Double
    /// Intermittent-demand models compete only when the average inter-demand interval (ADI) of the
    /// training data is at least this (Syntetos–Boylan's 1.32); below it Croston & co. are just slow SES.
    public var intermittentADIThreshold: Double
    /// Frequencies whose frequent-demand series (ADI below `intermittentADIThreshold`) also try the extended
    /// smooth-demand models (AutoETS, Theta, OptimizedTheta, AutoCES, Combination). Daily site × item series, tens
    /// of thousands per planning run, keep the fast set; intermittent series keep the intermittent models.
    public var extendedModelFrequencies: [Frequency]
    /// A single model replaces the combination (where one was built) only if its selection score is this much
    /// (relative) better: combinations are the safer choice for frequent demand,
    /// and a short backtest cannot tell close models apart.
    public var combinationMargin: Double
    /// Relative improvement over the best baseline (naive / seasonal naive) a model needs to be chosen.
    public var baselineMargin: Double
    /// Ridge penalty on standardised drivers (added to XᵀX whose diagonal equals the number of rows).
    public var ridgeLambda: Double
    /// Sample paths simulated for lead-time sums.
    public var simulationPaths: Int
    /// Seed of every simulation; the same seed and input give identical output.
    public var seed: UInt64
    /// Longest lead time (periods) the returned distribution covers; at least `horizon`.
    public var leadTimeHorizon: Int
    /// Parameters are optimised on at most this many trailing observations of the first backtest window.
    public var optimizationWindow: Int
    /// Evaluation budget of each Nelder–Mead parameter search.
    public var optimizerEvaluations: Int
    /// Worker threads for series-level parallelism; `nil` uses every core.
    public var workers: Int?

    /// The defaults (also written to `Models/forecasting.json`).
    public init(candidates: [ModelKind] = ForecastConfiguration.defaultCandidates, horizon: Int = 28,
                seasonLength: Int? = nil, quantiles: [Double] = [0.5, 0.8, 0.9, 0.95, 0.99],
                backtestOrigins: Int = 3, backtestHorizon: Int? = nil, backtestStep: Int? = nil,
                selectionMetric: SelectionMetric = .combined, seasonalScaling: Bool = false, baselineMargin: Double = 0.02, poolingStrength: Double = 50,
                intermittentADIThreshold: Double = 1.32,
                extendedModelFrequencies: [Frequency] = [.weekly, .monthly, .quarterly, .yearly],
                combinationMargin: Double = 0.5,
                ridgeLambda: Double = 10, simulationPaths: Int = 1000, seed: UInt64 = 20_240_601,
                leadTimeHorizon: Int = 90, optimizationWindow: Int = 182, optimizerEvaluations: Int = 40,
                workers: Int? = nil) {
        self.candidates = candidates
        self.horizon = horizon
        self.seasonLength = seasonLength
        self.quantiles = quantiles
        self.backtestOrigins = backtestOrigins
        self.backtestHorizon = backtestHorizon
        self.backtestStep = backtestStep
        self.selectionMetric = selectionMetric
        self.seasonalScaling = seasonalScaling
        self.baselineMargin = baselineMargin
        self.poolingStrength = poolingStrength
        self.intermittentADIThreshold = intermittentADIThreshold
        self.extendedModelFrequencies = extendedModelFrequencies
        self.combinationMargin = combinationMargin
        self.ridgeLambda = ridgeLambda
        self.simulationPaths = simulationPaths
        self.seed = seed
        self.leadTimeHorizon = leadTimeHorizon
        self.optimizationWindow = optimizationWindow
        self.optimizerEvaluations = optimizerEvaluations
        self.workers = workers
    }

    /// Every model except the short-series fallback.
    public static let defaultCandidates: [ModelKind] = ModelKind.allCases.filter { $0 != .historicAverage }

    private enum CodingKeys: String, CodingKey, CaseIterable {
        case candidates, horizon, seasonLength, quantiles, backtestOrigins, backtestHorizon, backtestStep
        case selectionMetric, seasonalScaling, baselineMargin, poolingStrength, intermittentADIThreshold
        case extendedModelFrequencies, combinationMargin, ridgeLambda, simulationPaths, seed, leadTimeHorizon
        case optimizationWindow, optimizerEvaluations, workers
    }

    private struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// Missing keys take their defaults; an unknown key (a misspelt setting) is an error naming it, so a
    /// planner's change never silently does nothing.
    public init(from decoder: any Decoder) throws {
        let unknown = try decoder.container(keyedBy: AnyKey.self).allKeys.map(\.stringValue)
            .filter { CodingKeys(stringValue: $0) == nil }
        if !unknown.isEmpty {
            let known = CodingKeys.allCases.map(\.stringValue)
            throw DecodingError.dataCorrupted(.init(
                codingPath: decoder.codingPath,
                debugDescription: "unknown setting\(unknown.count == 1 ? "" : "s") \(unknown.sorted().map { "'\($0)'" }.joined(separator: ", ")); known settings: \(known.joined(separator: ", "))"))
        }
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = ForecastConfiguration()
        candidates = try c.decodeIfPresent([ModelKind].self, forKey: .candidates) ?? d.candidates
        horizon = try c.decodeIfPresent(Int.self, forKey: .horizon) ?? d.horizon
        seasonLength = try c.decodeIfPresent(Int.self, forKey: .seasonLength)
        quantiles = try c.decodeIfPresent([Double].self, forKey: .quantiles) ?? d.quantiles
        backtestOrigins = try c.decodeIfPresent(Int.self, forKey: .backtestOrigins) ?? d.backtestOrigins
        backtestHorizon = try c.decodeIfPresent(Int.self, forKey: .backtestHorizon)
        backtestStep = try c.decodeIfPresent(Int.self, forKey: .backtestStep)
        selectionMetric = try c.decodeIfPresent(SelectionMetric.self, forKey: .selectionMetric) ?? d.selectionMetric
        seasonalScaling = try c.decodeIfPresent(Bool.self, forKey: .seasonalScaling) ?? d.seasonalScaling
        baselineMargin = try c.decodeIfPresent(Double.self, forKey: .baselineMargin) ?? d.baselineMargin
        poolingStrength = try c.decodeIfPresent(Double.self, forKey: .poolingStrength) ?? d.poolingStrength
        intermittentADIThreshold = try c.decodeIfPresent(Double.self, forKey: .intermittentADIThreshold)
            ?? d.intermittentADIThreshold
        extendedModelFrequencies = try c.decodeIfPresent([Frequency].self, forKey: .extendedModelFrequencies)
            ?? d.extendedModelFrequencies
        combinationMargin = try c.decodeIfPresent(Double.self, forKey: .combinationMargin) ?? d.combinationMargin
        ridgeLambda = try c.decodeIfPresent(Double.self, forKey: .ridgeLambda) ?? d.ridgeLambda
        simulationPaths = try c.decodeIfPresent(Int.self, forKey: .simulationPaths) ?? d.simulationPaths
        seed = try c.decodeIfPresent(UInt64.self, forKey: .seed) ?? d.seed
        leadTimeHorizon = try c.decodeIfPresent(Int.self, forKey: .leadTimeHorizon) ?? d.leadTimeHorizon
        optimizationWindow = try c.decodeIfPresent(Int.self, forKey: .optimizationWindow) ?? d.optimizationWindow
        optimizerEvaluations = try c.decodeIfPresent(Int.self, forKey: .optimizerEvaluations) ?? d.optimizerEvaluations
        workers = try c.decodeIfPresent(Int.self, forKey: .workers)
    }

    /// Checks ranges; throws `invalidArgument` naming the offending field.
    public func validate() throws(ForecastError) {
        guard horizon >= 1 else { throw .invalidArgument("horizon must be at least 1") }
        guard backtestOrigins >= 1 else { throw .invalidArgument("backtestOrigins must be at least 1") }
        guard quantiles.allSatisfy({ $0 > 0 && $0 < 1 }) else {
            throw .invalidArgument("quantiles must lie strictly between 0 and 1")
        }
        guard poolingStrength >= 0 else { throw .invalidArgument("poolingStrength must be non-negative") }
        guard combinationMargin >= 0 && combinationMargin <= 1 else {
            throw .invalidArgument("combinationMargin must lie between 0 and 1")
        }
        guard ridgeLambda >= 0 else { throw .invalidArgument("ridgeLambda must be non-negative") }
        guard simulationPaths >= 1 else { throw .invalidArgument("simulationPaths must be at least 1") }
        guard !candidates.isEmpty else { throw .invalidArgument("candidates must not be empty") }
    }

    /// Sorted, de-duplicated quantile levels.
    var sortedQuantiles: [Double] { Array(Set(quantiles)).sorted() }
}
