import Delivery
import Foundation
import NIOHTTP1
import Store
import Testing

@Suite struct WebhookSignatureTests {
    @Test("signs the Standard Webhooks known-answer vector exactly")
    func knownAnswer() throws {
        // The spec's reference test (libraries/python/tests/test_webhooks.py, test_sign_function).
        let signature = try WebhookSignature.sign(
            id: "msg_p5jXN8AQM9LWM0D4loKWxJek", timestamp: 1_614_265_330, body: Data(#"{"test": 2432232314}"#.utf8),
            secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
        #expect(signature == "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")
    }

    @Test("two live secrets give two space-separated signatures, the current one first")
    func rotationHeader() throws {
        let body = Data(#"{"test": 2432232314}"#.utf8)
        let other = WebhookSecret.generate()
        let header = try WebhookSignature.header(id: "msg_p5jXN8AQM9LWM0D4loKWxJek", timestamp: 1_614_265_330, body: body,
                                                 secrets: [other, "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"])
        let parts = header.split(separator: " ").map(String.init)
        #expect(parts.count == 2)
        #expect(parts[0] == (try WebhookSignature.sign(id: "msg_p5jXN8AQM9LWM0D4loKWxJek", timestamp: 1_614_265_330,
                                                       body: body, secret: other)))
        #expect(parts[1] == "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")
    }

    @Test("generated secrets are whsec_ plus base64 of 32 random bytes; short or non-base64 secrets are refused")
    func secrets() throws {
        let secret = WebhookSecret.generate()
        #expect(secret.hasPrefix("whsec_"))
        #expect(WebhookSecret.key(of: secret)?.count == 32)
        #expect(secret != WebhookSecret.generate())
        #expect(WebhookSecret.key(of: "whsec_c2hvcnQ=") == nil)
        #expect(throws: WebhookSignature.Failure.self) {
            try WebhookSignature.sign(id: "m", timestamp: 1, body: Data(), secret: "whsec_not base64!")
        }
    }

    @Test("receiver answers map to outcomes", arguments: [
        (200, "delivered"), (204, "delivered"), (410, "gone"), (429, "retryable"), (500, "retryable"),
        (503, "retryable"), (408, "retryable"), (400, "rejected"), (404, "rejected"), (301, "rejected"),
    ])
    func outcomes(status: Int, expected: String) {
        let outcome = WebhookConnector.outcome(status: status, headers: [:], body: nil)
        let label = switch outcome {
        case .delivered: "delivered"
        case .retryable: "retryable"
        case .rejected: "rejected"
        case .gone: "gone"
        }
        #expect(label == expected)
    }

    @Test("Retry-After is read as seconds or as an HTTP date")
    func retryAfter() {
        let now = Date(timeIntervalSince1970: 1_784_000_000)
        let seconds = WebhookConnector.outcome(status: 429, headers: ["Retry-After": "7"], body: nil, now: now)
        #expect(seconds == .retryable(error: "HTTP 429", statusCode: 429, retryAfter: 7))
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        let date = formatter.string(from: now.addingTimeInterval(120))
        let dated = WebhookConnector.outcome(status: 429, headers: ["Retry-After": date], body: nil, now: now)
        #expect(dated == .retryable(error: "HTTP 429", statusCode: 429, retryAfter: 120))
    }
}
