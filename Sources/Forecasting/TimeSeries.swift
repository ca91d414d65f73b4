/// One regular series to forecast (e.g. one item's daily usage at one site).
public struct TimeSeries: Sendable, Equatable {
    /// Series identifier (`unique_id`).
    public var id: String
    /// Observations, oldest first, one per period, no gaps.
    public var values: [Double]
    /// Sampling frequency (decides the default season length and future dates).
    public var frequency: Frequency
    /// Date of the first observation, when known (needed for dated output and weekday drivers).
    public var start: DateStamp?
    /// Findings made while building the series (gaps filled, rows sorted), carried into the forecast.
    public var warnings: [ForecastWarning]

    /// Creates a series.
    public init(id: String, values: [Double], frequency: Frequency = .daily, start: DateStamp? = nil,
                warnings: [ForecastWarning] = []) {
        self.id = id
        self.values = values
        self.frequency = frequency
        self.start = start
        self.warnings = warnings
    }

    /// Date of future period `step` (1 = first period after the data), when the start is known.
    public func futureDate(step: Int) -> DateStamp? {
        start?.advanced(by: values.count + step - 1, frequency)
    }
}
