import Foundation

/// The predictive distribution of demand in one future period; every quantile is clipped at zero.
public enum ForecastMarginal: Sendable, Equatable {
    /// Count demand: negative binomial with this mean and variance (Poisson when variance ≤ mean).
    case count(mean: Double, variance: Double)
    /// Continuous demand: normal, clipped at zero; rounded to integers when `integer` is true.
    case normal(mean: Double, standardDeviation: Double, integer: Bool)
    /// Mean plus an empirical residual distribution (sorted residuals), clipped at zero.
    case empirical(mean: Double, residuals: [Double], integer: Bool)

    /// Means above this use a Cornish–Fisher normal approximation of the negative binomial.
    static let exactCountLimit = 150.0

    /// Quantiles for ascending `levels` in one pass.
    public func quantiles(_ levels: [Double]) -> [Double] {
        quantiles(levels, exactCountLimit: Self.exactCountLimit)
    }

    /// Quantiles with a chosen switch-over mean to the Cornish–Fisher approximation (cheaper in backtests).
    func quantiles(_ levels: [Double], exactCountLimit: Double) -> [Double] {
        switch self {
        case let .count(mean, variance):
            return Self.countQuantiles(mean: mean, variance: variance, levels: levels, exactLimit: exactCountLimit)
        case let .normal(mean, sd, integer):
            return levels.map { level in
                let q = max(0, mean + sd * NormalDistribution.quantile(level))
                return integer ? q.rounded() : q
            }
        case let .empirical(mean, residuals, integer):
            return levels.map { level in
                let q = max(0, mean + Self.empiricalQuantile(residuals, level))
                return integer ? q.rounded() : q
            }
        }
    }

    /// Quantile at one level.
    public func quantile(_ level: Double) -> Double {
        quantiles([level])[0]
    }

    /// Linear-interpolated quantile of sorted values.
    static func empiricalQuantile(_ sorted: [Double], _ level: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        let position = level * Double(sorted.count - 1)
        let lower = Int(position.rounded(.down))
        let upper = min(lower + 1, sorted.count - 1)
        let fraction = position - Double(lower)
        return sorted[lower] + fraction * (sorted[upper] - sorted[lower])
    }

    /// Negative-binomial (or Poisson) quantiles by walking the CDF once for all ascending levels.
    static func countQuantiles(mean: Double, variance: Double, levels: [Double],
                               exactLimit: Double = exactCountLimit) -> [Double] {
        guard mean > 1e-12 else { return Array(repeating: 0, count: levels.count) }
        let v = max(variance, mean)
        if mean > exactLimit {
            let sd = v.squareRoot()
            let skew = (2 * v - mean) / (v * sd)
            return levels.map { level in
                let z = NormalDistribution.quantile(level)
                return max(0, (mean + sd * (z + (z * z - 1) * skew / 6)).rounded())
            }
        }
        let poisson = v <= mean * (1 + 1e-9)
        let p = mean / v
        let r = poisson ? 0 : mean * mean / (v - mean)
        var pmf = poisson ? exp(-mean) : exp(r * log(p))
        var cdf = pmf
        var k = 0
        let limit = Int(mean + 60 * v.squareRoot() + 60)
        var result = [Double](repeating: 0, count: levels.count)
        for (i, level) in levels.enumerated() {
            while cdf < level - 1e-12 && k < limit {
                pmf *= poisson ? mean / Double(k + 1) : (Double(k) + r) / Double(k + 1) * (1 - p)
                k += 1
                cdf += pmf
            }
            result[i] = Double(k)
        }
        return result
    }

    /// Cumulative probabilities P(X ≤ k) for k = 0, 1, … until `1 − tail` (count marginals only).
    func cumulativeTable(tail: Double = 1e-9) -> [Double] {
        guard case let .count(mean, variance) = self, mean > 1e-12 else { return [1] }
        let v = max(variance, mean)
        let poisson = v <= mean * (1 + 1e-9)
        let p = mean / v
        let r = poisson ? 0 : mean * mean / (v - mean)
        var pmf = poisson ? exp(-mean) : exp(r * log(p))
        var cdf = pmf
        var table = [cdf]
        var k = 0
        let limit = Int(mean + 60 * v.squareRoot() + 60)
        while cdf < 1 - tail && k < limit {
            pmf *= poisson ? mean / Double(k + 1) : (Double(k) + r) / Double(k + 1) * (1 - p)
            k += 1
            cdf += pmf
            table.append(cdf)
        }
        return table
    }
}
