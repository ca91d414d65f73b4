import Foundation

/// Standard Webhooks signing secrets: `whsec_` followed by the base64 of random bytes.
public enum WebhookSecret {
    public static let prefix = "whsec_"

    /// A new secret of 32 random bytes.
    public static func generate() -> String {
        var random = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &random) }
        return prefix + Data(bytes).base64EncodedString()
    }

    /// The key bytes of a secret (with or without its `whsec_` prefix; base64 padding optional), or nil if it is
    /// not base64 or holds fewer than 24 bytes.
    public static func key(of secret: String) -> Data? {
        var text = secret.hasPrefix(prefix) ? String(secret.dropFirst(prefix.count)) : secret
        while text.count % 4 != 0 { text += "=" }
        guard let key = Data(base64Encoded: text), key.count >= 24 else { return nil }
        return key
    }
}
