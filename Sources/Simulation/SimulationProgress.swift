import Foundation
import SupplyDomain

/// How far a simulation has got, for a progress line.
public enum SimulationProgress: Sendable, CustomStringConvertible {
    /// Generating the network, or another step before the history is ingested.
    case preparing(String)
    /// History events appended so far.
    case ingesting(done: Int, total: Int)
    /// One simulated day done, with its night's planning.
    case day(DayProgress)

    public var description: String {
        switch self {
        case .preparing(let step):
            step
        case .ingesting(let done, let total):
            "ingesting the history: \(done)/\(total) events"
        case .day(let day):
            day.description
        }
    }
}

/// One simulated day: what each policy ran short of, and how long SupplyCast's night took.
public struct DayProgress: Sendable, CustomStringConvertible {
    public var index: Int
    public var count: Int
    public var day: LocalDate
    /// Cases short that day, per policy, in report order.
    public var shortCases: [(policy: String, cases: Int)]
    /// Whether a night's planning followed the day (not after the last day).
    public var planned: Bool
    /// Requisition lines SupplyCast raised that night.
    public var linesRaised: Int
    /// Alerts opened or updated that day and night.
    public var alertsChanged: Int
    /// Wall seconds of the night's planning runs, and of the whole day.
    public var planningSeconds: Double
    public var seconds: Double

    public var description: String {
        let short = shortCases.map { "\($0.policy) \($0.cases)" }.joined(separator: ", ")
        let night = planned
            ? "that night supplycast raised \(linesRaised) lines and changed \(alertsChanged) alerts in "
                + "\(String(format: "%.1f", planningSeconds)) s"
            : "no planning after the last day"
        return "day \(index)/\(count) \(day): short cases \(short); \(night); day \(String(format: "%.1f", seconds)) s"
    }
}
