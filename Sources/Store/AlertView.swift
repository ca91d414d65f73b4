import Foundation

/// An alert as listed (CLI, HTTP): its data as a JSON object rather than bytes, dates in ISO 8601.
public struct AlertView: Sendable, Encodable {
    public var id: Int64
    public var kind: String
    public var subject: String
    public var site: String?
    public var severity: String
    public var state: String
    public var revision: Int
    public var openedAt: String
    public var updatedAt: String
    public var resolvedAt: String?
    public var data: JSONObject

    public init(_ alert: Alert) {
        id = alert.id
        kind = alert.kind.rawValue
        subject = alert.subject
        site = alert.site
        severity = alert.severity.rawValue
        state = alert.state.rawValue
        revision = alert.revision
        openedAt = alert.openedAt.iso8601
        updatedAt = alert.updatedAt.iso8601
        resolvedAt = alert.resolvedAt?.iso8601
        data = JSONObject(alert.data)
    }
}

/// JSON bytes that encode as themselves inside another Encodable value.
public struct JSONObject: Sendable, Encodable {
    public let bytes: Data

    public init(_ bytes: Data) {
        self.bytes = bytes
    }

    public func encode(to encoder: any Encoder) throws {
        try Value(any: (try? JSONSerialization.jsonObject(with: bytes, options: [.fragmentsAllowed])) ?? NSNull())
            .encode(to: encoder)
    }

    private enum Value: Encodable {
        case null, bool(Bool), number(Double), integer(Int64), string(String), array([Value]), object([String: Value])

        init(any: Any) {
            switch any {
            case let number as NSNumber where String(cString: number.objCType) == "c": self = .bool(number.boolValue)
            case let number as NSNumber:
                self = number.doubleValue == number.doubleValue.rounded() && abs(number.doubleValue) < 1e15
                    ? .integer(number.int64Value) : .number(number.doubleValue)
            case let text as String: self = .string(text)
            case let array as [Any]: self = .array(array.map(Value.init(any:)))
            case let object as [String: Any]: self = .object(object.mapValues(Value.init(any:)))
            default: self = .null
            }
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .null: try container.encodeNil()
            case .bool(let value): try container.encode(value)
            case .number(let value): try container.encode(value)
            case .integer(let value): try container.encode(value)
            case .string(let value): try container.encode(value)
            case .array(let value): try container.encode(value)
            case .object(let value): try container.encode(value)
            }
        }
    }
}
