import SupplyDomain

/// Everything a site's forecast is built from, day by day: usage per item, the midnight census, and cases per
/// procedure, for the history up to `asOf` and the schedule already booked after it.
public struct DemandHistory: Sendable {
    public var site: String
    /// First history day; history arrays are indexed from it.
    public var firstDay: LocalDate
    /// The last history day (the planning date).
    public var asOf: LocalDate
    /// Daily usage per item, `historyDays` values each (zeros where nothing was used).
    public var usage: [(item: String, values: [Double])]
    /// Patients in house at midnight, `historyDays` values.
    public var census: [Double]
    /// Cases per procedure per day: history (held cases: scheduled or completed) and the booked future.
    public var procedures: [(procedure: String, history: [Double], future: [Double])]

    public var historyDays: Int { census.count }
}
