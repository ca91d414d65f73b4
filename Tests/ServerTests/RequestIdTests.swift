import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Server
import Store
import SupplyCastTesting
import Testing

/// A caller's report and the server log meet on the request id, whatever the answer was.
@Suite struct RequestIdTests {
    static let requestId = HTTPField.Name("X-Request-Id")!

    @Test("errors carry X-Request-Id too: 400, 401, 403, 404 and 413 echo the caller's id or give a new one")
    func errorsCarryTheRequestId() async throws {
        let db = try TemporaryStore().withStandardMasterData()
        let app = SupplyCastServer.makeApplication(
            store: db.store, configuration: ServerConfiguration(host: "127.0.0.1", port: 0, maxBodyBytes: 64))
        let planner = try db.store.createToken(name: "planner", role: .planner).secret
        let feed = try db.store.createToken(name: "feed", role: .integration).secret
        try await app.test(.live) { client in
            let cases: [(uri: String, headers: HTTPFields, body: String, status: HTTPResponse.Status)] = [
                ("/v1/events", [.authorization: "Bearer \(feed)"], "", .badRequest),
                ("/v1/events", [:], EventLine.usage(id: "u1"), .unauthorized),
                ("/v1/events", [.authorization: "Bearer \(planner)"], EventLine.usage(id: "u1"), .forbidden),
                ("/v1/no-such-route", [.authorization: "Bearer \(feed)"], "", .notFound),
                ("/v1/events", [.authorization: "Bearer \(feed)"], String(repeating: EventLine.usage(id: "u1") + "\n", count: 4),
                 .contentTooLarge),
            ]
            for (index, testCase) in cases.enumerated() {
                var headers = testCase.headers
                headers[.contentType] = "application/x-ndjson"
                headers[Self.requestId] = "caller-\(index)"
                try await client.execute(uri: testCase.uri, method: .post, headers: headers,
                                         body: ByteBuffer(string: testCase.body)) { response in
                    #expect(response.status == testCase.status)
                    #expect(response.headers[Self.requestId] == "caller-\(index)")
                }
            }
            try await client.execute(uri: "/v1/no-such-route", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(response.headers[Self.requestId]?.isEmpty == false)
            }
        }
    }
}
