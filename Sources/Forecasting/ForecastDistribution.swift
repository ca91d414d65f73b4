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
        simulatedSums(days: days, paths: paths, seed: seed).sorted()
    }

    /// Simulated totals over the first `days` periods, in path order.
    func simulatedSums(days: Int, paths: Int, seed: UInt64) -> [Double] {
        let length = min(max(days, 0), marginals.count)
        guard length > 0, paths > 0 else { return Array(repeating: 0, count: max(paths, 0)) }
        let weights = (0..<length).map { $0 < innovationWeights.count ? innovationWeights[$0] : 0 }
        let lags = weights.indices.filter { $0 > 0 && weights[$0] != 0 }
        var scale = [Double](repeating: 1, count: length)
        var cumulative = 0.0
        for h in 0..<length {
            cumulative += weights[h] * weights[h]
            scale[h] = cumulative > 0 ? 1 / cumulative.squareRoot() : 1
        }
        let table = SamplingTable(Array(marginals.prefix(length)))
        var rng = SplitMix64(seed: seed)
        var shocks = [Double](repeating: 0, count: length)
        var sums = [Double](repeating: 0, count: paths)
        let w0 = weights[0] == 0 ? 1 : weights[0]
        for path in 0..<paths {
            var total = 0.0
            if lags.isEmpty {
                for h in 0..<length {
                    total += table.isNormal[h]
                        ? table.normalValue(h, rng.nextNormal())
                        : table.tableValue(h, uniform: rng.nextUniform())
                }
            } else {
                rng.fillNormals(&shocks)
                for h in 0..<length {
                    var z = w0 * shocks[h]
                    for j in lags {
                        if j > h { break }
                        z += weights[j] * shocks[h - j]
                    }
                    z *= scale[h]
                    total += table.isNormal[h] ? table.normalValue(h, z) : table.tableValue(h, normalScore: z)
                }
            }
            sums[path] = total
        }
        return sums
    }

    /// Quantiles of the total demand over the first `days` periods, by simulation (not by adding daily quantiles).
    public func sumQuantiles(days: Int, levels: [Double], paths: Int, seed: UInt64) -> [Double] {
        var sums = simulatedSums(days: days, paths: paths, seed: seed)
        guard !sums.isEmpty else { return levels.map { _ in 0 } }
        let ranks = levels.map { min(sums.count - 1, max(0, Int(($0 * Double(sums.count)).rounded(.up)) - 1)) }
        if ranks.count == 1 {
            return [Self.select(rank: ranks[0], in: &sums)]
        }
        sums.sort()
        return ranks.map { sums[$0] }
    }

    /// The `rank`-th smallest value (0-based), by quickselect: what a sort would put there, without the sort.
    static func select(rank: Int, in values: inout [Double]) -> Double {
        var low = 0
        var high = values.count - 1
        while low < high {
            let pivot = values[(low + high) / 2]
            var i = low
            var j = high
            while i <= j {
                while values[i] < pivot { i += 1 }
                while values[j] > pivot { j -= 1 }
                if i <= j {
                    values.swapAt(i, j)
                    i += 1
                    j -= 1
                }
            }
            if rank <= j { high = j } else if rank >= i { low = i } else { return values[rank] }
        }
        return values[rank]
    }
}

/// Flattened inverse-CDF tables of several marginals, searchable by uniform or by normal score.
struct SamplingTable {
    var isNormal: [Bool] = []
    var means: [Double] = []
    var sds: [Double] = []
    var integer: [Bool] = []
    var offsets: [Int] = [0]
    var uniforms: [Double] = []
    var scores: [Double] = []
    var values: [Double] = []

    init(_ marginals: [ForecastMarginal]) {
        for marginal in marginals {
            switch marginal {
            case let .count(mean, variance) where mean > ForecastMarginal.exactCountLimit:
                appendNormal(mean: mean, sd: max(variance, mean).squareRoot(), integer: true)
            case let .count(mean, _):
                let cdf = marginal.cumulativeTable()
                appendTable(cdf.indices.map { (cdf[$0], Double($0)) }, mean: mean)
            case let .normal(mean, sd, isInteger):
                appendNormal(mean: mean, sd: sd, integer: isInteger)
            case let .empirical(mean, residuals, isInteger):
                let n = Double(max(residuals.count, 1))
                let points = residuals.enumerated().map { i, r -> (Double, Double) in
                    let v = max(0, mean + r)
                    return (Double(i + 1) / n, isInteger ? v.rounded() : v)
                }
                appendTable(points.isEmpty ? [(1, max(0, mean))] : points, mean: mean)
            }
        }
    }

    private mutating func appendNormal(mean: Double, sd: Double, integer isInteger: Bool) {
        isNormal.append(true)
        means.append(mean)
        sds.append(sd)
        integer.append(isInteger)
        offsets.append(uniforms.count)
    }

    private mutating func appendTable(_ points: [(Double, Double)], mean: Double) {
        isNormal.append(false)
        means.append(mean)
        sds.append(0)
        integer.append(false)
        for (index, point) in points.enumerated() {
            let u = index == points.count - 1 ? 1.0 : min(point.0, 1)
            uniforms.append(u)
            scores.append(u >= 1 ? .infinity : NormalDistribution.quantile(u))
            values.append(point.1)
        }
        offsets.append(uniforms.count)
    }

    /// Normal marginal at score `z`, clipped at zero (rounded for integer data).
    func normalValue(_ h: Int, _ z: Double) -> Double {
        let v = max(0, means[h] + sds[h] * z)
        return integer[h] ? v.rounded() : v
    }

    /// Smallest table value whose cumulative probability reaches `u`.
    func tableValue(_ h: Int, uniform u: Double) -> Double {
        values[Self.search(uniforms, offsets[h], offsets[h + 1], u)]
    }

    /// Smallest table value whose normal score reaches `z` (no CDF evaluation needed).
    func tableValue(_ h: Int, normalScore z: Double) -> Double {
        values[Self.search(scores, offsets[h], offsets[h + 1], z)]
    }

    private static func search(_ keys: [Double], _ start: Int, _ end: Int, _ key: Double) -> Int {
        var low = start
        var high = end - 1
        while low < high {
            let mid = (low + high) >> 1
            if keys[mid] >= key { high = mid } else { low = mid + 1 }
        }
        return low
    }
}
