/// Additive Holt-Winters with damped trend; the season length comes from the data frequency (7 daily, 12 monthly).
struct HoltWinters: UnivariateModel {
    var alpha: Double
    var beta: Double
    var gamma: Double
    var phi: Double
    var seasonLength: Int

    var kind: ModelKind { .holtWinters }
    var parameters: [ModelParameter] {
        [ModelParameter("alpha", alpha), ModelParameter("beta", beta), ModelParameter("gamma", gamma),
         ModelParameter("phi", phi), ModelParameter("seasonLength", Double(seasonLength))]
    }

    private var recursion: ETSRecursion {
        ETSRecursion(alpha: alpha, beta: beta, gamma: gamma, phi: phi, trended: true, seasonLength: seasonLength)
    }

    /// Needs at least two full seasons plus two points; fits α, β = α·β*, γ = (1−α)·γ*, φ by Nelder–Mead.
    static func fit(_ y: UnsafeBufferPointer<Double>, options: FitOptions) -> HoltWinters? {
        let m = options.seasonLength
        guard m > 1, y.count >= 2 * m + 2 else { return nil }
        var window = options.window(y)
        if window.count < 2 * m + 2 { window = y }
        let best = ParameterSearch.nelderMead(start: [0.2, 0.05, 0.1, 0.95], lower: [0.01, 0.001, 0.001, 0.8],
                                              upper: [0.99, 0.5, 0.99, 0.98],
                                              maxEvaluations: options.maxEvaluations) { p in
            ETSRecursion(alpha: p[0], beta: p[0] * p[1], gamma: (1 - p[0]) * p[2], phi: p[3],
                         trended: true, seasonLength: m).run(window).sse
        }
        return HoltWinters(alpha: best[0], beta: best[0] * best[1], gamma: (1 - best[0]) * best[2],
                           phi: best[3], seasonLength: m)
    }

    func forecast(history: UnsafeBufferPointer<Double>, horizon: Int) -> ModelForecast {
        recursion.forecast(history, horizon: horizon)
    }

    func forecasts(history: UnsafeBufferPointer<Double>, origins: [Int], horizon: Int) -> [ModelForecast] {
        recursion.forecasts(history, origins: origins, horizon: horizon)
    }
}
