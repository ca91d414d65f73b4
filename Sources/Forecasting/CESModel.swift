import Foundation

/// Complex exponential smoothing (Svetunkov, Kourentzes & Ord 2022): a level `ℓ` and its "information
/// potential" `c` smoothed together by a complex parameter `α₀ + iα₁`, which lets the data decide between
/// level-like and trend-like behaviour without choosing a trend type. With one-step error `ε`:
///
///     ŷ = ℓ (+ seasonal part)
///     ℓ ← ℓ − (1 − α₁)c + (α₀ − α₁)ε
///     c ← ℓ + (1 − α₀)c + (α₀ + α₁)ε
///
/// Seasonal forms, chosen with the non-seasonal one by AICc as statsforecast's AutoCES does: partial (an additive
/// index per season slot, `s ← s + γε`) and full (a second complex pair per slot, lag `m`, parameter `β₀ + iβ₁`).
/// Parameters are kept where each pair's discount matrix has its eigenvalues inside the unit circle.
struct CESModel: UnivariateModel {
    /// Seasonal form.
    enum Season: Int, Sendable, CaseIterable {
        case none = 0, partial = 1, full = 2
    }

    var season: Season
    var alpha0: Double
    var alpha1: Double
    var beta0: Double = 0
    var beta1: Double = 0
    var gamma: Double = 0
    var seasonLength: Int
    var aicc: Double

    var kind: ModelKind { .autoCES }
    var parameters: [ModelParameter] {
        [ModelParameter("season", Double(season.rawValue)), ModelParameter("alpha0", alpha0),
         ModelParameter("alpha1", alpha1), ModelParameter("beta0", beta0), ModelParameter("beta1", beta1),
         ModelParameter("gamma", gamma), ModelParameter("seasonLength", Double(seasonLength)),
         ModelParameter("aicc", aicc)]
    }

    /// State after some observations.
    struct State {
        var level: Double
        var potential: Double
        /// Seasonal level per slot (partial: the index; full: the real part).
        var seasonalLevel: [Double]
        /// Seasonal potential per slot (full form only).
        var seasonalPotential: [Double]
        var count = 0
        var squaredErrors = 0.0
    }

    /// True when the discount matrix `[[1 − a₀ + a₁, −(1 − a₁)], [1 − a₀ − a₁, 1 − a₀]]` of a pair has both
    /// eigenvalues inside the unit circle.
    static func isStable(_ a0: Double, _ a1: Double) -> Bool {
        let a = 1 - a0 + a1, b = -(1 - a1), c = 1 - a0 - a1, d = 1 - a0
        let trace = a + d
        let determinant = a * d - b * c
        let discriminant = trace * trace - 4 * determinant
        if discriminant < 0 { return determinant < 1 }
        let root = discriminant.squareRoot()
        return max(abs(trace + root), abs(trace - root)) / 2 < 1
    }

    /// Number of parameters AICc counts: smoothing parameters, initial states and the error variance.
    static func parameterCount(_ season: Season, seasonLength m: Int) -> Int {
        switch season {
        case .none: return 2 + 2 + 1
        case .partial: return 3 + 2 + m + 1
        case .full: return 4 + 2 + 2 * m + 1
        }
    }

    /// Level = mean of the first season (or first ten values), potential = level / 1.1; seasonal parts from
    /// the first season's deviations.
    func initialState(_ y: UnsafeBufferPointer<Double>) -> State {
        let m = season == .none ? min(10, y.count) : seasonLength
        let k = max(1, min(m, y.count))
        var mean = 0.0
        for t in 0..<k { mean += y[t] }
        mean /= Double(k)
        var state = State(level: mean, potential: mean / 1.1, seasonalLevel: [], seasonalPotential: [])
        if season != .none {
            state.seasonalLevel = (0..<seasonLength).map { $0 < y.count ? y[$0] - mean : 0 }
            if season == .full { state.seasonalPotential = state.seasonalLevel.map { $0 / 1.1 } }
        }
        return state
    }

    /// One-step forecast from a state for observation number `state.count`.
    func prediction(_ s: State) -> Double {
        s.level + (s.seasonalLevel.isEmpty ? 0 : s.seasonalLevel[s.count % seasonLength])
    }

    /// Applies error `e` to the state (the observation `state.count` was `prediction + e`).
    func update(_ s: inout State, error e: Double) {
        let level = s.level
        s.level = level - (1 - alpha1) * s.potential + (alpha0 - alpha1) * e
        s.potential = level + (1 - alpha0) * s.potential + (alpha0 + alpha1) * e
        if !s.seasonalLevel.isEmpty {
            let j = s.count % seasonLength
            if season == .partial {
                s.seasonalLevel[j] += gamma * e
            } else {
                let l2 = s.seasonalLevel[j]
                s.seasonalLevel[j] = l2 - (1 - beta1) * s.seasonalPotential[j] + (beta0 - beta1) * e
                s.seasonalPotential[j] = l2 + (1 - beta0) * s.seasonalPotential[j] + (beta0 + beta1) * e
            }
        }
        s.count += 1
    }

