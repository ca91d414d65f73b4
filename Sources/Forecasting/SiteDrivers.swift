/// Named driver columns of one site for the history and for the future horizon.
///
/// Rows are periods; each driver is one column. The regression adds an intercept and, when
/// `firstWeekday` is given, six weekday dummies (Monday is the reference) on its own.
public struct SiteDrivers: Sendable, Equatable {
    /// Driver names, one per column (e.g. `census`, `procedures.knee`).
    public var names: [String]
    /// History values: `history[name index][period]`, same length as the item series.
    public var history: [[Double]]
    /// Future values: `future[name index][period]`, at least `horizon` periods (the known OR schedule).
    public var future: [[Double]]
    /// ISO weekday (1 = Monday) of the first history period; `nil` for no weekday dummies.
    public var firstWeekday: Int?

    /// Creates a driver set.
    public init(names: [String], history: [[Double]], future: [[Double]], firstWeekday: Int? = nil) {
        self.names = names
        self.history = history
        self.future = future
        self.firstWeekday = firstWeekday
    }

    /// Number of history periods.
    public var historyLength: Int { history.first?.count ?? 0 }
    /// Number of future periods.
    public var futureLength: Int { future.first?.count ?? 0 }

    static let weekdayNames = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

    /// Names of the design columns after the intercept: drivers then weekday dummies.
    var designNames: [String] {
        names + (firstWeekday == nil ? [] : Self.weekdayNames.dropFirst().map { "weekday.\($0)" })
    }

    /// Design row values (without intercept) for absolute period `t` (history first, then future).
    func designRow(_ t: Int, into row: inout [Double]) {
        let historyLength = self.historyLength
        for j in names.indices {
            row[j] = t < historyLength ? history[j][t] : future[j][t - historyLength]
        }
        if let first = firstWeekday {
            let weekday = ((first - 1 + t) % 7 + 7) % 7
            for k in 1..<7 { row[names.count + k - 1] = weekday == k ? 1 : 0 }
        }
    }

    /// Checks that all columns have consistent lengths.
    func validate(historyLength expected: Int, horizon: Int) throws(ForecastError) {
        guard history.count == names.count, future.count == names.count else {
            throw .invalidArgument("drivers: \(names.count) names but \(history.count) history and \(future.count) future columns")
        }
        for (j, name) in names.enumerated() {
            guard history[j].count == expected else {
                throw .invalidArgument("driver '\(name)' has \(history[j].count) history values, series have \(expected)")
            }
            guard future[j].count >= horizon else {
                throw .invalidArgument("driver '\(name)' has \(future[j].count) future values, horizon needs \(horizon)")
            }
        }
        if let w = firstWeekday, !(1...7).contains(w) {
            throw .invalidArgument("firstWeekday must be 1 (Monday) … 7 (Sunday), got \(w)")
        }
    }
}
