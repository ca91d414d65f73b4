/// Which backtest error decides model selection.
public enum SelectionMetric: String, Codable, Sendable, CaseIterable {
    /// Mean absolute scaled error of the mean forecast.
    case mase
    /// MASE of the median (q50) forecast: absolute error is minimised by the median, which for sparse
    /// demand is often zero while the mean is not.
    case medianMase
    /// Scaled pinball loss averaged over the configured quantiles.
    case pinball
    /// Average of median MASE and scaled pinball loss.
    case combined
}
