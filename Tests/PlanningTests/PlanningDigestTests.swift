import Foundation
import GRDB
import Planning
import Store
import SupplyCastTesting
import SupplyDomain
import Testing

/// The digest a real planning run cuts when it finishes.
@Suite struct PlanningDigestTests {
    func digests(_ store: SupplyStore, subscription: Int64) throws -> [OutboxMessage] {
        try store.outboxMessages(channel: webhookChannel).filter { $0.destination == String(subscription) }.reversed()
    }

    @Test("a planning night sends digest subscribers one digest whose counts equal the alerts table, and no alert itself")
    func digestOfARun() throws {
        let test = try PlanningFixture.store()
        let daily = try test.store.addWebhook(url: "https://ops.example/daily", events: [], mode: .digest).subscription
        let run = try PlanningFixture.planning(test.store).run(site: "NORTH", asOf: PlanningFixture.asOf, trigger: "test",
                                                               actor: "t")
        let messages = try digests(test.store, subscription: daily.id)
        #expect(messages.map(\.messageId) == ["digest_NORTH_\(run.id)"])
        struct Envelope: Decodable { var type: String; var data: AlertDigest }
        let envelope = try JSONDecoder().decode(Envelope.self, from: try #require(messages.first).payload)
        let (live, attention) = try test.store.pool.read { db in
            (try Int.fetchOne(db, sql: "SELECT count(*) FROM alert WHERE site = 'NORTH' AND state != 'resolved'") ?? -1,
             try String.fetchAll(db, sql: """
                SELECT subject FROM alert WHERE site = 'NORTH' AND state != 'resolved' AND severity IN ('critical', 'warning')
                ORDER BY subject
                """))
        }
        #expect(envelope.type == "alerts.digest")
        #expect(envelope.data.liveTotal == live)
        #expect(envelope.data.opened.count == live)
        #expect(envelope.data.attention.map(\.subject).sorted() == attention)
    }

    @Test("a second run of the same night on unchanged data sends digest subscribers nothing")
    func rerun() throws {
        let test = try PlanningFixture.store()
        let daily = try test.store.addWebhook(url: "https://ops.example/daily", events: [], mode: .digest).subscription
        let planning = PlanningFixture.planning(test.store)
        _ = try planning.run(site: "NORTH", asOf: PlanningFixture.asOf, trigger: "test", actor: "t")
        _ = try planning.run(site: "NORTH", asOf: PlanningFixture.asOf, trigger: "test", actor: "t")
        #expect(try digests(test.store, subscription: daily.id).count == 1)
    }
}
