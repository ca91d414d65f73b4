import Crypto
import Foundation
import SupplyDomain

/// The canonical JSON of an event and its SHA-256: two deliveries with the same fingerprint say the same thing,
/// whatever their whitespace, key order or number formatting.
public struct EventFingerprint: Sendable, Hashable {
    /// Canonical JSON (sorted keys), the form the event log keeps.
    public var canonical: Data
    /// Hex SHA-256 of `canonical`.
    public var contentHash: String

    /// The fingerprint of `event`'s canonical form (written by `CanonicalEventWriter`, not by Foundation, so that
    /// a toolchain upgrade cannot change a stored hash). Throws when a number is NaN or infinite.
    public init(of event: SupplyEvent) throws {
        let canonical = try CanonicalEventWriter.canonicalBytes(of: event)
        self.canonical = Data(canonical)
        self.contentHash = SHA256.hash(data: canonical).hexString
    }
}

extension Digest {
    /// Lower-case hexadecimal digits of the digest.
    public var hexString: String {
        let digits: StaticString = "0123456789abcdef"
        return String(unsafeUninitializedCapacity: Self.byteCount * 2) { text in
            var index = 0
            for byte in self {
                text[index] = digits.utf8Start[Int(byte >> 4)]
                text[index + 1] = digits.utf8Start[Int(byte & 0x0F)]
                index += 2
            }
            return index
        }
    }
}
