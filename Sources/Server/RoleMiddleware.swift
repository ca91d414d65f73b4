import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Store

/// Admits a request only with a live bearer token of one of `roles` (or `admin`): 401 without a valid token,
/// 403 with the wrong role.
struct RoleMiddleware: RouterMiddleware {
    typealias Context = SupplyRequestContext
    let store: SupplyStore
    let roles: Set<Role>

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        guard let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer ") else {
            throw APIError(.unauthorized, code: "unauthenticated", "send 'Authorization: Bearer <token>' (create one with: supplycast tokens create)")
        }
        let secret = String(header.dropFirst(7)).trimmingCharacters(in: .whitespaces)
        guard let token = try await store.token(forSecret: secret) else {
            throw APIError(.unauthorized, code: "unauthenticated", "the bearer token is unknown or revoked")
        }
        guard token.role == .admin || roles.contains(token.role) else {
            let allowed = roles.map(\.rawValue).sorted().joined(separator: ", ")
            throw APIError(.forbidden, code: "forbidden", "role '\(token.role.rawValue)' may not do this; needs one of: \(allowed), admin")
        }
        var context = context
        context.token = token
        context.logger[metadataKey: "token"] = .string(token.name)
        return try await next(request, context)
    }
}
