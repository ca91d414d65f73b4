import Foundation

/// The Theta method (Assimakopoulos & Nikolopoulos 2000) on seasonally adjusted data.
///
/// The forecast weights the regression line `L_t = a + bt` by `1 − 1/θ` and simple exponential smoothing of the
/// theta line `θy + (1 − θ)L` by `1/θ`. By linearity of SES that equals SES of the data plus a drift:
/// `ŷ_{n+h} = ℓ_n + (1 − 1/θ)·b·(h + (1 − α)/α·(1 − (1 − α)^n))` (Hyndman & Billah 2003), which for the standard
/// θ = 2 is SES with half the regression slope as drift. α (and, optimised, θ ∈ [1, 5]) minimise the in-sample
/// one-step squared error of that forecast. When the data are positive, at least three seasons long, and their
/// lag-m autocorrelation is significant at 90%, they are first divided by classical multiplicative seasonal indices
/// and the forecast is multiplied back.
struct ThetaModel: UnivariateModel {
    var alpha: Double
    var theta: Double
    var optimized: Bool
    var seasonLength: Int

    var kind: ModelKind { optimized ? .optimizedTheta : .theta }
    var parameters: [ModelParameter] {
        [ModelParameter("alpha", alpha), ModelParameter("theta", theta),
         ModelParameter("seasonLength", Double(seasonLength))]
    }

    /// Multiplicative seasonal indices when the data pass the seasonality test, else nil.
    static func seasonalIndices(_ y: UnsafeBufferPointer<Double>, seasonLength m: Int) -> [Double]? {
        let n = y.count
        guard m > 1, n >= 3 * m, y.allSatisfy({ $0 > 0 }) else { return nil }
        let mean = y.reduce(0, +) / Double(n)
        var denominator = 0.0
        for t in 0..<n { denominator += (y[t] - mean) * (y[t] - mean) }
        guard denominator > 0 else { return nil }
        func autocorrelation(_ k: Int) -> Double {
            var s = 0.0
            for t in k..<n { s += (y[t] - mean) * (y[t - k] - mean) }
            return s / denominator
        }
        var sum = 0.0
        for k in 1..<m { sum += autocorrelation(k) * autocorrelation(k) }
        let limit = 1.645 * ((1 + 2 * sum) / Double(n)).squareRoot()
        guard abs(autocorrelation(m)) > limit else { return nil }
        return ETSFilter.seasonalIndices(y, seasonLength: m, seasons: n / m, multiplicative: true)
    }

    /// Slope of the least-squares line through `(t, x_t)`, `t = 1…n`.
    static func slope(_ x: [Double]) -> Double {
        let n = Double(x.count)
        guard x.count >= 2 else { return 0 }
        var sx = 0.0, sy = 0.0, sxx = 0.0, sxy = 0.0
        for (i, v) in x.enumerated() {
            let t = Double(i + 1)
            sx += t; sy += v; sxx += t * t; sxy += t * v
        }
        return (n * sxy - sx * sy) / (n * sxx - sx * sx)
    }

    /// Drift multiplier of step `h` after `n` observations: `h + (1 − α)/α·(1 − (1 − α)^n)`.
    static func drift(h: Double, n: Int, alpha: Double) -> Double {
        h + (1 - alpha) / alpha * (1 - pow(1 - alpha, Double(n)))
    }

    /// In-sample run over adjusted data `x`: SES level from `ℓ₀ = x₁`, and the sum of squared one-step errors of
    /// the theta forecast.
    static func run(_ x: [Double], alpha: Double, theta: Double, slope b: Double) -> (level: Double, sse: Double) {
        var level = x[0]
        var sse = 0.0
        let weight = (1 - 1 / theta) * b
        for t in 0..<x.count {
            level += alpha * (x[t] - level)
            if t + 1 < x.count {
                let e = x[t + 1] - (level + weight * drift(h: 1, n: t + 1, alpha: alpha))
                sse += e * e
            }
        }
        return (level, sse)
    }

    /// Seasonally adjusted data and the indices used (nil when not seasonal).
    static func adjusted(_ y: UnsafeBufferPointer<Double>, seasonLength m: Int) -> ([Double], [Double]?) {
        guard let indices = seasonalIndices(y, seasonLength: m) else { return (Array(y), nil) }
        return ((0..<y.count).map { y[$0] / indices[$0 % m] }, indices)
    }

    /// Standard Theta (θ = 2, α by golden section) or optimised Theta (α and θ by Nelder–Mead).
    static func fit(_ y: UnsafeBufferPointer<Double>, options: FitOptions, optimized: Bool) -> ThetaModel? {
        guard y.count >= 4 else { return nil }
        let (x, _) = adjusted(options.window(y), seasonLength: options.seasonLength)
        let b = slope(x)
        if optimized {
            let best = ParameterSearch.nelderMead(start: [0.3, 2], lower: [0.01, 1], upper: [0.99, 5],
                                                  maxEvaluations: max(40, options.maxEvaluations)) { p in
                run(x, alpha: p[0], theta: p[1], slope: b).sse
            }
            return ThetaModel(alpha: best[0], theta: best[1], optimized: true, seasonLength: options.seasonLength)
        }
        let alpha = ParameterSearch.goldenSection(lower: 0.01, upper: 0.99) { a in run(x, alpha: a, theta: 2, slope: b).sse }
        return ThetaModel(alpha: alpha, theta: 2, optimized: false, seasonLength: options.seasonLength)
    }

    /// Forecast with variance `σ²(1 + (h − 1)α²)` (SES with drift), times the squared seasonal index.
    func forecast(history: UnsafeBufferPointer<Double>, horizon: Int) -> ModelForecast {
        let (x, indices) = Self.adjusted(history, seasonLength: seasonLength)
        guard !x.isEmpty else { return .flat(rate: 0, variance: 0, horizon: horizon) }
        let b = Self.slope(x)
        let (level, sse) = Self.run(x, alpha: alpha, theta: theta, slope: b)
        let sigma2 = sse / Double(max(1, x.count - 3))
        let n = x.count
        var mean = [Double](repeating: 0, count: horizon)
        var variance = [Double](repeating: 0, count: horizon)
        var weights = [Double](repeating: alpha, count: horizon)
        if horizon > 0 { weights[0] = 1 }
        for h in 0..<horizon {
            let index = indices.map { $0[(n + h) % seasonLength] } ?? 1
            mean[h] = (level + (1 - 1 / theta) * b * Self.drift(h: Double(h + 1), n: n, alpha: alpha)) * index
            variance[h] = sigma2 * (1 + Double(h) * alpha * alpha) * index * index
        }
        return ModelForecast(mean: mean, variance: variance, innovationWeights: weights, residuals: nil)
    }
}
