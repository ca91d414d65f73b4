import Foundation
import GRDB
import Store
import SupplyCastTesting
import SupplyDomain
import Testing

/// The daily per-site digest: cut when a site's planning run finishes, sent only to digest subscriptions.
@Suite struct AlertDigestTests {
    static let night1 = LocalDate(iso: "2026-11-08")!
    static let at1 = Date(timeIntervalSince1970: 1_794_000_000)

    /// A finished planning run of `site` that raised `alerts`.
    @discardableResult
    func run(_ db: TemporaryStore, site: String, asOf: LocalDate = AlertDigestTests.night1,
             at now: Date = AlertDigestTests.at1, alerts: (Database) throws -> Void = { _ in }) throws -> Int64 {
        try AlertBuilder.planningRun(db.store, site: site, asOf: asOf, now: now, alerts: alerts)
    }

    func raise(_ database: Database, _ kind: AlertKind, _ subject: String, site: String = "NORTH",
               _ severity: AlertSeverity, _ fields: [String: Any] = [:], at now: Date = AlertDigestTests.at1) throws {
        let data = try JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys])
        try Alerts.raise(database, kind: kind, subject: subject, site: site, severity: severity, data: data, now: now)
    }

    func digests(_ db: TemporaryStore, subscription: Int64) throws -> [WebhookDelivery] {
        try db.store.webhookDeliveries(subscription: subscription).reversed()
    }

    /// The `data` of the newest digest message for `subscription`.
    func digest(_ db: TemporaryStore, subscription: Int64) throws -> AlertDigest {
        let message = try #require(try db.store.outboxMessages(channel: webhookChannel)
            .first { $0.destination == String(subscription) })
        struct Envelope: Decodable { var type: String; var data: AlertDigest }
        return try JSONDecoder().decode(Envelope.self, from: message.payload).data
    }

    @Test("a digest subscription gets one digest per site per run and no per-alert message; an immediate one each change")
    func oneDigestPerSitePerRun() throws {
        let db = try TemporaryStore().withStandardMasterData()
        let immediate = try db.store.addWebhook(url: "https://ops.example/each", events: ["*"]).subscription
        let everySite = try db.store.addWebhook(url: "https://ops.example/daily", events: [], mode: .digest).subscription
        let north = try db.store.addWebhook(url: "https://north.example/daily", events: [], site: "NORTH",
                                            mode: .digest).subscription
        let northRun = try run(db, site: "NORTH") { database in
            try raise(database, .shortageProjected, "NORTH/HIP-STEM", .critical, ["stockoutDate": "2026-11-12"])
            try raise(database, .shortageProjected, "NORTH/GLOVE-M", .warning, ["stockoutDate": "2026-11-20"])
            try raise(database, .caseAtRisk, "NORTH/C1", .critical, ["day": "2026-11-10", "missing": ["HIP-STEM": 1]])
        }
        let southRun = try run(db, site: "SOUTH") { database in
            try raise(database, .shortageProjected, "SOUTH/HIP-STEM", site: "SOUTH", .warning)
        }
        #expect(try digests(db, subscription: everySite.id).map(\.webhookId)
            == ["digest_NORTH_\(northRun)", "digest_SOUTH_\(southRun)"])
        #expect(try digests(db, subscription: everySite.id).map(\.type) == ["alerts.digest", "alerts.digest"])
        #expect(try digests(db, subscription: north.id).map(\.webhookId) == ["digest_NORTH_\(northRun)"])
        #expect(try digests(db, subscription: immediate.id).map(\.type)
            == ["shortage.projected", "shortage.projected", "case.at_risk", "shortage.projected"])
    }

    @Test("the digest's counts equal a count of the alerts table: live by kind and severity, opened, changed, resolved")
    func countsMatchTheAlertsTable() throws {
        let db = try TemporaryStore().withStandardMasterData()
        let daily = try db.store.addWebhook(url: "https://ops.example/daily", events: [], mode: .digest).subscription
        // Night 1 opens four alerts at NORTH and one at SOUTH.
        try run(db, site: "NORTH") { database in
            try raise(database, .shortageProjected, "NORTH/HIP-STEM", .critical, ["stockoutDate": "2026-11-12"])
            try raise(database, .shortageProjected, "NORTH/GLOVE-M", .warning, ["stockoutDate": "2026-11-20"])
            try raise(database, .caseAtRisk, "NORTH/C1", .warning, ["day": "2026-11-18", "missing": ["HIP-STEM": 1]])
            try raise(database, .lotExpiring, "NORTH/SUTURE-3/L1", .info, ["expiry": "2026-12-01"])
        }
        try run(db, site: "SOUTH") { database in
            try raise(database, .shortageProjected, "SOUTH/HIP-STEM", site: "SOUTH", .critical)
        }
        // Between the nights an append raises a case alert; night 2 resolves one, escalates one, nudges one
        // without it mattering, and opens another.
        let between = Self.at1.addingTimeInterval(3600)
        try db.store.pool.write { database in
            try raise(database, .caseAtRisk, "NORTH/C2", .critical, ["day": "2026-11-09", "missing": ["GLOVE-M": 2]],
                      at: between)
        }
        let at2 = Self.at1.addingTimeInterval(86_400)
        try run(db, site: "NORTH", asOf: Self.night1.advanced(by: 1), at: at2) { database in
            try Alerts.resolve(database, kind: .shortageProjected, subject: "NORTH/GLOVE-M", now: at2)
            try raise(database, .caseAtRisk, "NORTH/C1", .critical, ["day": "2026-11-18", "missing": ["HIP-STEM": 1]],
                      at: at2)
            try raise(database, .shortageProjected, "NORTH/HIP-STEM", .critical, ["stockoutDate": "2026-11-13"], at: at2)
            try raise(database, .lotExpiring, "NORTH/SUTURE-3/L2", .warning, ["expiry": "2026-11-14"], at: at2)
        }
        let digest = try digest(db, subscription: daily.id)

        // The independent count, straight from the alerts table, with night 1's finish as the boundary.
        let (live, opened, changed, resolved) = try db.store.pool.read { database in
            let live = try Row.fetchAll(database, sql: """
                SELECT kind, severity, count(*) AS n FROM alert WHERE site = 'NORTH' AND state != 'resolved'
                GROUP BY kind, severity
                """).map { ("\($0["kind"] as String)/\($0["severity"] as String)", $0["n"] as Int) }
            let opened = try String.fetchAll(database, sql: """
                SELECT subject FROM alert WHERE site = 'NORTH' AND openedAt > ? ORDER BY kind, subject
                """, arguments: [Self.at1.timeIntervalSince1970])
            let changed = try String.fetchAll(database, sql: """
                SELECT subject FROM alert WHERE site = 'NORTH' AND state = 'updated' AND openedAt <= ? AND updatedAt > ?
                ORDER BY kind, subject
                """, arguments: [Self.at1.timeIntervalSince1970, Self.at1.timeIntervalSince1970])
            let resolved = try String.fetchAll(database, sql: """
                SELECT subject FROM alert WHERE site = 'NORTH' AND resolvedAt > ? ORDER BY kind, subject
                """, arguments: [Self.at1.timeIntervalSince1970])
            return (Dictionary(uniqueKeysWithValues: live), opened, changed, resolved)
        }
        var digestLive: [String: Int] = [:]
        for (kind, severities) in digest.live {
            for (severity, count) in severities where count > 0 { digestLive["\(kind)/\(severity)"] = count }
        }
        #expect(digestLive == live)
        #expect(digest.liveTotal == live.values.reduce(0, +))
        #expect(digest.opened.map(\.subject) == opened)
        #expect(digest.changed.map(\.subject) == changed)
        #expect(digest.resolved.map(\.subject) == resolved)
        #expect(!digest.nothingChanged)
    }

    @Test("the attention list holds the live critical and warning alerts, most severe and soonest first, each in a line")
    func attention() throws {
        let db = try TemporaryStore().withStandardMasterData()
        let daily = try db.store.addWebhook(url: "https://ops.example/daily", events: [], mode: .digest).subscription
        try run(db, site: "NORTH") { database in
            try raise(database, .shortageProjected, "NORTH/GLOVE-M", .warning,
                      ["item": "GLOVE-M", "stockoutDate": "2026-11-20", "onHand": 12, "onOrder": 40])
            try raise(database, .shortageProjected, "NORTH/HIP-STEM", .critical, ["item": "HIP-STEM", "stockoutDate": "2026-11-14"])
            try raise(database, .caseAtRisk, "NORTH/C1", .critical,
                      ["case": "C1", "day": "2026-11-10", "missing": ["HIP-STEM": 1, "GLOVE-M": 2.5]])
            try raise(database, .lotExpiring, "NORTH/SUTURE-3/L1", .info, ["expiry": "2026-12-01"])
        }
        let digest = try digest(db, subscription: daily.id)
        #expect(digest.attention.map(\.subject) == ["NORTH/C1", "NORTH/HIP-STEM", "NORTH/GLOVE-M"])
        #expect(digest.attention.map(\.keyDay) == [LocalDate(iso: "2026-11-10"), LocalDate(iso: "2026-11-14"),
                                                    LocalDate(iso: "2026-11-20")])
        #expect(digest.attention.map(\.summary) == [
            "case C1 on 2026-11-10 lacks GLOVE-M × 2.5, HIP-STEM × 1",
            "HIP-STEM runs short on 2026-11-14",
            "GLOVE-M runs short on 2026-11-20 (on hand 12, on order 40)",
        ])
    }

    @Test("a re-run of the same night with nothing new sends no digest; the next night with nothing new says so")
    func quietNights() throws {
        let db = try TemporaryStore().withStandardMasterData()
        let daily = try db.store.addWebhook(url: "https://ops.example/daily", events: [], mode: .digest).subscription
        let shortage = { (database: Database) in
            try raise(database, .shortageProjected, "NORTH/HIP-STEM", .critical, ["stockoutDate": "2026-11-12"])
        }
        try run(db, site: "NORTH", alerts: shortage)
        try run(db, site: "NORTH", at: Self.at1.addingTimeInterval(600), alerts: shortage)
        let afterRerun = try digests(db, subscription: daily.id).count
        let nextNight = try run(db, site: "NORTH", asOf: Self.night1.advanced(by: 1), at: Self.at1.addingTimeInterval(86_400),
                                alerts: shortage)
        let quiet = try digest(db, subscription: daily.id)
        #expect(afterRerun == 1)
        #expect(try digests(db, subscription: daily.id).map(\.webhookId).last == "digest_NORTH_\(nextNight)")
        #expect(quiet.nothingChanged)
        #expect(quiet.opened.isEmpty && quiet.changed.isEmpty && quiet.resolved.isEmpty)
        #expect(quiet.liveTotal == 1)
    }

    @Test("a re-run of the same night that finds something new sends a second digest with just that")
    func rerunWithNews() throws {
        let db = try TemporaryStore().withStandardMasterData()
        let daily = try db.store.addWebhook(url: "https://ops.example/daily", events: [], mode: .digest).subscription
        let first = try run(db, site: "NORTH") { database in
            try raise(database, .shortageProjected, "NORTH/HIP-STEM", .critical, ["stockoutDate": "2026-11-12"])
        }
        try run(db, site: "NORTH", at: Self.at1.addingTimeInterval(600)) { database in
            try raise(database, .shortageProjected, "NORTH/GLOVE-M", .warning, ["stockoutDate": "2026-11-20"])
        }
        let second = try digest(db, subscription: daily.id)
        #expect(try digests(db, subscription: daily.id).count == 2)
        #expect(second.previousRunId == first)
        #expect(second.opened.map(\.subject) == ["NORTH/GLOVE-M"])
    }

    @Test("a replayed or re-finished digest is the same message: never a second one")
    func replay() throws {
        let db = try TemporaryStore().withStandardMasterData()
        let daily = try db.store.addWebhook(url: "https://ops.example/daily", events: [], mode: .digest).subscription
        let id = try run(db, site: "NORTH") { database in
            try raise(database, .shortageProjected, "NORTH/HIP-STEM", .critical)
        }
        let delivery = try #require(try digests(db, subscription: daily.id).first)
        try db.store.pool.write { database in
            try database.execute(sql: "UPDATE outbox SET status = 'delivered', finishedAt = 1 WHERE id = ?",
                                 arguments: [delivery.id])
            try SupplyStore.finishPlanningRun(database, id: id, counts: PlanningRunCounts(), forecastSeconds: 0, now: Date())
        }
        try db.store.replayWebhookDeliveries(id: delivery.id)
        let after = try digests(db, subscription: daily.id)
        #expect(after.map(\.id) == [delivery.id])
        #expect(after.map(\.webhookId) == ["digest_NORTH_\(id)"])
    }

    @Test("a digest never carries patient identifiers, however deep an alert's data hides them")
    func noPatientKeys() throws {
        let db = try TemporaryStore().withStandardMasterData()
        let daily = try db.store.addWebhook(url: "https://ops.example/daily", events: [], mode: .digest).subscription
        try run(db, site: "NORTH") { database in
            try raise(database, .caseAtRisk, "NORTH/C1", .critical, [
                "case": "C1", "day": "2026-11-10", "missing": ["HIP-STEM": 1], "patientId": "P-TOP-1",
                "detail": ["mrn": "MRN-555", "cases": [["encounter": "E-9"]]],
            ])
        }
        let message = try #require(try db.store.outboxMessages(channel: webhookChannel)
            .first { $0.destination == String(daily.id) })
        let payload = String(decoding: message.payload, as: UTF8.self)
        for identifier in ["P-TOP-1", "MRN-555", "E-9"] {
            #expect(!payload.contains(identifier), "\(identifier) reached the digest")
        }
        #expect(payload.contains("case C1 on 2026-11-10 lacks HIP-STEM × 1"))
    }

    @Test("a digest subscription covers every kind: an event filter is refused, none or '*' is stored as '*'")
    func digestFilters() throws {
        let db = try TemporaryStore().withStandardMasterData()
        #expect(throws: StoreError.self) {
            try db.store.addWebhook(url: "https://ops.example/daily", events: ["shortage.*"], mode: .digest)
        }
        let none = try db.store.addWebhook(url: "https://ops.example/daily", events: [], mode: .digest).subscription
        let star = try db.store.addWebhook(url: "https://ops.example/daily", events: ["*"], mode: .digest).subscription
        #expect(none.events == ["*"])
        #expect(star.events == ["*"])
        #expect(try db.store.webhook(id: none.id).mode == .digest)
    }
}
