/// Simple exponential smoothing, `ℓ ← ℓ + α(y − ℓ)`, with α chosen by golden-section search on one-step SSE.
struct SimpleExponentialSmoothing: UnivariateModel {
    var alpha: Double

    var kind: ModelKind { .ses }
    var parameters: [ModelParameter] { [ModelParameter("alpha", alpha)] }

    /// Fits α in [0.01, 0.99] (statsforecast's bounds for SES-optimised).
    static func fit(_ y: UnsafeBufferPointer<Double>, options: FitOptions) -> SimpleExponentialSmoothing? {
        guard y.count >= 2 else { return nil }
        let window = options.window(y)
        let alpha = ParameterSearch.goldenSection(lower: 0.01, upper: 0.99) { a in
            ETSRecursion(alpha: a).run(window).sse
        }
        return SimpleExponentialSmoothing(alpha: alpha)
    }

    func forecast(history: UnsafeBufferPointer<Double>, horizon: Int) -> ModelForecast {
        ETSRecursion(alpha: alpha).forecast(history, horizon: horizon)
    }

    func forecasts(history: UnsafeBufferPointer<Double>, origins: [Int], horizon: Int) -> [ModelForecast] {
        ETSRecursion(alpha: alpha).forecasts(history, origins: origins, horizon: horizon)
    }
}
