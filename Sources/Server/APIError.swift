import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// An error that knows its HTTP status and renders as `{"error": {"code", "message", "requestId"}}`.
public struct APIError: HTTPResponseError, Sendable {
    public var status: HTTPResponse.Status
    public var code: String
    public var message: String
    public var requestId: String?

    public init(_ status: HTTPResponse.Status, code: String, _ message: String, requestId: String? = nil) {
        self.status = status
        self.code = code
        self.message = message
        self.requestId = requestId
    }

    /// The JSON error, with the request's id in `X-Request-Id` as on every other response.
    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var headers: HTTPFields = [.contentType: "application/json"]
        if let requestId { headers[.requestId] = requestId }
        return Response(status: status, headers: headers, body: .init(byteBuffer: body()))
    }

    func body() -> ByteBuffer {
        struct Body: Encodable {
            struct Detail: Encodable {
                var code: String
                var message: String
                var requestId: String?
            }
            var error: Detail
        }
        let data = (try? JSONEncoder().encode(Body(error: .init(code: code, message: message, requestId: requestId)))) ?? Data()
        return ByteBuffer(bytes: data)
    }
}
