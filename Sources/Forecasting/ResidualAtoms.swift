/// A residual distribution as equally likely atoms, sorted ascending, for the driver regression's predictive
/// distribution: demand is `max(0, s + r)` for an atom `r`, with the shift `s` chosen so that the clipped
/// distribution's mean is the point forecast.
///
/// Adding residuals to a small point forecast and clipping the negative ones at zero moves probability up: the
/// clipped distribution's mean exceeds the point forecast (a mean of 0.12 next to a q80 of 2). Shifting the
/// residuals down until the clipped mean equals the forecast keeps the spread and makes every quantile
/// consistent with the mean (Markov: mean ≥ (1 − p) · q_p).
public struct ResidualAtoms: Sendable, Equatable {
    /// The atoms, ascending.
    public let values: [Double]
    /// `tailSums[k]` = sum of `values[k...]`; `tailSums[values.count]` = 0.
    let tailSums: [Double]

    /// Atoms from residuals in any order.
    public init(_ residuals: [Double]) {
        values = zip(residuals, residuals.dropFirst()).allSatisfy { $0 <= $1 } ? residuals : residuals.sorted()
        var sums = [Double](repeating: 0, count: values.count + 1)
        for k in stride(from: values.count - 1, through: 0, by: -1) { sums[k] = sums[k + 1] + values[k] }
        tailSums = sums
    }

    /// Number of atoms.
    public var count: Int { values.count }

    /// The shift `s` with `mean(max(0, s + r)) = mean`, for `mean > 0` and at least one atom.
    ///
    /// The clipped mean at `s = −values[k]` is `(tailSums[k] − (n − k) · values[k]) / n`, falling as `k` grows;
    /// the first such breakpoint at or below the target fixes which atoms stay positive, and `s` follows linearly.
    func shift(keepingMean mean: Double) -> Double {
        let n = values.count
        // Most forecasts sit well above zero and clip nothing: then the shift just removes the atoms' mean.
        if tailSums[0] - Double(n) * values[0] <= Double(n) * mean { return mean - tailSums[0] / Double(n) }
        var low = 1
        var high = n - 1
        while low < high {
            let k = (low + high) / 2
            if (tailSums[k] - Double(n - k) * values[k]) / Double(n) <= mean { high = k } else { low = k + 1 }
        }
        return (Double(n) * mean - tailSums[low]) / Double(n - low)
    }

    /// `P(X ≤ k)` for integer `k ≥ 0`, where `X` rounds `V = max(0, s + r)` stochastically (up with probability
    /// equal to its fractional part), which keeps the mean: `E[X] = E[V]`.
    ///
    /// An atom `v` adds 1 when `v ≤ k`, `k + 1 − v` when `k < v < k + 1`, nothing above. `near`, when given, is
    /// an atom with `k < s + value < k + 1`; the boundaries are then searched outward from it.
    func roundedCDF(_ k: Double, shift s: Double, near: Int? = nil) -> Double {
        // In shifted terms: atoms above `k − s` count partly, atoms from `k + 1 − s` on not at all.
        let low = k - s
        let high = k + 1 - s
        let a: Int
        let b: Int
        if let j = near {
            a = firstAbove(low, from: j, downward: true)
            b = firstAtLeast(high, from: j)
        } else {
            a = firstAbove(low, from: values.count, downward: false)
            b = firstAtLeast(high, from: nil)
        }
        let between = Double(b - a) * (k + 1 - s) - (tailSums[a] - tailSums[b])
        return (Double(a) + between) / Double(values.count)
    }

    /// Index of the smallest atom reaching level `p`: the first whose cumulative share `(i + 1) / n` is ≥ `p`.
    func quantileIndex(_ p: Double) -> Int {
        min(values.count - 1, max(0, Int((p * Double(values.count)).rounded(.up)) - 1))
    }

    /// The `p`-quantile of `V = max(0, s + r)`.
    func quantile(_ p: Double, shift s: Double) -> Double {
        max(0, s + values[quantileIndex(p)])
    }

    /// Quantiles of the stochastically rounded `X` for ascending `levels`: `floor(q)` or `ceil(q)` of `V`'s
    /// quantile `q`, since `P(V ≤ k) ≤ P(X ≤ k) ≤ P(V < k + 1)`. Levels that share `floor(q)` share its `P(X ≤ k)`,
    /// which for slow movers is most of them.
    func roundedQuantiles(_ levels: [Double], shift s: Double) -> [Double] {
        var known: (k: Double, cdf: Double)?
        return levels.map { p in
            let index = quantileIndex(p)
            let q = max(0, s + values[index])
            let down = q.rounded(.down)
            if down == q { return q }
            if known?.k != down { known = (down, roundedCDF(down, shift: s, near: index)) }
            return known!.cdf >= p - 1e-12 ? down : down + 1
        }
    }

    /// Index of the first atom `> threshold`. With `downward`, atom `j` is known to be above it and the search
    /// gallops down from there; otherwise it bisects the whole range.
    private func firstAbove(_ threshold: Double, from j: Int, downward: Bool) -> Int {
        values.withUnsafeBufferPointer { v in
            var low = 0
            var high = downward ? j : v.count
            if downward {
                var step = 1
                while high - step >= 0 && v[high - step] > threshold {
                    high -= step
                    step *= 2
                }
                low = max(0, high - step)
            }
            while low < high {
                let mid = (low + high) / 2
                if v[mid] > threshold { high = mid } else { low = mid + 1 }
            }
            return low
        }
    }

    /// Index of the first atom `≥ threshold`. From `j`, an atom known to be below it, the search gallops up;
    /// without one it bisects the whole range.
    private func firstAtLeast(_ threshold: Double, from j: Int?) -> Int {
        values.withUnsafeBufferPointer { v in
            var low = 0
            var high = v.count
            if let j {
                low = j + 1
                var step = 1
                while low + step - 1 < v.count && v[low + step - 1] < threshold {
                    low += step
                    step *= 2
                }
                high = min(v.count, low + step - 1)
            }
            while low < high {
                let mid = (low + high) / 2
                if v[mid] >= threshold { high = mid } else { low = mid + 1 }
            }
            return low
        }
    }
}
