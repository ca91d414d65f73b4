import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Server
import Store
import SupplyCastTesting
import Testing

@Suite struct WebhooksRouteTests {
    func withServer(_ test: @escaping @Sendable (any TestClientProtocol, TemporaryStore, HTTPFields) async throws -> Void)
        async throws
    {
        let db = try TemporaryStore().withStandardMasterData()
        let app = SupplyCastServer.makeApplication(
            store: db.store, configuration: ServerConfiguration(host: "127.0.0.1", port: 0))
        let secret = try db.store.createToken(name: "ops", role: .ops).secret
        try await app.test(.live) { client in
            try await test(client, db, [.authorization: "Bearer \(secret)", .contentType: "application/json"])
        }
    }

    @Test("POST /v1/webhooks with mode digest subscribes to the daily digest without event filters")
    func digest() async throws {
        try await withServer { client, db, headers in
            let body = ByteBuffer(string: #"{"url": "https://ops.example/daily", "mode": "digest", "site": "NORTH"}"#)
            try await client.execute(uri: "/v1/webhooks", method: .post, headers: headers, body: body) { response in
                #expect(response.status == .created)
            }
            let stored = try #require(try db.store.webhooks().first)
            #expect(stored.mode == .digest)
            #expect(stored.events == ["*"])
            #expect(stored.site == "NORTH")
        }
    }

    @Test("an unknown mode, or event filters on a digest, are refused with 422 and the reason")
    func refusals() async throws {
        try await withServer { client, db, headers in
            for (json, reason) in [
                (#"{"url": "https://ops.example/h", "events": ["*"], "mode": "weekly"}"#, "mode 'weekly'"),
                (#"{"url": "https://ops.example/h", "events": ["shortage.*"], "mode": "digest"}"#, "covering every alert kind"),
                (#"{"url": "https://ops.example/h"}"#, "name the events"),
            ] {
                try await client.execute(uri: "/v1/webhooks", method: .post, headers: headers, body: ByteBuffer(string: json)) {
                    #expect($0.status == .unprocessableContent)
                    #expect(String(buffer: $0.body).contains(reason), "\(json)")
                }
            }
            #expect(try db.store.webhooks().isEmpty)
        }
    }
}
