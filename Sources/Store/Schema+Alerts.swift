import GRDB

extension Schema {
    /// Alerts for hospital operations, one row per kind and subject, with their lifecycle.
    static func registerAlerts(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v1: alerts") { db in
            try db.execute(sql: """
                CREATE TABLE alert (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    kind TEXT NOT NULL,
                    subject TEXT NOT NULL,
                    site TEXT,
                    severity TEXT NOT NULL CHECK (severity IN ('info', 'warning', 'critical')),
                    state TEXT NOT NULL CHECK (state IN ('open', 'updated', 'resolved')),
                    data BLOB NOT NULL,
                    dataHash TEXT NOT NULL,
                    revision INTEGER NOT NULL DEFAULT 1,
                    openedAt REAL NOT NULL,
                    updatedAt REAL NOT NULL,
                    resolvedAt REAL
                );
                CREATE UNIQUE INDEX alert_live ON alert(kind, subject) WHERE state != 'resolved';
                CREATE INDEX alert_site ON alert(site, kind, state);
                """)
        }
    }
}
