import Foundation
import SupplyDomain

/// The `data` of an `alerts.digest` webhook message: one site's alerts after a planning night, for ops who would
/// rather read one message a night than one per change. Never carries patient identifiers.
public struct AlertDigest: Sendable, Codable, Equatable {
    /// The webhook event type of a digest.
    public static let eventType = "alerts.digest"

    /// One alert as a digest lists it.
    public struct Line: Sendable, Codable, Equatable {
        public var alertId: Int64
        public var kind: AlertKind
        public var subject: String
        public var severity: AlertSeverity
        public var revision: Int
        /// The day it turns on (stockout, case day, expiry), when its kind has one.
        public var keyDay: LocalDate?
        /// One line a ward manager reads: `IMP-0011 runs short on 2026-11-25 (on hand 4, on order 10)`.
        public var summary: String
    }

    public var site: String
    /// The planning run that produced it.
    public var runId: Int64
    public var asOf: LocalDate
    /// The run of the site's previous digest; nil for its first.
    public var previousRunId: Int64?
    /// Nothing opened, changed materially or resolved since the previous digest.
    public var nothingChanged: Bool
    /// Live alerts of the site by kind, then severity: every kind and severity, zeros included.
    public var live: [String: [String: Int]]
    public var liveTotal: Int
    /// Opened since the previous digest, whatever became of them since.
    public var opened: [Line]
    /// Opened before the previous digest, changed materially since, and still live.
    public var changed: [Line]
    /// Resolved since the previous digest.
    public var resolved: [Line]
    /// The live critical and warning alerts, most severe first, then soonest key day.
    public var attention: [Line]
}
