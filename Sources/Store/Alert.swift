import Foundation

/// What an alert is about. The raw values are the webhook event types.
public enum AlertKind: String, Sendable, Codable, CaseIterable {
    case shortageProjected = "shortage.projected"
    case caseAtRisk = "case.at_risk"
    case lotExpiring = "lot.expiring"
    case requisitionFailed = "requisition.failed"
}

/// How urgent an alert is.
public enum AlertSeverity: String, Sendable, Codable, CaseIterable, Comparable {
    case info, warning, critical

    public static func < (lhs: AlertSeverity, rhs: AlertSeverity) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// An alert as stored: open → updated → resolved.
public struct Alert: Sendable, Codable {
    public enum State: String, Sendable, Codable {
        case open, updated, resolved
    }

    public var id: Int64
    public var kind: AlertKind
    /// What it is about, unique per kind while live: `NORTH/IMP-0011`, a case id, a requisition id.
    public var subject: String
    public var site: String?
    public var severity: AlertSeverity
    public var state: State
    /// The alert's substance as a JSON object (no patient identifiers).
    public var data: Data
    /// Bumped each time severity or substance changes.
    public var revision: Int
    public var openedAt: Date
    public var updatedAt: Date
    public var resolvedAt: Date?
}

/// What raising an alert did; `changed` is false when nothing about it moved (no re-send).
public struct AlertChange: Sendable {
    public var alert: Alert
    public var changed: Bool
}
