import GRDB

extension Schema {
    /// The outbox: what must reach the outside world, written in the same transaction as the decision to send it.
    static func registerDelivery(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v1: outbox") { db in
            try db.execute(sql: """
                CREATE TABLE outbox (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    channel TEXT NOT NULL,
                    destination TEXT NOT NULL,
                    messageId TEXT NOT NULL,
                    payload BLOB NOT NULL,
                    status TEXT NOT NULL DEFAULT 'pending'
                        CHECK (status IN ('pending', 'inFlight', 'delivered', 'rejected', 'dead', 'cancelled')),
                    attempts INTEGER NOT NULL DEFAULT 0,
                    nextAttemptAt REAL NOT NULL,
                    claimedUntil REAL,
                    lastError TEXT,
                    response TEXT,
                    createdAt REAL NOT NULL,
                    finishedAt REAL,
                    UNIQUE (channel, destination, messageId)
                );
                CREATE INDEX outbox_due ON outbox(status, nextAttemptAt);
                CREATE TABLE deliveryAttempt (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    outboxId INTEGER NOT NULL REFERENCES outbox(id),
                    attemptedAt REAL NOT NULL,
                    outcome TEXT NOT NULL,
                    statusCode INTEGER,
                    error TEXT,
                    durationMs REAL NOT NULL
                );
                CREATE INDEX deliveryAttempt_outbox ON deliveryAttempt(outboxId);
                """)
        }
    }
}
