import Foundation

/// The predictive distribution of demand in one future period: non-negative, and its mean is the point forecast,
/// so no quantile can contradict the mean (Markov's inequality: mean ≥ (1 − p) · q_p).
///
/// A normal or empirical forecast clipped at zero would have a larger mean than the point forecast whenever the
/// clipped part matters (a slow mover's mean of 0.12 with q80 = 2); both therefore sit at the location that keeps
/// the clipped mean at the point forecast. Integer demand is the continuous value rounded stochastically (up
/// with probability equal to its fractional part), which keeps the mean too.
public enum ForecastMarginal: Sendable, Equatable {
    /// Count demand: negative binomial with this mean and variance (Poisson when variance ≤ mean).
    case count(mean: Double, variance: Double)
    /// Continuous demand: `max(0, s + σZ)` with `s` placed so its mean is `mean`; integer-valued when `integer`.
    case normal(mean: Double, standardDeviation: Double, integer: Bool)
    /// `max(0, s + r)` for equally likely residual atoms `r`, `s` placed so its mean is `mean`; integer-valued
    /// when `integer`.
    case empirical(mean: Double, residuals: ResidualAtoms, integer: Bool)

    /// Means above this use a Cornish–Fisher normal approximation of the negative binomial.
    static let exactCountLimit = 150.0

    /// The point forecast this distribution is centred on (its mean).
    public var mean: Double {
        switch self {
        case let .count(mean, _), let .normal(mean, _, _), let .empirical(mean, _, _): return max(0, mean)
        }
    }

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
            guard mean > 0 else { return levels.map { _ in 0 } }
            let s = NormalDistribution.clippedLocation(mean: mean, standardDeviation: sd)
            return levels.map { level in
                let q = max(0, s + sd * NormalDistribution.quantile(level))
                guard integer, sd > 0 else { return integer ? Self.roundedPoint(q, level) : q }
                let down = q.rounded(.down)
                if down == q { return q }
                let cdf = NormalDistribution.integratedCDF(from: down, to: down + 1, location: s, standardDeviation: sd)
                return cdf >= level - 1e-12 ? down : down + 1
            }
        case let .empirical(mean, residuals, integer):
            guard mean > 0 else { return levels.map { _ in 0 } }
            guard residuals.count > 0 else { return levels.map { integer ? Self.roundedPoint(mean, $0) : mean } }
            let s = residuals.shift(keepingMean: mean)
            return integer ? residuals.roundedQuantiles(levels, shift: s) : levels.map { residuals.quantile($0, shift: s) }
        }
    }

    /// Quantile of a certain value `v` rounded stochastically: `floor(v)` below level `1 − frac(v)`, else `ceil(v)`.
    static func roundedPoint(_ v: Double, _ level: Double) -> Double {
        let down = v.rounded(.down)
        return level <= 1 - (v - down) + 1e-12 ? down : down + 1
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

    /// Cumulative probabilities P(X ≤ k) for k = 0, 1, … until `1 − tail`: count marginals, and integer empirical
    /// ones (exactly, up to their largest value).
    func cumulativeTable(tail: Double = 1e-9) -> [Double] {
        if case let .empirical(mean, residuals, true) = self {
            guard mean > 1e-12 else { return [1] }
            guard residuals.count > 0 else {
                let down = mean.rounded(.down)
                return down == mean ? Array(repeating: 0, count: Int(mean)) + [1]
                    : Array(repeating: 0, count: Int(down)) + [1 - (mean - down), 1]
            }
            let s = residuals.shift(keepingMean: mean)
            let top = Int(max(0, s + residuals.values[residuals.count - 1]).rounded(.up))
            return (0...top).map { $0 == top ? 1 : min(1, residuals.roundedCDF(Double($0), shift: s)) }
        }
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
