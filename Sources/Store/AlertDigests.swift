import Foundation
import GRDB
import SupplyDomain

/// Cuts a site's ``AlertDigest`` in the transaction that finishes its planning run and queues it for the digest
/// subscriptions, so the run's alerts and the digest that tells of them commit together.
///
/// "Since the previous digest" is read from the `alertChange` log by sequence, not by clock: a digest covers every
/// change logged after the one its predecessor covered, whichever process (a run, an append) made it.
///
/// The `webhook-id` is `digest_<site>_<runId>`: a retry, a replay or a crash between commit and delivery sends the
/// same id, never a second digest. A re-run of the same night (same as-of day) that finds nothing new produces no
/// digest at all: ops already have that night's. The first run of a new night always produces one, saying
/// `nothingChanged` when that is the news, so a missing digest means something is wrong, not that all is quiet.
enum AlertDigests {
    static func produce(_ db: Database, site: String, runId: Int64, asOf: LocalDate, now: Date) throws {
        let previous = try Row.fetchOne(db, sql: """
            SELECT runId, asOf, throughChange FROM alertDigest WHERE site = ? ORDER BY id DESC LIMIT 1
            """, arguments: [site])
        let since: Int64 = previous?["throughChange"] ?? 0
        let through = try Int64.fetchOne(db, sql: "SELECT max(id) FROM alertChange") ?? 0
        let changes = try Row.fetchAll(db, sql: """
            SELECT alert, change FROM alertChange WHERE site = ? AND id > ? AND id <= ? ORDER BY id
            """, arguments: [site, since, through])
        if changes.isEmpty, let previous, (previous["asOf"] as Int) == asOf.dayNumber { return }

        let touchedIds = try JSONEncoder().encode(Set(changes.map { $0["alert"] as Int64 }).sorted())
        let touched = try Row.fetchAll(db, sql: "SELECT * FROM alert WHERE id IN (SELECT value FROM json_each(?))",
                                       arguments: [String(decoding: touchedIds, as: UTF8.self)])
            .map(Alerts.alert)
        func changed(_ change: String) -> Set<Int64> {
            Set(changes.filter { $0["change"] == change }.map { $0["alert"] as Int64 })
        }
        let opened = changed("opened")
        let updated = changed("updated")
        let resolved = changed("resolved")
        let live = try Row.fetchAll(db, sql: "SELECT * FROM alert WHERE site = ? AND state != 'resolved'", arguments: [site])
            .map(Alerts.alert)

        var counts: [String: [String: Int]] = [:]
        for kind in AlertKind.allCases {
            counts[kind.rawValue] = Dictionary(uniqueKeysWithValues: AlertSeverity.allCases.map { severity in
                (severity.rawValue, live.count(where: { $0.kind == kind && $0.severity == severity }))
            })
        }
        let digest = AlertDigest(
            site: site, runId: runId, asOf: asOf, previousRunId: previous?["runId"], nothingChanged: changes.isEmpty,
            live: counts, liveTotal: live.count,
            opened: lines(touched.filter { opened.contains($0.id) }),
            changed: lines(touched.filter { updated.contains($0.id) && !opened.contains($0.id) && $0.state != .resolved }),
            resolved: lines(touched.filter { resolved.contains($0.id) }),
            attention: lines(live.filter { $0.severity >= .warning }).sorted(by: mostUrgentFirst))
        try db.execute(sql: """
            INSERT INTO alertDigest (site, runId, asOf, throughChange, createdAt) VALUES (?, ?, ?, ?, ?)
            """, arguments: [site, runId, asOf.dayNumber, through, now.timeIntervalSince1970])

        let subscriptions = try Row.fetchAll(db, sql: "SELECT * FROM webhookSubscription WHERE enabled ORDER BY id")
            .map(SupplyStore.webhookSubscription)
            .filter { $0.wants(type: AlertDigest.eventType, site: site) }
        guard !subscriptions.isEmpty else { return }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try JSONSerialization.jsonObject(with: try encoder.encode(digest))
        let payload = try AlertFanout.envelope(type: AlertDigest.eventType, data: data, now: now)
        for subscription in subscriptions {
            try Outbox.enqueue(db, channel: webhookChannel, destination: String(subscription.id),
                               messageId: messageId(site: site, runId: runId), payload: payload, now: now)
        }
    }

    /// The `webhook-id` of a site's digest for a run.
    static func messageId(site: String, runId: Int64) -> String { "digest_\(site)_\(runId)" }

    /// Most severe first, then the soonest key day (lines without one last), then by kind and subject.
    private static func mostUrgentFirst(_ a: AlertDigest.Line, _ b: AlertDigest.Line) -> Bool {
        if a.severity != b.severity { return a.severity > b.severity }
        if a.keyDay != b.keyDay {
            guard let first = a.keyDay else { return false }
            guard let second = b.keyDay else { return true }
            return first < second
        }
        return (a.kind.rawValue, a.subject) < (b.kind.rawValue, b.subject)
    }

    /// Digest lines, by kind and subject.
    private static func lines(_ alerts: [Alert]) -> [AlertDigest.Line] {
        alerts.map { alert in
            let substance = AlertSubstance(kind: alert.kind, subject: alert.subject, data: alert.data)
            return AlertDigest.Line(alertId: alert.id, kind: alert.kind, subject: alert.subject, severity: alert.severity,
                                    revision: alert.revision, keyDay: substance.keyDay, summary: substance.summary)
        }.sorted { ($0.kind.rawValue, $0.subject) < ($1.kind.rawValue, $1.subject) }
    }
}
