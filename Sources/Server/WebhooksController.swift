import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Store

/// Webhook subscriptions and their deliveries over HTTP (roles `ops` and `admin`), the twin of
/// `supplycast webhooks`: the same store functions serve both.
///
/// `GET /v1/webhooks`, `POST /v1/webhooks` with `{"url", "events", "site", "mode": "immediate|digest"}` (201 with
/// the secret, shown once),
/// `POST /v1/webhooks/{id}/disable|enable|rotate-secret`, `GET /v1/webhooks/deliveries?status=dead`,
/// `POST /v1/webhooks/replay` with `{"delivery": ID}` or `{"since": "2026-11-02T00:00:00Z"}`.
struct WebhooksController {
    let store: SupplyStore
    let policy: WebhookURLPolicy

    func addRoutes(to group: RouterGroup<SupplyRequestContext>) {
        group.get("/webhooks") { _, _ in try jsonResponse(try store.webhooks()) }
        group.post("/webhooks", use: add)
        group.post("/webhooks/{id}/disable", use: disable)
        group.post("/webhooks/{id}/enable") { _, context in
            try answeringStoreErrors { try jsonResponse(try store.enableWebhook(id: try id(context))) }
        }
        group.post("/webhooks/{id}/rotate-secret", use: rotate)
        group.get("/webhooks/deliveries", use: deliveries)
        group.post("/webhooks/replay", use: replay)
    }

    struct AddBody: Decodable {
        var url: String
        /// Required in `immediate` mode; left out in `digest` mode, which covers every kind.
        var events: [String]?
        var site: String?
        /// `immediate` (the default) or `digest`.
        var mode: String?
    }

    struct Added: Encodable {
        var subscription: WebhookSubscription
        /// Shown once: SupplyCast keeps it to sign, but never lists it.
        var secret: String
    }

    @Sendable func add(_ request: Request, context: SupplyRequestContext) async throws -> Response {
        let body = try await request.decode(as: AddBody.self, context: context)
        let mode = try body.mode.map { text in
            guard let mode = WebhookDeliveryMode(rawValue: text) else {
                throw APIError(.unprocessableContent, code: "invalid_request",
                               """
                               mode '\(text)' is not known; use 'immediate' (each alert change) or 'digest' \
                               (one per site per night)
                               """)
            }
            return mode
        } ?? .immediate
        return try answeringStoreErrors {
            let (subscription, secret) = try store.addWebhook(url: body.url, events: body.events ?? [], site: body.site,
                                                              mode: mode, policy: policy)
            return try jsonResponse(Added(subscription: subscription, secret: secret), status: .created)
        }
    }

    struct DisableBody: Decodable {
        var reason: String?
    }

    @Sendable func disable(_ request: Request, context: SupplyRequestContext) async throws -> Response {
        let body = try? await request.decode(as: DisableBody.self, context: context)
        let who = context.token?.name ?? "api"
        return try answeringStoreErrors {
            try jsonResponse(try store.disableWebhook(id: try id(context), reason: body?.reason ?? "disabled by \(who)"))
        }
    }

    struct RotateBody: Decodable {
        /// How long the old secret keeps signing; 24 h when left out.
        var overlapSeconds: Double?
    }

    struct Rotated: Encodable {
        var subscription: WebhookSubscription
        var secret: String
    }

    @Sendable func rotate(_ request: Request, context: SupplyRequestContext) async throws -> Response {
        let body = try? await request.decode(as: RotateBody.self, context: context)
        return try answeringStoreErrors {
            let id = try id(context)
            let secret = try store.rotateWebhookSecret(id: id, overlap: body?.overlapSeconds ?? 86_400)
            return try jsonResponse(Rotated(subscription: try store.webhook(id: id), secret: secret))
        }
    }

    @Sendable func deliveries(_ request: Request, context: SupplyRequestContext) async throws -> Response {
        let query = request.uri.queryParameters
        var status: OutboxMessage.Status?
        if let text = query["status"].map(String.init) {
            guard let parsed = OutboxMessage.Status(rawValue: text) else {
                throw APIError(.badRequest, code: "invalid_query", "status must be one of pending, inFlight, delivered, rejected, dead, cancelled")
            }
            status = parsed
        }
        let since = try query["since"].map { try moment(String($0)) }
        let subscription = query["subscription"].flatMap { Int64(String($0)) }
        let limit = query["limit"].flatMap { Int(String($0)) } ?? 100
        return try jsonResponse(try store.webhookDeliveries(status: status, subscription: subscription, since: since, limit: limit))
    }

    struct ReplayBody: Decodable {
        var delivery: Int64?
        var since: String?
    }

    struct Replayed: Encodable {
        var replayed: [Int64]
    }

    @Sendable func replay(_ request: Request, context: SupplyRequestContext) async throws -> Response {
        let body = try await request.decode(as: ReplayBody.self, context: context)
        let since = try body.since.map(moment)
        return try answeringStoreErrors { try jsonResponse(Replayed(replayed: try store.replayWebhookDeliveries(id: body.delivery, since: since))) }
    }

    // MARK: - Helpers

    private func id(_ context: SupplyRequestContext) throws -> Int64 {
        guard let text = context.parameters.get("id"), let id = Int64(text) else {
            throw APIError(.badRequest, code: "invalid_id", "the subscription id in the path must be a number")
        }
        return id
    }

    private func moment(_ text: String) throws -> Date {
        let formatter = ISO8601DateFormatter()
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date }
        throw APIError(.badRequest, code: "invalid_time", "'\(text)' is not an RFC 3339 time like 2026-11-02T08:00:00Z")
    }
}

/// Runs a store call, turning the store's user-facing errors into their HTTP answers.
func answeringStoreErrors<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as StoreError {
        switch error {
        case .notFound: throw APIError(.notFound, code: "not_found", error.description)
        case .invalidRequest, .invalidMasterData: throw APIError(.unprocessableContent, code: "invalid_request", error.description)
        case .cannotOpen: throw error
        }
    }
}

/// A JSON response with ISO 8601 dates and sorted keys.
func jsonResponse(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
    let encoder = JSONEncoder()
    encoder.dateEncodingStrategy = .iso8601
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return Response(status: status, headers: [.contentType: "application/json"],
                    body: .init(byteBuffer: ByteBuffer(bytes: try encoder.encode(value))))
}
