/// One candidate's rolling-origin backtest result on one series.
public struct ModelScore: Sendable, Equatable, Codable {
    /// The candidate.
    public var model: ModelKind
    /// Errors averaged over origins.
    public var metrics: AccuracyMetrics
    /// Number of origins evaluated.
    public var origins: Int
    /// The value selection compared (per `ForecastConfiguration.selectionMetric`).
    public var score: Double

    /// Creates a score.
    public init(model: ModelKind, metrics: AccuracyMetrics, origins: Int, score: Double) {
        self.model = model
        self.metrics = metrics
        self.origins = origins
        self.score = score
    }
}
