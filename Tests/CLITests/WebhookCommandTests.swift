import Foundation
import Store
import SupplyCastTesting
import Testing

@Suite struct WebhookCommandTests {
    @Test("webhooks add --digest subscribes to the daily digest; --digest with --events, or neither, is a usage error")
    func digest() throws {
        let db = try TemporaryStore().withStandardMasterData()
        let added = try SupplyCastProcess.run(["webhooks", "add", "--db", db.path, "--url", "https://ops.example/daily",
                                               "--digest", "--site", "NORTH"])
        #expect(added.status == 0, "\(added.stderr)")
        #expect(added.stdout.hasPrefix("whsec_"))
        let stored = try #require(try db.store.webhooks().first)
        #expect(stored.mode == .digest)
        #expect(stored.site == "NORTH")
        let both = try SupplyCastProcess.run(["webhooks", "add", "--db", db.path, "--url", "https://ops.example/h",
                                              "--digest", "--events", "shortage.*"])
        #expect(both.status == 64)
        #expect(both.stderr.contains("--digest covers every alert kind"))
        let neither = try SupplyCastProcess.run(["webhooks", "add", "--db", db.path, "--url", "https://ops.example/h"])
        #expect(neither.status == 64)
        #expect(try db.store.webhooks().count == 1)
    }
}
