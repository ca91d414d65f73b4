/// Series read from a long-format CSV, with the detected frequency and what was repaired on the way.
public struct ParsedSeriesFile: Sendable, Equatable {
    /// One series per `unique_id`, in order of first appearance.
    public var series: [TimeSeries]
    /// Frequency detected from the `ds` column (or the one forced by the caller).
    public var frequency: Frequency
    /// Every repair made (sorted rows, filled gaps); also attached to the affected series.
    public var warnings: [ForecastWarning]
}
