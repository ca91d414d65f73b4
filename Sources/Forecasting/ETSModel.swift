import Foundation

/// Automatic exponential smoothing: every admissible ETS form is fitted by maximum likelihood and the one with
/// the smallest AICc on the training data is kept, as statsforecast's AutoETS and R's `ets()` do.
struct ETSModel: UnivariateModel {
    var form: ETSForm
    var alpha: Double
    var beta: Double
    var gamma: Double
    var phi: Double
    var seasonLength: Int
    /// AICc of the chosen form on the data it was fitted to.
    var aicc: Double
    /// The forms with the smallest AICc on the training window, best first: a refit on a longer history searches
    /// only these.
    var shortlist: [ETSForm] = []

    var kind: ModelKind { .autoETS }
    var parameters: [ModelParameter] {
        [ModelParameter("errorMultiplicative", form.error == .multiplicative ? 1 : 0),
         ModelParameter("trend", Double(form.trend.rawValue)),
         ModelParameter("season", Double(form.season.rawValue)),
         ModelParameter("alpha", alpha), ModelParameter("beta", beta), ModelParameter("gamma", gamma),
         ModelParameter("phi", phi), ModelParameter("seasonLength", Double(seasonLength)),
         ModelParameter("aicc", aicc)]
    }

    var filter: ETSFilter {
        ETSFilter(form: form, alpha: alpha, beta: beta, gamma: gamma, phi: phi, seasonLength: seasonLength)
    }

    /// Parameters counted by AICc: smoothing parameters, initial states and the error variance.
    static func parameterCount(_ form: ETSForm, seasonLength m: Int) -> Int {
        form.smoothingParameterCount + form.stateCount(seasonLength: m) + 1
    }

    /// `AIC + 2k(k + 1)/(n − k − 1)` with `AIC = −2·log L + 2k`; infinite when `n ≤ k + 1`.
    static func aicc(likelihood: Double, parameters k: Int, observations n: Int) -> Double {
        guard n > k + 1, likelihood.isFinite else { return .infinity }
        let kk = Double(k)
        return likelihood + 2 * kk + 2 * kk * (kk + 1) / Double(n - k - 1)
    }

    /// Fits one form: α ∈ [0.0001, 0.9999], β = α·β*, γ = (1 − α)·γ* with β*, γ* ∈ [0.0001, 0.9999] (the usual
    /// region `0 < β < α`, `0 < γ < 1 − α`), φ ∈ [0.8, 0.98], by Nelder–Mead on the likelihood.
    static func fit(_ form: ETSForm, _ y: UnsafeBufferPointer<Double>, seasonLength m: Int,
                    evaluations: Int) -> ETSModel? {
        let k = parameterCount(form, seasonLength: m)
        guard y.count > k + 1, !form.isSeasonal || y.count >= 2 * m else { return nil }
        var start = [0.3]
        var lower = [0.0001]
        var upper = [0.9999]
        if form.isTrended { start.append(0.1); lower.append(0.0001); upper.append(0.9999) }
        if form.isSeasonal { start.append(0.1); lower.append(0.0001); upper.append(0.9999) }
        if form.trend == .damped { start.append(0.95); lower.append(0.8); upper.append(0.98) }
        func model(_ p: [Double]) -> ETSFilter {
            var i = 1
            var filter = ETSFilter(form: form, alpha: p[0], seasonLength: m)
            if form.isTrended { filter.beta = p[0] * p[i]; i += 1 }
            if form.isSeasonal { filter.gamma = (1 - p[0]) * p[i]; i += 1 }
            if form.trend == .damped { filter.phi = p[i] }
            return filter
        }
        let best = ParameterSearch.nelderMead(start: start, lower: lower, upper: upper,
                                              maxEvaluations: evaluations * start.count) { p in
            let f = model(p)
            return f.likelihood(f.run(y))
        }
        let f = model(best)
        let score = aicc(likelihood: f.likelihood(f.run(y)), parameters: k, observations: y.count)
        guard score.isFinite else { return nil }
        return ETSModel(form: form, alpha: f.alpha, beta: f.beta, gamma: f.gamma, phi: f.phi, seasonLength: m,
                        aicc: score)
    }

    /// Forms kept for a refit on more data.
    static let shortlistLength = 3

    /// Fits every candidate form (or only `forms`) on the optimisation window and keeps the smallest AICc.
    static func fit(_ y: UnsafeBufferPointer<Double>, options: FitOptions, forms: [ETSForm]? = nil) -> ETSModel? {
        guard y.count >= 4 else { return nil }
        let window = options.window(y)
        let positive = window.allSatisfy { $0 > 0 }
        var fitted: [ETSModel] = []
        for form in forms ?? ETSForm.candidates(seasonLength: options.seasonLength, positive: positive) {
            if let model = fit(form, window, seasonLength: options.seasonLength,
                               evaluations: max(20, options.maxEvaluations / 2)) { fitted.append(model) }
        }
        fitted.sort { $0.aicc < $1.aicc }
        guard var best = fitted.first else { return nil }
        best.shortlist = fitted.prefix(shortlistLength).map(\.form)
        return best
    }

    /// AutoETS on a longer history than the training window it was chosen on: the AICc search runs again, over
    /// the training window's shortlist of forms only.
    func refitted(_ y: UnsafeBufferPointer<Double>, options: FitOptions) -> ETSModel? {
        Self.fit(y, options: options, forms: shortlist.isEmpty ? [form] : shortlist)
    }

    func forecast(history: UnsafeBufferPointer<Double>, horizon: Int) -> ModelForecast {
        let f = filter
        return f.forecast(from: f.run(history), horizon: horizon,
                          parameterCount: Self.parameterCount(form, seasonLength: seasonLength))
    }

    func forecasts(history: UnsafeBufferPointer<Double>, origins: [Int], horizon: Int) -> [ModelForecast] {
        let f = filter
        let ascending = origins.sorted()
        guard let first = ascending.first else { return [] }
        var state = f.initialState(UnsafeBufferPointer(rebasing: history[0..<first]))
        var captured: [Int: ETSFilter.State] = [:]
        for origin in ascending {
            f.advance(history, to: origin, &state)
            captured[origin] = state
        }
        let k = Self.parameterCount(form, seasonLength: seasonLength)
        return origins.map { origin in
            guard let s = captured[origin], s.valid else {
                return forecast(history: UnsafeBufferPointer(rebasing: history[0..<origin]), horizon: horizon)
            }
            return f.forecast(from: s, horizon: horizon, parameterCount: k)
        }
    }
}
