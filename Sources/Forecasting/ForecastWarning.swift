/// A non-fatal finding about one series, returned to the caller instead of printed.
public struct ForecastWarning: Sendable, Equatable, Codable, CustomStringConvertible {
    /// What kind of finding this is.
    public enum Kind: String, Sendable, Codable {
        /// Missing dates were inserted with value 0.
        case gapsFilled
        /// Too little history for backtesting; a simple fallback model was used.
        case shortSeries
        /// Every observation is zero; the forecast is zero with flat zero quantiles.
        case allZero
        /// Rows were not in date order and were sorted.
        case unsortedInput
        /// Negative observations were seen; demand quantiles are still clipped at zero.
        case negativeValues
        /// A model could not be fitted and was skipped.
        case modelSkipped
    }

    /// The finding.
    public var kind: Kind
    /// Series the finding is about.
    public var seriesID: String
    /// Human-readable detail.
    public var message: String

    /// Creates a warning.
    public init(kind: Kind, seriesID: String, message: String) {
        self.kind = kind
        self.seriesID = seriesID
        self.message = message
    }

    public var description: String { "\(seriesID): \(message)" }
}
