/// Why an HL7 v2 message cannot be taken, and where: every error names a segment and field.
///
/// Errors about the message header (unreadable MSH, unsupported type, version, processing id or character set)
/// are refusals (`AR`): nothing was stored. The others are errors in content (`AE`): the message is kept as a
/// dead letter to retry once master data or the code map is fixed.
public struct HL7Error: Error, Sendable, Hashable, CustomStringConvertible {
    /// The reasons, each with its code from HL7 table 0357 (message error condition codes).
    public enum Reason: String, Sendable, Hashable, CaseIterable {
        case segmentSequence
        case requiredFieldMissing
        case dataType
        case unmappedCode
        case unsupportedMessageType
        case unsupportedEventCode
        case unsupportedProcessingId
        case unsupportedVersion
        case unsupportedCharacterSet
        case applicationError

        /// The HL7 table 0357 code an ERR segment reports.
        public var code: String {
            switch self {
            case .segmentSequence: "100"
            case .requiredFieldMissing: "101"
            case .dataType, .unsupportedCharacterSet: "102"
            case .unmappedCode: "103"
            case .unsupportedMessageType: "200"
            case .unsupportedEventCode: "201"
            case .unsupportedProcessingId: "202"
            case .unsupportedVersion: "203"
            case .applicationError: "207"
            }
        }

        /// The table 0357 wording of `code`.
        public var codeText: String {
            switch self {
            case .segmentSequence: "Segment sequence error"
            case .requiredFieldMissing: "Required field missing"
            case .dataType, .unsupportedCharacterSet: "Data type error"
            case .unmappedCode: "Table value not found"
            case .unsupportedMessageType: "Unsupported message type"
            case .unsupportedEventCode: "Unsupported event code"
            case .unsupportedProcessingId: "Unsupported processing id"
            case .unsupportedVersion: "Unsupported version id"
            case .applicationError: "Application internal error"
            }
        }
    }

    public var reason: Reason
    public var location: HL7Location
    public var message: String

    public init(_ reason: Reason, at location: HL7Location, _ message: String) {
        self.reason = reason
        self.location = location
        self.message = message
    }

    /// Whether the message is refused outright (`AR`/`CR`) rather than stored and answered with an error
    /// (`AE`/`CE`): true when the header says the message is not one SupplyCast takes at all.
    public var isRefusal: Bool {
        switch reason {
        case .unsupportedMessageType, .unsupportedEventCode, .unsupportedProcessingId, .unsupportedVersion,
            .unsupportedCharacterSet:
            true
        case .segmentSequence, .requiredFieldMissing, .dataType, .applicationError:
            location.segment == "MSH"
        case .unmappedCode:
            false
        }
    }

    public var description: String { "\(location): \(message)" }
}
