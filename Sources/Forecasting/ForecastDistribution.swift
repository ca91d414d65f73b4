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
        let correlated = weights.dropFirst().contains { $0 != 0 }
        var scale = [Double](repeating: 1, count: length)
        var cumulative = 0.0
        for h in 0..<length {
            cumulative += weights[h] * weights[h]
            scale[h] = cumulative > 0 ? 1 / cumulative.squareRoot() : 1
        }
        let table = SamplingTable(Array(marginals.prefix(length)), normalScores: correlated)
        var rng = SplitMix64(seed: seed)
        var shocks = [Double](repeating: 0, count: length)
        var sums = [Double](repeating: 0, count: paths)
        var dense = weights
        dense[0] = weights[0] == 0 ? 1 : weights[0]
        // Each day's inverse-CDF table is searched by normal score when days move together, else by uniform,
        // starting from its bucket index rather than bisecting.
        let keys = correlated ? table.scores : table.uniforms
        let range = correlated ? SamplingTable.scoreRange : (0.0, 1.0)
        let bucketCount = SamplingTable.bucketCount
        let bucketScale = Double(bucketCount) / (range.1 - range.0)
        for path in 0..<paths {
            var total = 0.0
            if correlated { rng.fillNormals(&shocks) }
            for h in 0..<length {
                var draw: Double
                if correlated {
                    var z = 0.0
                    for j in 0...h { z += dense[j] * shocks[h - j] }
                    draw = z * scale[h]
                } else {
                    draw = table.isNormal[h] ? rng.nextNormal() : rng.nextUniform()
                }
                if table.isNormal[h] {
                    let v = max(0, table.means[h] + table.sds[h] * draw)
                    total += table.integer[h] ? v.rounded() : v
                } else {
                    let position = (draw - range.0) * bucketScale
                    var index = position < 0 ? table.offsets[h]
                        : table.buckets[h * bucketCount + min(bucketCount - 1, Int(position))]
                    let last = table.offsets[h + 1] - 1
                    while index < last && keys[index] < draw { index += 1 }
                    total += table.values[index]
                }
            }
            sums[path] = total
        }
        return sums
    }

    /// Quantiles of the total demand over the first `days` periods, by simulation (not by adding daily quantiles).
    public func sumQuantiles(days: Int, levels: [Double], paths: Int, seed: UInt64) -> [Double] {
        if let exact = convolvedSumQuantiles(days: days, levels: levels) { return exact }
        var sums = simulatedSums(days: days, paths: paths, seed: seed)
        guard !sums.isEmpty else { return levels.map { _ in 0 } }
        let ranks = levels.map { min(sums.count - 1, max(0, Int(($0 * Double(sums.count)).rounded(.up)) - 1)) }
        if ranks.count == 1 {
            return [Self.select(rank: ranks[0], in: &sums)]
        }
        sums.sort()
        return ranks.map { sums[$0] }
    }

    /// Total mean at most this, independent count days are summed exactly by convolving their probabilities:
    /// the support stays small, so it is both cheaper than simulating and free of simulation error.
    static let convolutionMeanLimit = 50.0

    /// Exact quantiles of the total over `days` periods when the days are independent integer days (count or
    /// integer empirical marginals) with a small total
    /// (slow movers and intermittent items, the ones simulation serves worst); nil otherwise.
    func convolvedSumQuantiles(days: Int, levels: [Double]) -> [Double]? {
        let length = min(max(days, 0), marginals.count)
        guard length > 0, !innovationWeights.dropFirst().prefix(length - 1).contains(where: { $0 != 0 }) else {
            return nil
        }
        var total = 0.0
        for marginal in marginals.prefix(length) {
            switch marginal {
            case .count, .empirical(_, _, true): break
            default: return nil
            }
            guard marginal.mean <= ForecastMarginal.exactCountLimit else { return nil }
            total += marginal.mean
        }
        guard total <= Self.convolutionMeanLimit else { return nil }
        var sum: [Double] = [1]
        for marginal in marginals.prefix(length) {
            let cdf = marginal.cumulativeTable()
            let pmf = cdf.indices.map { $0 == 0 ? cdf[0] : cdf[$0] - cdf[$0 - 1] }
            var next = [Double](repeating: 0, count: sum.count + pmf.count - 1)
            for (i, a) in sum.enumerated() where a > 0 {
                for (j, b) in pmf.enumerated() { next[i + j] += a * b }
            }
            sum = next
        }
        return levels.map { level in
            var cumulative = 0.0
            for (value, probability) in sum.enumerated() {
                cumulative += probability
                if cumulative >= level - 1e-12 { return Double(value) }
            }
            return Double(sum.count - 1)
        }
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
    /// Per day, `bucketCount` starting points into its keys (normal scores when correlated, else uniforms): the
    /// first index whose key reaches the bucket's lower edge, so a lookup scans a step or two instead of bisecting.
    var buckets: [Int] = []
    static let bucketCount = 64
    static let scoreRange = (-4.0, 4.0)
    var values: [Double] = []

    /// Whether tables carry normal scores: only correlated sampling reads them, and each costs an inverse-normal
    /// evaluation.
    let hasScores: Bool

    init(_ marginals: [ForecastMarginal], normalScores: Bool = true) {
        hasScores = normalScores
        for marginal in marginals {
            switch marginal {
            case let .count(mean, variance) where mean > ForecastMarginal.exactCountLimit:
                appendNormal(mean: mean, sd: max(variance, mean).squareRoot(), integer: true)
            case .count, .empirical(_, _, true):
                let cdf = marginal.cumulativeTable()
                appendTable(cdf.indices.map { (cdf[$0], Double($0)) }, mean: marginal.mean)
            case let .normal(mean, sd, isInteger):
                appendNormal(mean: mean, sd: sd, integer: isInteger)
            case let .empirical(mean, residuals, false):
                guard mean > 0, residuals.count > 0 else {
                    appendTable([(1, max(0, mean))], mean: mean)
                    continue
                }
                let s = residuals.shift(keepingMean: mean)
                let n = Double(residuals.count)
                appendTable(residuals.values.enumerated().map { (Double($0 + 1) / n, max(0, s + $1)) }, mean: mean)
            }
        }
    }

    /// A normal day is sampled as `max(0, s + σZ)` at the location `s` that keeps its mean at the forecast.
    private mutating func appendNormal(mean: Double, sd: Double, integer isInteger: Bool) {
        isNormal.append(true)
        means.append(mean > 0 ? NormalDistribution.clippedLocation(mean: mean, standardDeviation: sd) : -.infinity)
        sds.append(sd)
        integer.append(isInteger)
        offsets.append(uniforms.count)
        buckets.append(contentsOf: repeatElement(0, count: Self.bucketCount))
    }

    private mutating func appendTable(_ points: [(Double, Double)], mean: Double) {
        isNormal.append(false)
        means.append(mean)
        sds.append(0)
        integer.append(false)
        for (index, point) in points.enumerated() {
            let u = index == points.count - 1 ? 1.0 : min(point.0, 1)
            uniforms.append(u)
            if hasScores { scores.append(u >= 1 ? .infinity : NormalDistribution.quantile(u)) }
            values.append(point.1)
        }
        offsets.append(uniforms.count)
        let keys = hasScores ? scores : uniforms
        let (low, high) = hasScores ? Self.scoreRange : (0.0, 1.0)
        var index = offsets[offsets.count - 2]
        for bucket in 0..<Self.bucketCount {
            let edge = low + (high - low) * Double(bucket) / Double(Self.bucketCount)
            while index < uniforms.count - 1 && keys[index] < edge { index += 1 }
            buckets.append(index)
        }
    }
}
