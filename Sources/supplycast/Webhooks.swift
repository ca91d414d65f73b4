import ArgumentParser
import Foundation
import Store

extension SupplyCast {
    struct Webhooks: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Subscribe hospital operations to alerts over signed Standard Webhooks, and follow deliveries.",
            discussion: """
                Each delivery is a POST with headers webhook-id (stable across retries and replays),
                webhook-timestamp and webhook-signature (v1, HMAC-SHA256 with the subscription's whsec_ secret), and
                a body {"type", "timestamp", "data"}. Event types: shortage.projected, case.at_risk, lot.expiring,
                requisition.failed, and each one's .resolved; an alert is sent again only when it changes materially
                (severity, its day moving by more than the tolerance, what it is about). A --digest subscription
                instead receives one alerts.digest per site per planning night: live alerts by kind and severity,
                what opened, changed and resolved since the previous digest, and the critical and warning ones to act
                on. `supplycast serve` runs the relay that delivers them:
                failures retry after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h and 24 h, then are dead.
                Only http(s) URLs; with SUPPLYCAST_WEBHOOK_ALLOWED_HOSTS=host1,host2 only those hosts.

                Examples:
                  supplycast webhooks add --url https://ops.north.example/hooks --events 'shortage.*,case.*' --site NORTH
                  supplycast webhooks add --url https://ops.north.example/daily --digest --site NORTH
                  supplycast webhooks rotate-secret 1 --overlap-hours 24
                  supplycast webhooks deliveries --status dead
                  supplycast webhooks replay --since 2026-11-02T00:00:00Z
                """,
            subcommands: [Add.self, List.self, Disable.self, Enable.self, RotateSecret.self, Deliveries.self, Replay.self])
    }
}

