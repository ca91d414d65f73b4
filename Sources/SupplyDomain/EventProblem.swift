/// Why an event cannot be accepted: the field at fault (a JSON path such as `payload.quantity`) and the reason.
public struct EventProblem: Error, Sendable, Hashable, CustomStringConvertible {
    /// Machine-readable reason, used to group rejections in summaries and metrics.
    public enum Reason: String, Sendable, Codable, CaseIterable {
        case malformed
        case unknownType
        case missingField
        case invalidValue
        case invalidTimestamp
        case impossibleQuantity
        case unknownSite
        case unknownItem
        case unknownLocation
        case tooLarge
    }

    public var reason: Reason
    public var field: String?
    public var message: String

    public init(_ reason: Reason, field: String? = nil, _ message: String) {
        self.reason = reason
        self.field = field
        self.message = message
    }

    public var description: String {
        if let field { return "\(field): \(message)" }
        return message
    }
}
