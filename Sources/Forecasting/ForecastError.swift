/// Everything the forecasting module can reject, with enough position detail to fix the input.
public enum ForecastError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A cell could not be used; `row` is the 1-based line number in the file (header is line 1).
    case invalidValue(row: Int, column: String, value: String, reason: String)
    /// The header lacks a required column.
    case missingColumn(name: String)
    /// The same (unique_id, ds) appears twice; `row` is the second occurrence.
    case duplicateDate(row: Int, seriesID: String, date: String)
    /// Dates that do not follow one regular frequency.
    case irregularDates(row: Int, seriesID: String, date: String, reason: String)
    /// No data rows at all.
    case emptyInput
    /// A linear system could not be solved (e.g. a design matrix with no information).
    case singularSystem(detail: String)
    /// Arguments that do not fit together (lengths, names, horizons).
    case invalidArgument(String)

    public var description: String {
        switch self {
        case let .invalidValue(row, column, value, reason):
            return "row \(row), column \(column): value '\(value)' \(reason)"
        case let .missingColumn(name):
            return "missing required column '\(name)' in header"
        case let .duplicateDate(row, id, date):
            return "row \(row), column ds: duplicate date '\(date)' for series '\(id)'"
        case let .irregularDates(row, id, date, reason):
            return "row \(row), column ds: date '\(date)' of series '\(id)' \(reason)"
        case .emptyInput:
            return "input has no data rows"
        case let .singularSystem(detail):
            return "singular linear system: \(detail)"
        case let .invalidArgument(message):
            return message
        }
    }
}
