/// The canonical file and body formats SupplyCast reads events in.
public enum EventFormat: String, Sendable, CaseIterable {
    /// One JSON object per line.
    case ndjson
    /// One JSON array of objects (or a single object).
    case json
    /// A header row of envelope and payload field names, one event per row.
    case csv

    /// Guesses the format from a file name's extension; nil when it says nothing.
    public init?(fileName: String) {
        let lower = fileName.lowercased()
        if lower.hasSuffix(".ndjson") || lower.hasSuffix(".jsonl") {
            self = .ndjson
        } else if lower.hasSuffix(".json") {
            self = .json
        } else if lower.hasSuffix(".csv") {
            self = .csv
        } else {
            return nil
        }
    }
}
