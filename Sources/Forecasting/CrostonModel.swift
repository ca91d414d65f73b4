/// Croston's method: smooth non-zero demand sizes and inter-demand intervals separately (α = 0.1, as in
/// statsforecast) and forecast size / interval; the SBA variant multiplies by `1 − α/2` to remove Croston's bias.
struct CrostonModel: UnivariateModel {
    /// Classic Croston or the Syntetos–Boylan approximation.
    enum Variant: Sendable { case classic, sba }

    var variant: Variant
    var alpha: Double = 0.1

    var kind: ModelKind { variant == .classic ? .croston : .crostonSBA }
    var parameters: [ModelParameter] { [ModelParameter("alpha", alpha)] }

    private var correction: Double { variant == .sba ? 1 - alpha / 2 : 1 }

    /// Runs the size/interval recursion; returns the final rate and the mean squared one-step error.
    func recursion(_ y: UnsafeBufferPointer<Double>) -> (rate: Double, mse: Double) {
        var size = 0.0
        var interval = 0.0
        var lastDemand = -1
        var sse = 0.0
        var count = 0
        for t in 0..<y.count {
            if lastDemand >= 0 {
                let e = y[t] - correction * size / interval
                sse += e * e
                count += 1
            }
            guard y[t] != 0 else { continue }
            if lastDemand < 0 {
                size = y[t]
                interval = Double(t + 1)
            } else {
                size += alpha * (y[t] - size)
                interval += alpha * (Double(t - lastDemand) - interval)
            }
            lastDemand = t
        }
        guard lastDemand >= 0 else { return (0, 0) }
        return (correction * size / interval, count > 0 ? sse / Double(count) : 0)
    }

    func forecast(history y: UnsafeBufferPointer<Double>, horizon: Int) -> ModelForecast {
        let result = recursion(y)
        return .flat(rate: result.rate, variance: result.mse, horizon: horizon)
    }
}
