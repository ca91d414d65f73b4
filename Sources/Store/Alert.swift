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
    /// The alert's substance as a JSON object (no patient identifiers), as of the last time it was raised: figures
    /// that moved without mattering (see ``Alerts/raise(_:kind:subject:site:severity:data:now:keyDayTolerance:)``)
    /// are refreshed here without a new revision.
    public var data: Data
    /// Bumped each time ops are told something: it opened, changed materially, or resolved.
    public var revision: Int
    public var openedAt: Date
    /// When ops were last told of it: opened, changed materially, resolved.
    public var updatedAt: Date
    public var resolvedAt: Date?
}

/// What raising an alert did; `changed` is false when nothing about it moved materially (no revision, no message).
public struct AlertChange: Sendable {
    public var alert: Alert
    public var changed: Bool
}