    func advance(_ y: UnsafeBufferPointer<Double>, to stop: Int, _ s: inout State) {
        while s.count < stop {
            let e = y[s.count] - prediction(s)
            s.squaredErrors += e * e
            update(&s, error: e)
        }
    }

    func run(_ y: UnsafeBufferPointer<Double>) -> State {
        var s = initialState(y)
        advance(y, to: y.count, &s)
        return s
    }

    /// Fits one seasonal form by Nelder–Mead on `n·log(SSE/n)`; nil when too short or unstable.
    static func fit(_ season: Season, _ y: UnsafeBufferPointer<Double>, seasonLength m: Int,
                    evaluations: Int) -> CESModel? {
        let k = parameterCount(season, seasonLength: m)
        guard y.count > k + 1, season == .none || (m > 1 && y.count >= 2 * m) else { return nil }
        var start = [1.3, 1.0]
        if season == .partial { start.append(0.1) }
        if season == .full { start += [1.3, 1.0] }
        let lower = start.indices.map { season == .partial && $0 == 2 ? 0.0001 : 0.01 }
        let upper = start.indices.map { season == .partial && $0 == 2 ? 0.9999 : 1.99 }
        func model(_ p: [Double]) -> CESModel {
            CESModel(season: season, alpha0: p[0], alpha1: p[1], beta0: season == .full ? p[2] : 0,
                     beta1: season == .full ? p[3] : 0, gamma: season == .partial ? p[2] : 0, seasonLength: m,
                     aicc: .infinity)
        }
        func objective(_ p: [Double]) -> Double {
            guard isStable(p[0], p[1]), season != .full || isStable(p[2], p[3]) else { return .infinity }
            let sse = model(p).run(y).squaredErrors
            return sse.isFinite ? Double(y.count) * log(max(sse, 1e-300) / Double(y.count)) : .infinity
        }
        let best = ParameterSearch.nelderMead(start: start, lower: lower, upper: upper,
                                              maxEvaluations: evaluations * start.count, objective)
        var fitted = model(best)
        fitted.aicc = ETSModel.aicc(likelihood: objective(best), parameters: k, observations: y.count)
        return fitted.aicc.isFinite ? fitted : nil
    }

    /// Fits the non-seasonal, partial and full forms on the optimisation window and keeps the smallest AICc.
    static func fit(_ y: UnsafeBufferPointer<Double>, options: FitOptions) -> CESModel? {
        let window = options.window(y)
        var best: CESModel?
        for season in Season.allCases where season == .none || options.seasonLength > 1 {
            guard let fitted = fit(season, window, seasonLength: options.seasonLength,
                                   evaluations: max(20, options.maxEvaluations / 2)) else { continue }
            if best == nil || fitted.aicc < best!.aicc { best = fitted }
        }
        return best
    }

    /// Mean path by iterating the noise-free recursion; variance `σ²(1 + Σψⱼ²)` with the impulse response `ψ`
    /// of a unit error, computed by the same recursion.
    func forecast(from state: State, horizon: Int) -> ModelForecast {
        let sigma2 = state.squaredErrors / Double(max(1, state.count - Self.parameterCount(season, seasonLength: seasonLength)))
        var mean = [Double](repeating: 0, count: horizon)
        var weights = [Double](repeating: 0, count: horizon)
        var variance = [Double](repeating: 0, count: horizon)
        var path = state
        var shocked = state
        var accumulated = 0.0
        for h in 0..<horizon {
            let p = prediction(path)
            mean[h] = p
            weights[h] = h == 0 ? 1 : prediction(shocked) - p
            if h > 0 { accumulated += weights[h] * weights[h] }
            variance[h] = sigma2 * (1 + accumulated)
            update(&path, error: 0)
            update(&shocked, error: h == 0 ? 1 : 0)
            if h == 0 { shocked.count = path.count }
        }
        return ModelForecast(mean: mean, variance: variance, innovationWeights: weights, residuals: nil)
    }

    func forecast(history: UnsafeBufferPointer<Double>, horizon: Int) -> ModelForecast {
        forecast(from: run(history), horizon: horizon)
    }

    func forecasts(history: UnsafeBufferPointer<Double>, origins: [Int], horizon: Int) -> [ModelForecast] {
        let ascending = origins.sorted()
        guard let first = ascending.first else { return [] }
        var state = initialState(UnsafeBufferPointer(rebasing: history[0..<first]))
        var captured: [Int: State] = [:]
        for origin in ascending {
            advance(history, to: origin, &state)
            captured[origin] = state
        }
        return origins.map { forecast(from: captured[$0]!, horizon: horizon) }
    }
}
