import Foundation

/// A record that could not be accepted, kept with its reason and its original bytes until it is fixed.
public struct DeadLetter: Sendable, Codable {
    public var id: Int64
    /// Where it came from: `file:line` or `http:<request id>:<n>`.
    public var channel: String
    public var source: String?
    public var sourceId: String?
    public var type: String?
    public var reason: String
    public var field: String?
    public var message: String
    /// How many times the same bytes were delivered while the letter stayed open.
    public var occurrences: Int
    public var receivedAt: String
    public var status: String
    public var resolvedAt: String?
    public var resolution: String?
    /// The record exactly as received.
    public var original: Data
}
