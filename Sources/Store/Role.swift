/// What a bearer token may do. Each HTTP route names the roles it admits; `admin` is admitted everywhere.
public enum Role: String, Sendable, Codable, CaseIterable {
    /// Feeds: post events, HL7, FHIR.
    case integration
    /// Materials planners: forecasts, overrides, requisitions.
    case planner
    /// The scheduler that triggers planning runs.
    case scheduler
    /// Hospital operations: alerts and webhook subscriptions.
    case ops
    /// Traceability, including patient references (every such read is audited).
    case trace
    case admin
}
