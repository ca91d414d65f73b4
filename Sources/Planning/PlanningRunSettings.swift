import Store

/// What a planning run is told beyond its site and day.
public struct PlanningRunSettings: Sendable, Hashable {
    /// Requisitions worth more than this wait for a planner's approval.
    public var approvalThreshold: Double
    /// Cases this many days ahead with a shortfall raise `case.at_risk`.
    public var caseRiskDays: Int
    /// Lots with stock that expire within this many days raise `lot.expiring`.
    public var lotExpiryDays: Int
    /// An alert's key day (stockout, case day, expiry) must move by more than this many days before ops are told
    /// again; smaller moves only refresh the stored figures.
    public var alertDayTolerance: Int
    public var defaults: ReorderPointPolicy.Defaults

    public init(approvalThreshold: Double = 5000, caseRiskDays: Int = 14, lotExpiryDays: Int = 30,
                alertDayTolerance: Int = Alerts.defaultKeyDayTolerance, defaults: ReorderPointPolicy.Defaults = .init()) {
        self.approvalThreshold = approvalThreshold
        self.caseRiskDays = caseRiskDays
        self.lotExpiryDays = lotExpiryDays
        self.alertDayTolerance = alertDayTolerance
        self.defaults = defaults
    }
}
