import GRDB

extension Schema {
    /// Webhook subscriptions of hospital operations: where alerts go, which ones, and the secrets that sign them.
    static func registerWebhooks(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v1: webhooks") { db in
            try db.execute(sql: """
                CREATE TABLE webhookSubscription (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    url TEXT NOT NULL CHECK (url LIKE 'http://%' OR url LIKE 'https://%'),
                    events TEXT NOT NULL CHECK (events != ''),
                    site TEXT,
                    enabled BOOLEAN NOT NULL DEFAULT 1,
                    secret TEXT NOT NULL CHECK (secret LIKE 'whsec_%'),
                    previousSecret TEXT CHECK (previousSecret LIKE 'whsec_%'),
                    previousSecretExpiresAt REAL,
                    createdAt REAL NOT NULL,
                    disabledAt REAL,
                    disabledReason TEXT,
                    CHECK ((previousSecret IS NULL) = (previousSecretExpiresAt IS NULL))
                );
                """)
        }
    }
}

extension Schema {
    /// A subscription takes each alert change as it happens (`immediate`) or one digest per site per planning
    /// night (`digest`).
    static func registerWebhookModes(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v2: webhook delivery mode") { db in
            try db.execute(sql: """
                ALTER TABLE webhookSubscription ADD COLUMN mode TEXT NOT NULL DEFAULT 'immediate'
                    CHECK (mode IN ('immediate', 'digest'));
                """)
        }
    }
}
