import Foundation
import HTTPTypes
import Hummingbird
import Logging

extension HTTPField.Name {
    static let requestId = Self("X-Request-Id")!
}

/// Gives every request an id (the caller's `X-Request-Id`, or a new one), puts it in the logger's metadata and
/// echoes it on the response, so a caller's report and the server log meet.
struct RequestIdMiddleware: RouterMiddleware {
    typealias Context = SupplyRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        var context = context
        let id = request.headers[.requestId].flatMap { $0.count <= 128 ? $0 : nil } ?? UUID().uuidString.lowercased()
        context.requestId = id
        context.logger[metadataKey: "request_id"] = .string(id)
        do {
            var response = try await next(request, context)
            response.headers[.requestId] = id
            return response
        } catch var error as APIError {
            error.requestId = id
            throw error
        } catch let error as any HTTPResponseError {
            throw APIError(error.status, code: "http_\(error.status.code)", "\(error)", requestId: id)
        } catch {
            context.logger.error("request failed", metadata: ["error": "\(error)"])
            throw APIError(.internalServerError, code: "internal", "unexpected error; quote the request id when reporting it", requestId: id)
        }
    }
}
