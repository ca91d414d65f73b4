import Foundation
import GRDB

/// The outbox channel webhook messages travel on.
public let webhookChannel = "webhook"

extension SupplyStore {
    // MARK: - Subscriptions

    /// Subscribes `url` to the alert event types matching `events`, or, in `digest` mode, to one `alerts.digest`
    /// per site per planning night (which covers every kind, so `events` stays empty or `*`); returns the
    /// subscription and its secret, which the caller shows once.
    public func addWebhook(
        url: String, events: [String], site: String? = nil, mode: WebhookDeliveryMode = .immediate,
        policy: WebhookURLPolicy = WebhookURLPolicy(), now: Date = Date()
    ) throws -> (subscription: WebhookSubscription, secret: String) {
        let checked = try policy.validate(url).absoluteString
        let filters = mode == .digest ? try Self.checkedDigestFilters(events) : try Self.checkedFilters(events)
        let secret = WebhookSecret.generate()
        let id = try pool.write { db in
            if let site, try Bool.fetchOne(db, sql: "SELECT 1 FROM site WHERE id = ?", arguments: [site]) == nil {
                throw StoreError.invalidRequest("unknown site '\(site)'; import it first or leave --site out for every site")
            }
            try db.execute(sql: """
                INSERT INTO webhookSubscription (url, events, site, mode, secret, createdAt) VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [checked, filters.joined(separator: ","), site, mode.rawValue, secret,
                                 now.timeIntervalSince1970])
            return db.lastInsertedRowID
        }
        return (try webhook(id: id), secret)
    }

    /// Every subscription, oldest first.
    public func webhooks() throws -> [WebhookSubscription] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM webhookSubscription ORDER BY id").map(Self.webhookSubscription)
        }
    }

    public func webhook(id: Int64) throws -> WebhookSubscription {
        Self.webhookSubscription(try pool.read { db in try Self.webhookRow(db, id: id) })
    }

    /// Stops deliveries to a subscription; messages still queued for it are refused when their turn comes.
    @discardableResult
    public func disableWebhook(id: Int64, reason: String, now: Date = Date()) throws -> WebhookSubscription {
        try pool.write { db in
            _ = try Self.webhookRow(db, id: id)
            try db.execute(sql: """
                UPDATE webhookSubscription SET enabled = 0, disabledAt = ?, disabledReason = ? WHERE id = ? AND enabled
                """, arguments: [now.timeIntervalSince1970, reason, id])
        }
        return try webhook(id: id)
    }

    /// Resumes deliveries to a subscription (replay what it missed with `replayWebhookDeliveries`).
    @discardableResult
    public func enableWebhook(id: Int64) throws -> WebhookSubscription {
        try pool.write { db in
            _ = try Self.webhookRow(db, id: id)
            try db.execute(sql: """
                UPDATE webhookSubscription SET enabled = 1, disabledAt = NULL, disabledReason = NULL WHERE id = ?
                """, arguments: [id])
        }
        return try webhook(id: id)
    }

    /// Gives a subscription a new secret and returns it; the old one keeps signing alongside it for `overlap`
    /// seconds (0 drops it at once), so receivers can switch without missing a message.
    public func rotateWebhookSecret(id: Int64, overlap: TimeInterval = 86_400, now: Date = Date()) throws -> String {
        guard overlap >= 0 else { throw StoreError.invalidRequest("the overlap of old and new secret cannot be negative") }
        let secret = WebhookSecret.generate()
        try pool.write { db in
            let row = try Self.webhookRow(db, id: id)
            let old: String? = overlap > 0 ? row["secret"] : nil
            try db.execute(sql: """
                UPDATE webhookSubscription SET secret = ?, previousSecret = ?, previousSecretExpiresAt = ? WHERE id = ?
                """, arguments: [secret, old, old == nil ? nil : now.timeIntervalSince1970 + overlap, id])
        }
        return secret
    }

    /// The subscription and the secrets that sign for it at `now` (the previous one only until it expires).
    public func webhookEndpoint(id: Int64, now: Date = Date()) async throws -> WebhookEndpoint? {
        try await pool.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM webhookSubscription WHERE id = ?", arguments: [id])
            else { return nil }
            var secrets: [String] = [row["secret"]]
            if let previous: String = row["previousSecret"], let until: Double = row["previousSecretExpiresAt"],
               until > now.timeIntervalSince1970 {
                secrets.append(previous)
            }
            return WebhookEndpoint(subscription: Self.webhookSubscription(row), secrets: secrets)
        }
    }

    // MARK: - Deliveries

    /// Webhook messages, newest first, optionally of one status, one subscription, or created since a moment.
    public func webhookDeliveries(
        status: OutboxMessage.Status? = nil, subscription: Int64? = nil, since: Date? = nil, limit: Int = 100
    ) throws -> [WebhookDelivery] {
        try pool.read { db in
            var sql = "SELECT * FROM outbox WHERE channel = ?"
            var arguments: StatementArguments = [webhookChannel]
            if let status {
                sql += " AND status = ?"
                _ = arguments.append(contentsOf: [status.rawValue])
            }
            if let subscription {
                sql += " AND destination = ?"
                _ = arguments.append(contentsOf: [String(subscription)])
            }
            if let since {
                sql += " AND createdAt >= ?"
                _ = arguments.append(contentsOf: [since.timeIntervalSince1970])
            }
            sql += " ORDER BY id DESC LIMIT ?"
            _ = arguments.append(contentsOf: [limit])
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map { WebhookDelivery(Self.outboxMessage($0)) }
        }
    }

    /// Sends finished webhook messages again, with their original `webhook-id` and a fresh retry schedule: one
    /// delivery by id, or every one created since a moment. Returns the outbox ids queued.
    @discardableResult
    public func replayWebhookDeliveries(id: Int64? = nil, since: Date? = nil, now: Date = Date()) throws -> [Int64] {
        guard (id == nil) != (since == nil) else {
            throw StoreError.invalidRequest("replay needs either a delivery id or a since time, not both")
        }
        return try pool.write { db in
            if let id {
                guard let status = try String.fetchOne(db, sql: "SELECT status FROM outbox WHERE id = ? AND channel = ?",
                                                       arguments: [id, webhookChannel]) else {
                    throw StoreError.notFound(what: "webhook delivery", id: "\(id)")
                }
                guard status != "pending", status != "inFlight" else {
                    throw StoreError.invalidRequest("webhook delivery \(id) is still \(status); the relay will send it")
                }
            }
            let ids = try Int64.fetchAll(db, sql: """
                UPDATE outbox SET status = 'pending', attempts = 0, nextAttemptAt = ?, claimedUntil = NULL,
                    finishedAt = NULL
                WHERE channel = ? AND status NOT IN ('pending', 'inFlight') AND (id = ? OR createdAt >= ?)
                RETURNING id
                """, arguments: [now.timeIntervalSince1970, webhookChannel, id, since?.timeIntervalSince1970])
            return ids.sorted()
        }
    }

    // MARK: - Rows

    private static func checkedFilters(_ events: [String]) throws -> [String] {
        let filters = events.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        guard !filters.isEmpty else {
            throw StoreError.invalidRequest("name the events to receive, e.g. --events 'shortage.*,case.*' (or '*')")
        }
        let types = AlertKind.allCases.flatMap { [$0.rawValue, $0.rawValue + ".resolved"] }
        for filter in filters where !types.contains(where: { WebhookSubscription.filter(filter, matches: $0) }) {
            throw StoreError.invalidRequest("""
                event filter '\(filter)' matches no alert type; known: \(AlertKind.allCases.map(\.rawValue).joined(separator: ", ")) \
                (a trailing .* matches a family, e.g. shortage.*)
                """)
        }
        return filters
    }

    /// A digest covers every alert kind of its site: a narrower filter would be silently ignored, so it is refused.
    private static func checkedDigestFilters(_ events: [String]) throws -> [String] {
        let filters = events.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        guard filters.allSatisfy({ $0 == "*" }) else {
            throw StoreError.invalidRequest("""
                a digest subscription receives one alerts.digest per site per planning night covering every alert \
                kind; leave the events out (or use '*'), or subscribe in immediate mode to filter by event
                """)
        }
        return ["*"]
    }

    private static func webhookRow(_ db: Database, id: Int64) throws -> Row {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM webhookSubscription WHERE id = ?", arguments: [id]) else {
            throw StoreError.notFound(what: "webhook subscription", id: "\(id)")
        }
        return row
    }

    static func webhookSubscription(_ row: Row) -> WebhookSubscription {
        WebhookSubscription(
            id: row["id"], url: row["url"], events: (row["events"] as String).split(separator: ",").map(String.init),
            site: row["site"], mode: WebhookDeliveryMode(rawValue: row["mode"]) ?? .immediate, enabled: row["enabled"],
            previousSecretExpiresAt: (row["previousSecretExpiresAt"] as Double?).map(Date.init(timeIntervalSince1970:)),
            createdAt: Date(timeIntervalSince1970: row["createdAt"]),
            disabledAt: (row["disabledAt"] as Double?).map(Date.init(timeIntervalSince1970:)),
            disabledReason: row["disabledReason"])
    }
}
