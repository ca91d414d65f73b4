import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import Store

/// Sends approved requisitions to an ERP over HTTP: one POST of the neutral requisition JSON per attempt, with the
/// requisition id as `Idempotency-Key`.
///
/// 2xx is delivered (the ERP's id is taken from `id`, `erpId` or `requisitionNumber` in the answer, else the
/// `Location` header); 409 means the ERP already has this key, which also counts as delivered; 408, 429, 5xx,
/// timeouts and connection errors are retried; any other 4xx is a refusal the planners hear about.
public final class ERPHTTPConnector: Connector {
    public let channel = Requisitions.channel
    public let schedule: RetrySchedule
    public let store: SupplyStore
    public let url: String
    public let timeout: TimeAmount
    let headers: HTTPHeaders

    /// 5 s, 30 s, 2 min, 10 min, 30 min, 1 h, 2 h, 4 h.
    public static let defaultSchedule = RetrySchedule(delays: [5, 30, 120, 600, 1800, 3600, 7200, 14_400])
    let client: HTTPClient
    let logger: Logger

    /// - Parameter headers: added to every request (e.g. an `Authorization` the ERP wants).
    public init(store: SupplyStore, url: String, headers: [(String, String)] = [],
                schedule: RetrySchedule = ERPHTTPConnector.defaultSchedule,
                timeout: TimeAmount = .seconds(30), logger: Logger = Logger(label: "supplycast.erp")) {
        self.store = store
        self.url = url
        self.schedule = schedule
        self.timeout = timeout
        self.logger = logger
        self.headers = HTTPHeaders(headers)
        client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: .init(
            redirectConfiguration: .disallow, timeout: .init(connect: timeout, read: timeout)))
    }

    /// Closes the HTTP client; call once the relay has stopped.
    public func shutdown() async throws {
        try await client.shutdown()
    }

    public func deliver(_ message: OutboxMessage) async -> DeliveryOutcome {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers = headers
        request.headers.replaceOrAdd(name: "Content-Type", value: "application/json")
        request.headers.replaceOrAdd(name: "Idempotency-Key", value: message.messageId)
        request.body = .bytes(ByteBuffer(bytes: message.payload))
        do {
            let response = try await client.execute(request, timeout: timeout)
            let body = Data(try await response.body.collect(upTo: 1 << 20).readableBytesView)
            let code = Int(response.status.code)
            switch code {
            case 200..<300, 409:
                return .delivered(response: Self.erpId(body, location: response.headers.first(name: "Location")),
                                  statusCode: code)
            case 408, 429, 500...:
                let retryAfter = response.headers.first(name: "Retry-After").flatMap(TimeInterval.init)
                return .retryable(error: "ERP answered \(code)", statusCode: code, retryAfter: retryAfter)
            default:
                let text = String(decoding: body.prefix(500), as: UTF8.self)
                return .rejected(error: "ERP answered \(code): \(text)", statusCode: code)
            }
        } catch {
            return .retryable(error: "\(error)", statusCode: nil, retryAfter: nil)
        }
    }

    public func finished(_ message: OutboxMessage, outcome: DeliveryOutcome, dead: Bool) async {
        do {
            try store.syncRequisitionDeliveries(id: message.messageId)
        } catch {
            logger.error("could not record the ERP's answer on the requisition; it is retried on the next sync",
                         metadata: ["requisition": "\(message.messageId)", "error": "\(error)"])
        }
    }

    /// The ERP's own id for the requisition, from its JSON answer or `Location` header.
    static func erpId(_ body: Data, location: String?) -> String? {
        if let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any] {
            for key in ["erpId", "id", "requisitionNumber"] {
                if let value = object[key] as? String { return value }
                if let value = object[key] as? Int { return String(value) }
            }
        }
        return location.map { String($0.split(separator: "/").last ?? Substring($0)) }
    }
}
