import SupplyDomain

/// An event as Foundation's `JSONDecoder` reads it, except that a payload key its type does not have is refused,
/// naming the key, rather than dropped in silence: a usage with `quantitiy` is a misspelt quantity, not a usage
/// without one.
///
/// The keys are checked first, in the same pass over the JSON, so the misspelling is what the message names
/// rather than the field it left missing. A record that is not an object with a known type and an object payload
/// is left to `SupplyEvent`'s own decoding, which says what is wrong with it.
struct StrictEvent: Decodable {
    var event: SupplyEvent

    init(from decoder: any Decoder) throws {
        if let container = try? decoder.container(keyedBy: AnyKey.self),
            let typeText = try? container.decode(String.self, forKey: AnyKey("type")),
            let type = EventType(rawValue: typeText),
            let payload = try? container.nestedContainer(keyedBy: AnyKey.self, forKey: AnyKey("payload")) {
            try Self.refuseUnknownKeys(payload.allKeys.map(\.stringValue), of: type)
        }
        event = try SupplyEvent(from: decoder)
    }

    static func refuseUnknownKeys(_ keys: [String], of type: EventType) throws(EventProblem) {
        let fields = PayloadField.fields(of: type)
        let known = Set(fields.map(\.rawValue))
        let unknown = keys.filter { !known.contains($0) }.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        guard let first = unknown.first else { return }
        let named = unknown.map { "'\($0)'" }.joined(separator: ", ")
        let hint = PayloadField.suggestion(for: first, among: fields).map { " (did you mean '\($0.rawValue)'?)" } ?? ""
        throw EventProblem(.malformed, field: "payload.\(first)",
            "unknown \(unknown.count == 1 ? "field" : "fields") \(named) in a \(type.rawValue) payload\(hint); "
                + "its fields are \(fields.map(\.rawValue).joined(separator: ", "))")
    }

    /// Any key, for listing the keys an object holds.
    private struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }

        init(_ stringValue: String) {
            self.stringValue = stringValue
        }

        init?(stringValue: String) {
            self.stringValue = stringValue
        }

        init?(intValue: Int) {
            nil
        }
    }
}
