import GRDB

extension Schema {
    /// Versioned forecast runs, what each series chose and why, the daily forecast, and planner overrides.
    static func registerForecasts(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v1: forecasts") { db in
            try db.execute(sql: """
                CREATE TABLE forecastRun (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    site TEXT NOT NULL,
                    asOf INTEGER NOT NULL,
                    status TEXT NOT NULL CHECK (status IN ('running', 'succeeded', 'failed')),
                    actor TEXT NOT NULL,
                    configuration BLOB NOT NULL,
                    quantileLevels TEXT NOT NULL,
                    seriesCount INTEGER NOT NULL DEFAULT 0,
                    startedAt REAL NOT NULL,
                    finishedAt REAL,
                    error TEXT
                );
                CREATE INDEX forecastRun_site ON forecastRun(site, status, id);
                CREATE TABLE forecastSeries (
                    runId INTEGER NOT NULL REFERENCES forecastRun(id) ON DELETE CASCADE,
                    site TEXT NOT NULL,
                    item TEXT NOT NULL,
                    model TEXT NOT NULL,
                    detail BLOB NOT NULL,
                    volume REAL NOT NULL,
                    mase REAL,
                    baselineMase REAL,
                    bias REAL,
                    PRIMARY KEY (runId, item)
                );
                CREATE TABLE forecastDay (
                    runId INTEGER NOT NULL REFERENCES forecastRun(id) ON DELETE CASCADE,
                    item TEXT NOT NULL,
                    day INTEGER NOT NULL,
                    mean REAL NOT NULL,
                    quantiles TEXT NOT NULL,
                    PRIMARY KEY (runId, item, day)
                ) WITHOUT ROWID;
                CREATE TABLE forecastOverride (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    site TEXT NOT NULL,
                    item TEXT NOT NULL,
                    quantity REAL,
                    factor REAL,
                    until INTEGER NOT NULL,
                    reason TEXT NOT NULL,
                    actor TEXT NOT NULL,
                    createdAt REAL NOT NULL,
                    clearedAt REAL,
                    clearedBy TEXT,
                    CHECK ((quantity IS NULL) != (factor IS NULL))
                );
                CREATE INDEX forecastOverride_live ON forecastOverride(site, item) WHERE clearedAt IS NULL;
                """)
        }
    }
}
