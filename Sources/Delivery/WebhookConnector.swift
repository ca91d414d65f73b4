import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import Store

/// Delivers webhook outbox messages to their subscription's URL, signed per Standard Webhooks.
///
/// One POST per attempt, redirects never followed. Any 2xx is delivered; a timeout, connection failure or 5xx is
/// retried on `schedule`; 429 is retried no sooner than its `Retry-After`; 410 means the receiver is gone and
/// disables the subscription; any other status is a refusal.
public final class WebhookConnector: Connector {
    public let channel = webhookChannel
    public let schedule: RetrySchedule
    public let store: SupplyStore
    /// Checked again at send time, so tightening the allowlist stops deliveries to hosts no longer on it.
    public let policy: WebhookURLPolicy
    public let timeout: TimeAmount
    let client: HTTPClient
    let logger: Logger
    let observe: @Sendable (WebhookAttemptReport) -> Void

    /// - Parameters:
    ///   - observe: told about every attempt and every dead letter (for metrics).
    public init(
        store: SupplyStore, schedule: RetrySchedule = .standardWebhooks, policy: WebhookURLPolicy = WebhookURLPolicy(),
        timeout: TimeAmount = .seconds(15), logger: Logger = Logger(label: "supplycast.webhooks"),
        observe: @escaping @Sendable (WebhookAttemptReport) -> Void = { _ in }
    ) {
        self.store = store
        self.schedule = schedule
        self.policy = policy
        self.timeout = timeout
        self.logger = logger
        self.observe = observe
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .disallow, timeout: .init(connect: timeout, read: timeout))
        configuration.decompression = .disabled
        client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }

    /// Closes the HTTP client; call once the relay has stopped.
    public func shutdown() async throws {
        try await client.shutdown()
    }

    public func deliver(_ message: OutboxMessage) async -> DeliveryOutcome {
        let outcome = await attempt(message)
        observe(WebhookAttemptReport(subscription: message.destination, outcome: outcome.label))
        return outcome
    }

    public func finished(_ message: OutboxMessage, outcome: DeliveryOutcome, dead: Bool) async {
        if dead {
            observe(WebhookAttemptReport(subscription: message.destination, outcome: "dead"))
        }
        guard case .gone(let error, _) = outcome, let id = Int64(message.destination) else { return }
        do {
            try store.disableWebhook(id: id, reason: "receiver answered 410 Gone: \(error)")
            logger.warning("webhook subscription disabled: the receiver is gone", metadata: ["subscription": "\(id)"])
        } catch {
            logger.error("could not disable a gone webhook subscription", metadata: ["subscription": "\(id)", "error": "\(error)"])
        }
    }

    // MARK: - One attempt

    private func attempt(_ message: OutboxMessage) async -> DeliveryOutcome {
        let endpoint: WebhookEndpoint
        do {
            guard let id = Int64(message.destination), let found = try await store.webhookEndpoint(id: id) else {
                return .rejected(error: "webhook subscription \(message.destination) does not exist", statusCode: nil)
            }
            endpoint = found
        } catch {
            return .retryable(error: "cannot read the subscription: \(error)", statusCode: nil, retryAfter: nil)
        }
        let subscription = endpoint.subscription
        guard subscription.enabled else {
            let reason = subscription.disabledReason.map { " (\($0))" } ?? ""
            return .rejected(error: "webhook subscription \(subscription.id) is disabled\(reason)", statusCode: nil)
        }
        do {
            _ = try policy.validate(subscription.url)
        } catch {
            return .rejected(error: "\(error)", statusCode: nil)
        }
        let request: HTTPClientRequest
        do {
            request = try Self.request(message, to: endpoint, now: Date())
        } catch {
            return .rejected(error: "\(error)", statusCode: nil)
        }
        do {
            let response = try await client.execute(request, timeout: timeout)
            let text = try? await response.body.collect(upTo: 4096)
            return Self.outcome(status: Int(response.status.code), headers: response.headers,
                                body: text.map { String(buffer: $0) })
        } catch {
            return .retryable(error: "\(error)", statusCode: nil, retryAfter: nil)
        }
    }

    /// The signed POST for one message: `webhook-id`, `webhook-timestamp` (now, in unix seconds) and
    /// `webhook-signature` over the stored body bytes, unchanged.
    public static func request(_ message: OutboxMessage, to endpoint: WebhookEndpoint, now: Date) throws -> HTTPClientRequest {
        let timestamp = Int(now.timeIntervalSince1970)
        var request = HTTPClientRequest(url: endpoint.subscription.url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "User-Agent", value: "SupplyCast-Webhooks/1")
        request.headers.add(name: "webhook-id", value: message.messageId)
        request.headers.add(name: "webhook-timestamp", value: String(timestamp))
        request.headers.add(name: "webhook-signature", value: try WebhookSignature.header(
            id: message.messageId, timestamp: timestamp, body: message.payload, secrets: endpoint.secrets))
        request.body = .bytes(ByteBuffer(bytes: message.payload))
        return request
    }

    /// What a receiver's answer means for the message.
    public static func outcome(status: Int, headers: HTTPHeaders, body: String?, now: Date = Date()) -> DeliveryOutcome {
        let detail = body.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 }
        let error = "HTTP \(status)" + (detail.map { ": \($0.prefix(200))" } ?? "")
        switch status {
        case 200..<300:
            return .delivered(response: detail.map { String($0.prefix(500)) }, statusCode: status)
        case 410:
            return .gone(error: error, statusCode: status)
        case 429:
            return .retryable(error: error, statusCode: status, retryAfter: retryAfter(headers.first(name: "Retry-After"), now: now))
        case 408, 500..<600:
            return .retryable(error: error, statusCode: status, retryAfter: nil)
        case 300..<400:
            return .rejected(error: error + " (redirects are not followed: subscribe the final URL)", statusCode: status)
        default:
            return .rejected(error: error, statusCode: status)
        }
    }

    /// `Retry-After` as seconds, from delta-seconds or an HTTP date.
    static func retryAfter(_ value: String?, now: Date) -> TimeInterval? {
        guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        if let seconds = Double(value) { return max(0, seconds) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return formatter.date(from: value).map { max(0, $0.timeIntervalSince(now)) }
    }
}

/// One attempt's outcome for metrics: `delivered`, `retryable`, `rejected`, `gone`, or `dead` once the last failed.
public struct WebhookAttemptReport: Sendable {
    public var subscription: String
    public var outcome: String
}

extension DeliveryOutcome {
    var label: String {
        switch self {
        case .delivered: "delivered"
        case .retryable: "retryable"
        case .rejected: "rejected"
        case .gone: "gone"
        }
    }
}
