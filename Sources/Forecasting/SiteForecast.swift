/// Result of a site-level run: one forecast per item plus the shared driver regression.
public struct SiteForecast: Sendable {
    /// Per-item forecasts, in the order of the input items.
    public var items: [SeriesForecast]
    /// The regression fitted on the whole history (coefficients for every item).
    public var regression: DriverRegression
}
