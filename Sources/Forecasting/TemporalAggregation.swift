/// Helpers shared by ADIDA and IMAPA: aggregation level from demand intervals, bucket sums, and SES on them.
enum TemporalAggregation {
    /// Mean interval between non-zero demands rounded half-to-even (statsforecast's rule), at least 1.
    static func aggregationLevel(_ y: UnsafeBufferPointer<Double>) -> Int {
        var count = 0
        var last = -1
        for t in 0..<y.count where y[t] != 0 {
            count += 1
            last = t
        }
        guard count > 0 else { return 1 }
        return max(1, Int((Double(last + 1) / Double(count)).rounded(.toNearestOrEven)))
    }

    /// Sums of consecutive non-overlapping buckets of `level` periods, dropping the oldest remainder.
    static func bucketSums(_ y: UnsafeBufferPointer<Double>, level: Int) -> [Double] {
        let remainder = y.count % level
        let buckets = y.count / level
        var sums = [Double](repeating: 0, count: buckets)
        for b in 0..<buckets {
            var s = 0.0
            for i in 0..<level { s += y[remainder + b * level + i] }
            sums[b] = s
        }
        return sums
    }

    /// SES α on bucket sums, golden-section in [0.1, 0.3] as statsforecast does for ADIDA and IMAPA.
    static func fitAlpha(_ y: UnsafeBufferPointer<Double>, level: Int) -> Double {
        let sums = bucketSums(y, level: level)
        guard sums.count >= 2 else { return 0.1 }
        return sums.withUnsafeBufferPointer { s in
            ParameterSearch.goldenSection(lower: 0.1, upper: 0.3, iterations: 12) { a in
                ETSRecursion(alpha: a).run(s).sse
            }
        }
    }

    /// Per-period rate and per-period variance from SES (fixed α) on bucket sums of `level` periods.
    static func rate(_ y: UnsafeBufferPointer<Double>, level: Int, alpha: Double) -> (rate: Double, variance: Double) {
        let sums = bucketSums(y, level: level)
        guard !sums.isEmpty else { return (0, 0) }
        let state = sums.withUnsafeBufferPointer { ETSRecursion(alpha: alpha).run($0) }
        let mse = state.sse / Double(max(sums.count - 1, 1))
        return (state.level / Double(level), mse / Double(level))
    }
}
