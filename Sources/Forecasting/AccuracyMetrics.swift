/// Backtest errors of one model on one series, averaged over the rolling origins.
public struct AccuracyMetrics: Sendable, Equatable, Codable {
    /// Mean absolute scaled error of the mean forecast.
    public var mase: Double
    /// Mean absolute scaled error of the median (q50) forecast, the point forecast absolute error rewards.
    public var medianMase: Double
    /// Root mean squared scaled error.
    public var rmsse: Double
    /// Pinball loss averaged over the configured quantiles, scaled like MASE (×2 so q=0.5 equals MASE).
    public var scaledPinball: Double
    /// Share of actuals inside the central 95% interval.
    public var coverage95: Double

    /// Creates metrics.
    public init(mase: Double, medianMase: Double, rmsse: Double, scaledPinball: Double, coverage95: Double) {
        self.mase = mase
        self.medianMase = medianMase
        self.rmsse = rmsse
        self.scaledPinball = scaledPinball
        self.coverage95 = coverage95
    }

    /// Scale of MASE (mean absolute `lag`-difference) and RMSSE (root mean squared difference) of training
    /// data; a zero scale (constant history) falls back to the mean absolute level, then to 1.
    public static func scales(training y: UnsafeBufferPointer<Double>, lag: Int) -> (absolute: Double, squared: Double) {
        let lag = max(1, lag)
        var abs = 0.0
        var sq = 0.0
        var count = 0
        for t in stride(from: lag, to: y.count, by: 1) {
            let d = y[t] - y[t - lag]
            abs += Swift.abs(d)
            sq += d * d
            count += 1
        }
        if count > 0 && abs > 0 {
            return (abs / Double(count), (sq / Double(count)).squareRoot())
        }
        let level = y.isEmpty ? 0 : y.reduce(0) { $0 + Swift.abs($1) } / Double(y.count)
        return level > 0 ? (level, level) : (1, 1)
    }

    /// Pinball (quantile) loss of quantile forecast `q` at `level` for actual `y`.
    public static func pinball(actual y: Double, quantile q: Double, level: Double) -> Double {
        y >= q ? level * (y - q) : (1 - level) * (q - y)
    }

    /// Mean of several metrics.
    static func average(_ items: [AccuracyMetrics]) -> AccuracyMetrics {
        let n = Double(max(items.count, 1))
        return AccuracyMetrics(mase: items.reduce(0) { $0 + $1.mase } / n,
                               medianMase: items.reduce(0) { $0 + $1.medianMase } / n,
                               rmsse: items.reduce(0) { $0 + $1.rmsse } / n,
                               scaledPinball: items.reduce(0) { $0 + $1.scaledPinball } / n,
                               coverage95: items.reduce(0) { $0 + $1.coverage95 } / n)
    }

    /// The number selection minimises.
    func score(_ metric: SelectionMetric) -> Double {
        switch metric {
        case .mase: return mase
        case .medianMase: return medianMase
        case .pinball: return scaledPinball
        case .combined: return 0.5 * (medianMase + scaledPinball)
        }
    }
}
