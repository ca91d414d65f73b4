/// Holt's linear method with a damped trend (additive errors), fitted by Nelder–Mead on one-step SSE.
struct DampedHolt: UnivariateModel {
    var alpha: Double
    var beta: Double
    var phi: Double

    var kind: ModelKind { .holtDamped }
    var parameters: [ModelParameter] {
        [ModelParameter("alpha", alpha), ModelParameter("beta", beta), ModelParameter("phi", phi)]
    }

    private var recursion: ETSRecursion {
        ETSRecursion(alpha: alpha, beta: beta, phi: phi, trended: true)
    }

    /// Fits α ∈ [0.01, 0.99], β = α·β* with β* ∈ [0.001, 0.5], φ ∈ [0.8, 0.98].
    static func fit(_ y: UnsafeBufferPointer<Double>, options: FitOptions) -> DampedHolt? {
        guard y.count >= 6 else { return nil }
        let window = options.window(y)
        let best = ParameterSearch.nelderMead(start: [0.3, 0.1, 0.9], lower: [0.01, 0.001, 0.8],
                                              upper: [0.99, 0.5, 0.98],
                                              maxEvaluations: options.maxEvaluations) { p in
            ETSRecursion(alpha: p[0], beta: p[0] * p[1], phi: p[2], trended: true).run(window).sse
        }
        return DampedHolt(alpha: best[0], beta: best[0] * best[1], phi: best[2])
    }

    func forecast(history: UnsafeBufferPointer<Double>, horizon: Int) -> ModelForecast {
        recursion.forecast(history, horizon: horizon)
    }

    func forecasts(history: UnsafeBufferPointer<Double>, origins: [Int], horizon: Int) -> [ModelForecast] {
        recursion.forecasts(history, origins: origins, horizon: horizon)
    }
}
