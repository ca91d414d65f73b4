import Foundation

/// The few distributions the demo network needs, written small so that their output depends only on the seed.
extension SeededGenerator {
    /// A uniform double in [0, 1) with 53 random bits.
    @inline(__always)
    public mutating func uniform() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A uniform integer in `range` (slight modulo bias is irrelevant for demo data).
    @inline(__always)
    public mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }

    /// True with probability `p`.
    @inline(__always)
    public mutating func chance(_ p: Double) -> Bool {
        uniform() < p
    }

    /// A standard normal draw (Box–Muller, one of the pair).
    public mutating func normal(mean: Double = 0, standardDeviation: Double = 1) -> Double {
        let u1 = max(uniform(), 1e-300)
        let u2 = uniform()
        return mean + standardDeviation * (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }

    /// A lognormal draw whose underlying normal has parameters `mu` and `sigma`.
    public mutating func logNormal(mu: Double, sigma: Double) -> Double {
        exp(normal(mean: mu, standardDeviation: sigma))
    }

    /// A Poisson count: Knuth's product method for small means, a rounded normal approximation above 30.
    public mutating func poisson(_ mean: Double) -> Int {
        guard mean > 0 else { return 0 }
        if mean > 30 {
            return max(0, Int((normal(mean: mean, standardDeviation: mean.squareRoot())).rounded()))
        }
        let limit = exp(-mean)
        var product = uniform()
        var count = 0
        while product > limit {
            product *= uniform()
            count += 1
        }
        return count
    }

    /// The number of failures before the first success, each trial succeeding with probability `p`.
    public mutating func geometric(_ p: Double) -> Int {
        guard p < 1 else { return 0 }
        let u = max(uniform(), 1e-300)
        return Int((log(u) / log(1 - p)).rounded(.down))
    }

    /// An index drawn in proportion to `weights` (which need not sum to 1).
    public mutating func pick(weights: [Double]) -> Int {
        var total = 0.0
        for weight in weights { total += weight }
        var target = uniform() * total
        for (index, weight) in weights.enumerated() {
            target -= weight
            if target < 0 { return index }
        }
        return weights.count - 1
    }
}
