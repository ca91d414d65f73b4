/// Teunter–Syntetos–Babai: smooth the probability of a demand every period (α_p) and the demand size only
/// when demand occurs (α_d); forecast probability × size. Both α are picked from a small grid on one-step SSE.
struct TSBModel: UnivariateModel {
    var alphaDemand: Double
    var alphaProbability: Double

    var kind: ModelKind { .tsb }
    var parameters: [ModelParameter] {
        [ModelParameter("alphaDemand", alphaDemand), ModelParameter("alphaProbability", alphaProbability)]
    }

    static let grid: [Double] = [0.05, 0.1, 0.2, 0.3, 0.5]

    /// Grid search over α_d × α_p.
    static func fit(_ y: UnsafeBufferPointer<Double>, options: FitOptions) -> TSBModel? {
        guard y.count >= 2 else { return nil }
        let window = options.window(y)
        var best = TSBModel(alphaDemand: 0.1, alphaProbability: 0.1)
        var bestSSE = Double.infinity
        for ad in grid {
            for ap in grid {
                let candidate = TSBModel(alphaDemand: ad, alphaProbability: ap)
                let mse = candidate.recursion(window).mse
                if mse < bestSSE {
                    bestSSE = mse
                    best = candidate
                }
            }
        }
        return best
    }

    /// Final rate and mean squared one-step error.
    func recursion(_ y: UnsafeBufferPointer<Double>) -> (rate: Double, mse: Double) {
        guard let firstDemand = y.first(where: { $0 != 0 }) else { return (0, 0) }
        var probability = y[0] != 0 ? 1.0 : 0.0
        var size = firstDemand
        var sse = 0.0
        for t in 0..<y.count {
            let e = y[t] - probability * size
            sse += e * e
            if y[t] != 0 {
                probability += alphaProbability * (1 - probability)
                size += alphaDemand * (y[t] - size)
            } else {
                probability -= alphaProbability * probability
            }
        }
        return (probability * size, sse / Double(max(y.count, 1)))
    }

    func forecast(history y: UnsafeBufferPointer<Double>, horizon: Int) -> ModelForecast {
        let result = recursion(y)
        return .flat(rate: result.rate, variance: result.mse, horizon: horizon)
    }
}
