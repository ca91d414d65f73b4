import Foundation
import SupplyDomain

/// One planning run as recorded: who started it, how, when, how long it took and what it produced.
public struct PlanningRunRecord: Sendable, Codable, Hashable {
    public enum Status: String, Sendable, Codable {
        case running, succeeded, failed
    }

    public var id: Int64
    public var site: String
    public var asOf: LocalDate
    /// `cli`, `http`, `demo`, …
    public var trigger: String
    /// The token name or user that started it.
    public var actor: String
    public var status: Status
    public var processId: Int32
    public var startedAt: Date
    public var forecastSeconds: Double?
    public var finishedAt: Date?
    public var itemsPlanned: Int
    public var linesRaised: Int
    public var requisitionsRaised: Int
    public var alertsRaised: Int
    public var alertsResolved: Int
    public var error: String?

    public var seconds: Double? { finishedAt.map { $0.timeIntervalSince(startedAt) } }
}

/// What a finished run produced, for its record.
public struct PlanningRunCounts: Sendable, Codable, Hashable {
    public var itemsPlanned = 0
    public var linesRaised = 0
    public var requisitionsRaised = 0
    public var alertsRaised = 0
    public var alertsResolved = 0

    public init() {}
}
