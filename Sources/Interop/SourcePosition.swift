/// Where a record came from: a file (or `http`) and its line, element or row number, for messages a person can
/// act on ("events.ndjson:1042").
public struct SourcePosition: Sendable, Hashable, Codable, CustomStringConvertible {
    public var origin: String
    public var record: Int

    public init(origin: String, record: Int) {
        self.origin = origin
        self.record = record
    }

    public var description: String { "\(origin):\(record)" }
}
