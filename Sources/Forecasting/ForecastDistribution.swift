import Foundation

/// The joint predictive distribution of the future path: one marginal per period plus the model's
/// innovation impulse response, which links the periods through a Gaussian copula.
///
/// Sums over a lead time are simulated: a correlated standard-normal path is built from the impulse
/// response (so a random-walk model's days move together, an intermittent model's days are independent),
/// each period's value is that normal score mapped through its own marginal, and the periods are added.
public struct ForecastDistribution: Sendable, Equatable {
    /// Marginal distribution of each future period.
    public let marginals: [ForecastMarginal]
    /// Effect of one innovation on the following periods (`[1, c₁, c₂, …]`).
    public let innovationWeights: [Double]

    /// Creates a distribution from per-period marginals and an innovation impulse response.
    public init(marginals: [ForecastMarginal], innovationWeights: [Double]) {
        self.marginals = marginals
        self.innovationWeights = innovationWeights
    }

    /// Number of periods the distribution covers.
    public var periods: Int { marginals.count }

    /// Simulated totals over the first `days` periods (sorted ascending), deterministic for a seed.
    public func sampleSums(days: Int, paths: Int, seed: UInt64) -> [Double] {
        let length = min(max(days, 0), marginals.count)
        guard length > 0, paths > 0 else { return Array(repeating: 0, count: max(paths, 0)) }
        let weights = Array(innovationWeights.prefix(length))
        let lags = weights.indices.filter { $0 > 0 && weights[$0] != 0 }
        var scale = [Double](repeating: 1, count: length)
        var cumulative = 0.0
        for h in 0..<length {
            cumulative += h < weights.count ? weights[h] * weights[h] : 0
            scale[h] = cumulative > 0 ? 1 / cumulative.squareRoot() : 1
        }
        let samplers = marginals.prefix(length).map(MarginalSampler.init)
        var rng = SplitMix64(seed: seed)
        var shocks = [Double](repeating: 0, count: length)
        var sums = [Double](repeating: 0, count: paths)
        for path in 0..<paths {
            var total = 0.0
            if lags.isEmpty {
                for h in 0..<length {
                    total += samplers[h].value(uniform: rng.nextUniform())
                }
            } else {
                for h in 0..<length { shocks[h] = rng.nextNormal() }
                for h in 0..<length {
                    var z = (weights.first ?? 1) * shocks[h]
                    for j in lags where j <= h { z += weights[j] * shocks[h - j] }
                    total += samplers[h].value(normalScore: z * scale[h])
                }
            }
            sums[path] = total
        }
        sums.sort()
        return sums
    }

    /// Quantiles of the total demand over the first `days` periods, by simulation (not by adding daily quantiles).
    public func sumQuantiles(days: Int, levels: [Double], paths: Int, seed: UInt64) -> [Double] {
        let sums = sampleSums(days: days, paths: paths, seed: seed)
        return levels.map { level in
            guard !sums.isEmpty else { return 0 }
            let index = min(sums.count - 1, max(0, Int((level * Double(sums.count)).rounded(.up)) - 1))
            return sums[index]
        }
    }
}

/// Inverse-CDF sampler of one marginal, precomputed for repeated draws.
struct MarginalSampler: Sendable {
    private let marginal: ForecastMarginal
    private let table: [Double]

    init(_ marginal: ForecastMarginal) {
        self.marginal = marginal
        if case let .count(mean, _) = marginal, mean <= ForecastMarginal.exactCountLimit {
            table = marginal.cumulativeTable()
        } else {
            table = []
        }
    }

    /// Value at the quantile `u` of the marginal.
    func value(uniform u: Double) -> Double {
        switch marginal {
        case let .count(mean, _):
            guard !table.isEmpty else { return marginal.quantile(u) }
            guard mean > 1e-12 else { return 0 }
            var low = 0
            var high = table.count - 1
            while low < high {
                let mid = (low + high) / 2
                if table[mid] >= u { high = mid } else { low = mid + 1 }
            }
            return Double(low)
        case let .normal(mean, sd, integer):
            let q = max(0, mean + sd * NormalDistribution.quantile(u))
            return integer ? q.rounded() : q
        case let .empirical(mean, residuals, integer):
            let q = max(0, mean + ForecastMarginal.empiricalQuantile(residuals, u))
            return integer ? q.rounded() : q
        }
    }

    /// Value at the standard-normal score `z`.
    func value(normalScore z: Double) -> Double {
        if case let .normal(mean, sd, integer) = marginal {
            let q = max(0, mean + sd * z)
            return integer ? q.rounded() : q
        }
        return value(uniform: min(max(NormalDistribution.cdf(z), 1e-15), 1 - 1e-15))
    }
}