extension SupplyCast.Webhooks {
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Subscribe a URL; its signing secret is printed once.",
            discussion: """
                Either --events (each alert change as it happens) or --digest (one alerts.digest per site per
                planning night, covering every alert kind).
                Examples:
                  supplycast webhooks add --url https://ops.north.example/hooks --events 'shortage.*,case.*'
                  supplycast webhooks add --url https://ops.north.example/daily --digest --site NORTH
                """)
        @OptionGroup var global: GlobalOptions
        @Option(help: "Receiver URL (http or https).") var url: String
        @Option(help: "Comma-separated event filters: shortage.*, case.at_risk, lot.expiring, requisition.*, or *.")
        var events: String?
        @Flag(help: "One digest per site per planning night instead of a message per alert change.")
        var digest = false
        @Option(help: "Only alerts of this site (default: every site).") var site: String?
        @Option(help: "Comma-separated allowed hosts (default: $SUPPLYCAST_WEBHOOK_ALLOWED_HOSTS, or any host).")
        var allowedHosts: String?

        func validate() throws {
            if digest, events != nil {
                throw ValidationError("--digest covers every alert kind; leave --events out (or drop --digest to filter)")
            }
            if !digest, events == nil {
                throw ValidationError("name the events to receive, e.g. --events 'shortage.*,case.*' (or '*'), or give --digest")
            }
        }

        func run() throws {
            let policy = allowedHosts.map {
                WebhookURLPolicy.fromEnvironment([WebhookURLPolicy.environmentVariable: $0])
            } ?? .fromEnvironment()
            let store = try global.openStore()
            let (subscription, secret) = try rejectingInput {
                try store.addWebhook(url: url, events: events.map { [$0] } ?? [], site: site,
                                     mode: digest ? .digest : .immediate, policy: policy)
            }
            let what = digest ? "a daily digest" : subscription.events.joined(separator: ",")
            printNote("""
                webhook \(subscription.id) → \(subscription.url) for \(what)\
                \(subscription.site.map { " at \($0)" } ?? ""); store the signing secret now, it is not shown again:
                """)
            print(secret)
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List subscriptions (never their secrets).")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var listing: ListingOptions

        func run() throws {
            try Listing<WebhookSubscription>(columns: [
                ("id", { "\($0.id)" }), ("url", \.url), ("mode", \.mode.rawValue),
                ("events", { $0.events.joined(separator: ",") }),
                ("site", { $0.site ?? "*" }), ("enabled", { $0.enabled ? "yes" : "no" }),
                ("rotation ends", { $0.previousSecretExpiresAt?.iso8601Text ?? "" }),
                ("created", { $0.createdAt.iso8601Text }), ("disabled", { $0.disabledReason ?? "" }),
            ]).print(try global.openStore().webhooks(), format: listing.format, empty: "no webhook subscriptions")
        }
    }

    struct Disable: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Stop deliveries to a subscription; queued messages for it are refused (replay them later).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Subscription id (see webhooks list).") var id: Int64
        @Option(help: "Why, shown in webhooks list.") var reason = "disabled by an operator"

        func run() throws {
            let store = try global.openStore()
            let subscription = try rejectingInput { try store.disableWebhook(id: id, reason: reason) }
            print("webhook \(subscription.id) disabled: \(subscription.disabledReason ?? reason)")
        }
    }

    struct Enable: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Resume deliveries to a subscription.",
            discussion: "Messages refused while it was disabled go out again with: supplycast webhooks replay --since TIME")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Subscription id (see webhooks list).") var id: Int64

        func run() throws {
            let store = try global.openStore()
            let subscription = try rejectingInput { try store.enableWebhook(id: id) }
            print("webhook \(subscription.id) enabled")
        }
    }

    struct RotateSecret: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rotate-secret",
            abstract: "Give a subscription a new secret; the old one keeps signing alongside it for a while.",
            discussion: """
                During the overlap every delivery carries two signatures, so the receiver can switch to the new secret
                at its own pace. Example: supplycast webhooks rotate-secret 1 --overlap-hours 24
                """)
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Subscription id (see webhooks list).") var id: Int64
        @Option(help: "Hours the old secret keeps signing (0 drops it at once).") var overlapHours = 24.0

        func validate() throws {
            guard overlapHours >= 0 else { throw ValidationError("--overlap-hours cannot be negative") }
        }

        func run() throws {
            let store = try global.openStore()
            let secret = try rejectingInput { try store.rotateWebhookSecret(id: id, overlap: overlapHours * 3600) }
            printNote("webhook \(id) has a new secret; the old one signs for \(overlapHours.quantityText) more hour(s). Store it now:")
            print(secret)
        }
    }

    struct Deliveries: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Webhook messages and how their delivery went, newest first.",
            discussion: "Example: supplycast webhooks deliveries --status dead")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var listing: ListingOptions
        @Option(help: "pending, inFlight, delivered, rejected, dead or cancelled.") var status: OutboxMessage.Status?
        @Option(help: "Only this subscription.") var subscription: Int64?
        @Option(help: "Only messages created since this time (RFC 3339, or a date).") var since: Moment?
        @Option(help: "At most this many.") var limit = 100

        func run() throws {
            let deliveries = try global.openStore().webhookDeliveries(
                status: status, subscription: subscription, since: since?.date, limit: limit)
            try Listing<WebhookDelivery>(columns: [
                ("id", { "\($0.id)" }), ("webhook", { "\($0.subscription)" }), ("webhook-id", \.webhookId),
                ("type", \.type), ("status", \.status.rawValue), ("attempts", { "\($0.attempts)" }),
                ("created", { $0.createdAt.iso8601Text }),
                ("next/finished", { ($0.finishedAt ?? $0.nextAttemptAt).iso8601Text }),
                ("last error", { $0.lastError ?? "" }),
            ]).print(deliveries, format: listing.format, empty: "no webhook deliveries")
        }
    }

    struct Replay: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Send finished webhook messages again, with their original webhook-id.",
            discussion: """
                Receivers deduplicate on webhook-id, so a replay is safe. A running `supplycast serve` sends them.
                Examples:
                  supplycast webhooks replay --delivery 42
                  supplycast webhooks replay --since 2026-11-02T06:00:00Z
                """)
        @OptionGroup var global: GlobalOptions
        @Option(help: "One delivery id (see webhooks deliveries).") var delivery: Int64?
        @Option(help: "Every finished delivery created since this time (RFC 3339, or a date).") var since: Moment?

        func validate() throws {
            guard (delivery == nil) != (since == nil) else {
                throw ValidationError("give either --delivery ID or --since TIME")
            }
        }

        func run() throws {
            let store = try global.openStore()
            let ids = try rejectingInput { try store.replayWebhookDeliveries(id: delivery, since: since?.date) }
            print(ids.isEmpty ? "nothing to replay" : "queued \(ids.count) delivery(ies) again: \(ids.map(String.init).joined(separator: ", "))")
        }
    }
}

extension OutboxMessage.Status: ExpressibleByArgument {}

/// A point in time given on the command line: RFC 3339 (`2026-11-02T06:00:00Z`) or a date (midnight UTC).
struct Moment: ExpressibleByArgument {
    var date: Date

    init?(argument: String) {
        let formatter = ISO8601DateFormatter()
        if let date = formatter.date(from: argument) {
            self.date = date
            return
        }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: argument) {
            self.date = date
            return
        }
        formatter.formatOptions = [.withFullDate]
        guard let date = formatter.date(from: argument) else { return nil }
        self.date = date
    }
}

extension Date {
    /// UTC, to the second, as listings show times.
    var iso8601Text: String {
        ISO8601DateFormatter().string(from: self)
    }
}

/// Runs a store call whose refusals are about the user's input: prints the reason and exits 64 (usage).
func rejectingInput<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as StoreError {
        printError(error.description)
        throw ExitCode(64)
    }
}
