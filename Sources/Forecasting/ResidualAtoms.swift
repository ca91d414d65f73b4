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
        values = residuals.sorted()
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
        var low = 0
        var high = n - 1
        while low < high {
            let k = (low + high) / 2
            if (tailSums[k] - Double(n - k) * values[k]) / Double(n) <= mean { high = k } else { low = k + 1 }
        }
        return (Double(n) * mean - tailSums[low]) / Double(n - low)
    }

    /// Index of the first atom with `s + value > threshold`.
    func firstIndex(shift s: Double, above threshold: Double) -> Int {
        var low = 0
        var high = values.count
        while low < high {
            let mid = (low + high) / 2
            if s + values[mid] > threshold { high = mid } else { low = mid + 1 }
        }
        return low
    }

    /// Index of the first atom with `s + value ≥ threshold`.
    func firstIndex(shift s: Double, atLeast threshold: Double) -> Int {
        var low = 0
        var high = values.count
        while low < high {
            let mid = (low + high) / 2
            if s + values[mid] >= threshold { high = mid } else { low = mid + 1 }
        }
        return low
    }

    /// `P(X ≤ k)` for integer `k ≥ 0`, where `X` rounds `V = max(0, s + r)` stochastically (up with probability
    /// equal to its fractional part), which keeps the mean: `E[X] = E[V]`.
    ///
    /// An atom `v` adds 1 when `v ≤ k`, `k + 1 − v` when `k < v < k + 1`, nothing above.
    func roundedCDF(_ k: Double, shift s: Double) -> Double {
        let a = firstIndex(shift: s, above: k)
        let b = firstIndex(shift: s, atLeast: k + 1)
        let between = Double(b - a) * (k + 1 - s) - (tailSums[a] - tailSums[b])
        return (Double(a) + between) / Double(values.count)
    }

    /// The `p`-quantile of `V = max(0, s + r)`: the smallest atom whose cumulative share reaches `p`.
    func quantile(_ p: Double, shift s: Double) -> Double {
        let n = values.count
        let index = min(n - 1, max(0, Int((p * Double(n)).rounded(.up)) - 1))
        return max(0, s + values[index])
    }

    /// The `p`-quantile of the stochastically rounded `X`: `floor(q)` or `ceil(q)` of `V`'s quantile `q`, since
    /// `P(V ≤ k) ≤ P(X ≤ k) ≤ P(V < k + 1)`.
    func roundedQuantile(_ p: Double, shift s: Double) -> Double {
        let q = quantile(p, shift: s)
        let down = q.rounded(.down)
        return down == q || roundedCDF(down, shift: s) >= p - 1e-12 ? down : down + 1
    }
}
