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

extension Schema {
    /// What ops were last told of each alert (the data materiality is judged against) and the log of every change
    /// they were told of: opened, changed materially, resolved.
    static func registerAlertChanges(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v2: announced alert data and alert changes") { db in
            try db.execute(sql: """
                ALTER TABLE alert ADD COLUMN announcedData BLOB;
                UPDATE alert SET announcedData = data;
                CREATE TABLE alertChange (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    alert INTEGER NOT NULL REFERENCES alert(id),
                    site TEXT,
                    change TEXT NOT NULL CHECK (change IN ('opened', 'updated', 'resolved')),
                    revision INTEGER NOT NULL,
                    at REAL NOT NULL
                );
                CREATE INDEX alertChange_site ON alertChange(site, id);
                """)
        }
    }

    /// The daily digests cut from the change log: one per site and planning run, and how far into the log it read.
    static func registerAlertDigests(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v2: alert digests") { db in
            try db.execute(sql: """
                CREATE TABLE alertDigest (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    site TEXT NOT NULL,
                    runId INTEGER NOT NULL UNIQUE REFERENCES planningRun(id),
                    asOf INTEGER NOT NULL,
                    throughChange INTEGER NOT NULL,
                    createdAt REAL NOT NULL
                );
                CREATE INDEX alertDigest_site ON alertDigest(site, id);
                """)
        }
    }
}
