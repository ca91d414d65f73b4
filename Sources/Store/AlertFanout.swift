import Foundation
import GRDB

/// Turns an alert change into outbox messages for the webhook subscriptions that want it.
enum AlertFanout {
    static func enqueue(_ db: Database, alert: Alert, now: Date) throws {
        // Subscriptions arrive with the webhooks work (issue 5); until then an alert change has no receivers.
    }
}
