import Crypto

/// The identity of a message for idempotency: sending application (MSH-3), sending facility (MSH-4) and control
/// id (MSH-10). The same key with the same content is a duplicate; with other content, a conflict (real feeds
/// reuse control ids).
public struct HL7MessageKey: Sendable, Hashable, CustomStringConvertible {
    public var sendingApplication: String
    public var sendingFacility: String
    public var controlId: String

    public init(sendingApplication: String, sendingFacility: String, controlId: String) {
        self.sendingApplication = sendingApplication
        self.sendingFacility = sendingFacility
        self.controlId = controlId
    }

    /// `application/facility/controlId`, the stem of the ids of the events the message gives.
    public var description: String { "\(sendingApplication)/\(sendingFacility)/\(controlId)" }
}

extension HL7Message {
    /// Hex SHA-256 of the message as received, with its segments joined by CR: a message read from a file with
    /// LF line ends hashes as the same message received over MLLP.
    public var contentHash: String {
        SHA256.hash(data: wireBytes).hexString
    }
}
