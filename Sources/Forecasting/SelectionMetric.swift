/// Which backtest error decides model selection.
public enum SelectionMetric: String, Codable, Sendable, CaseIterable {
    /// Mean absolute scaled error of the mean forecast.
    case mase
    /// Scaled pinball loss averaged over the configured quantiles.
    case pinball
    /// Average of MASE and scaled pinball loss.
    case combined
}
