import Crypto
import Foundation
import Store

/// Standard Webhooks signatures: `v1,` + base64 HMAC-SHA256 over `id.timestamp.body`, keyed with the
/// base64-decoded secret after `whsec_`.
public enum WebhookSignature {
    public enum Failure: Error, CustomStringConvertible {
        case invalidSecret

        public var description: String {
            "a webhook secret must be 'whsec_' followed by the base64 of at least 24 bytes"
        }
    }

    /// One `v1,…` signature.
    public static func sign(id: String, timestamp: Int, body: Data, secret: String) throws -> String {
        guard let key = WebhookSecret.key(of: secret) else { throw Failure.invalidSecret }
        var signed = Data("\(id).\(timestamp).".utf8)
        signed.append(body)
        let mac = HMAC<SHA256>.authenticationCode(for: signed, using: SymmetricKey(data: key))
        return "v1," + Data(mac).base64EncodedString()
    }

    /// The `webhook-signature` header value: one signature per live secret, separated by spaces.
    public static func header(id: String, timestamp: Int, body: Data, secrets: [String]) throws -> String {
        try secrets.map { try sign(id: id, timestamp: timestamp, body: body, secret: $0) }.joined(separator: " ")
    }
}
