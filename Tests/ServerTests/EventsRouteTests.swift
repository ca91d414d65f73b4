import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Server
import Store
import SupplyCastTesting
import Testing

@Suite struct EventsRouteTests {
    func withServer(maxBodyBytes: Int = 1 << 20, _ test: @escaping @Sendable (any TestClientProtocol, TemporaryStore) async throws -> Void)
        async throws
    {
        let db = try TemporaryStore().withStandardMasterData()
        let app = SupplyCastServer.makeApplication(
            store: db.store, configuration: ServerConfiguration(host: "127.0.0.1", port: 0, maxBodyBytes: maxBodyBytes))
        try await app.test(.live) { client in try await test(client, db) }
    }

    func bearer(_ db: TemporaryStore, _ role: Role) throws -> HTTPFields {
        let secret = try db.store.createToken(name: "test-\(role.rawValue)", role: role).secret
        return [.authorization: "Bearer \(secret)", .contentType: "application/x-ndjson"]
    }

    @Test("health and metrics are open; events need a token (401) of the right role (403)")
    func authentication() async throws {
        try await withServer { client, db in
            try await client.execute(uri: "/healthz", method: .get) { #expect($0.status == .ok) }
            try await client.execute(uri: "/readyz", method: .get) { #expect($0.status == .ok) }
            let body = ByteBuffer(string: EventLine.usage(id: "u1"))
            try await client.execute(uri: "/v1/events", method: .post, body: body) { response in
                #expect(response.status == .unauthorized)
                #expect(String(buffer: response.body).contains("Bearer"))
            }
            try await client.execute(uri: "/v1/events", method: .post, headers: [.authorization: "Bearer nope"], body: body) {
                #expect($0.status == .unauthorized)
            }
            try await client.execute(uri: "/v1/events", method: .post, headers: try bearer(db, .planner), body: body) {
                #expect($0.status == .forbidden)
            }
            try await client.execute(uri: "/v1/events", method: .post, headers: try bearer(db, .integration), body: body) {
                #expect($0.status == .ok)
            }
            #expect(try db.store.summary().events == 1)
        }
    }

    @Test("per-event results: accepted, duplicate, rejected; 207 when mixed; counted in /metrics")
    func perEventResults() async throws {
        try await withServer { client, db in
            let headers = try bearer(db, .integration)
            let body = [EventLine.usage(id: "u1"), EventLine.usage(id: "u1"), EventLine.usage(id: "u2", item: "NOPE")]
                .joined(separator: "\n")
            try await client.execute(uri: "/v1/events", method: .post, headers: headers, body: ByteBuffer(string: body)) { response in
                #expect(response.status.code == 207)
                #expect(response.headers[HTTPField.Name("X-Request-Id")!] != nil)
                let json = try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any]
                let results = try #require(json?["results"] as? [[String: Any]])
                #expect(results.map { $0["outcome"] as? String } == ["accepted", "duplicate", "rejected"])
                #expect(results[2]["reason"] as? String == "unknownItem")
                #expect(results[2]["field"] as? String == "payload.item")
            }
            try await client.execute(uri: "/metrics", method: .get) { response in
                let text = String(buffer: response.body)
                #expect(text.contains(#"supplycast_events_total{type="usage.recorded",source="mm",outcome="accepted"} 1"#))
                #expect(text.contains("supplycast_http_request_duration_seconds"))
            }
        }
    }

    @Test("a JSON array body works; a body over the limit gets 413 and a dead letter")
    func arrayAndOversize() async throws {
        try await withServer(maxBodyBytes: 2048) { client, db in
            var headers = try bearer(db, .integration)
            headers[.contentType] = "application/json"
            let array = "[" + [EventLine.usage(id: "a1"), EventLine.usage(id: "a2")].joined(separator: ",") + "]"
            try await client.execute(uri: "/v1/events", method: .post, headers: headers, body: ByteBuffer(string: array)) {
                #expect($0.status == .ok)
            }
            let big = "[" + (0..<40).map { EventLine.usage(id: "b\($0)") }.joined(separator: ",") + "]"
            try await client.execute(uri: "/v1/events", method: .post, headers: headers, body: ByteBuffer(string: big)) { response in
                #expect(response.status == .contentTooLarge)
                #expect(String(buffer: response.body).contains("2048"))
            }
            #expect(try db.store.deadLetters(reason: "tooLarge").count == 1)
            #expect(try db.store.summary().events == 2)
        }
    }
}
