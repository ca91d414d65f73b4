import GRDB

/// Numbered schema migrations. Constraints live here, where SQLite enforces them better than code can.
enum Schema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: master data") { db in
            try db.execute(sql: """
                CREATE TABLE site (
                    id TEXT PRIMARY KEY NOT NULL,
                    name TEXT NOT NULL,
                    timeZone TEXT,
                    defaultLocation TEXT NOT NULL
                );
                CREATE TABLE location (
                    site TEXT NOT NULL REFERENCES site(id),
                    id TEXT NOT NULL,
                    name TEXT NOT NULL,
                    kind TEXT,
                    PRIMARY KEY (site, id)
                );
                CREATE TABLE supplier (
                    id TEXT PRIMARY KEY NOT NULL,
                    name TEXT NOT NULL,
                    leadTimeDays REAL
                );
                CREATE TABLE item (
                    id TEXT PRIMARY KEY NOT NULL,
                    name TEXT NOT NULL,
                    gtin TEXT UNIQUE,
                    unit TEXT NOT NULL,
                    packSize REAL NOT NULL CHECK (packSize >= 1),
                    category TEXT NOT NULL,
                    isImplant BOOLEAN NOT NULL,
                    lotTracked BOOLEAN NOT NULL,
                    serialTracked BOOLEAN NOT NULL,
                    critical BOOLEAN NOT NULL,
                    unitCost REAL NOT NULL CHECK (unitCost >= 0),
                    supplier TEXT REFERENCES supplier(id),
                    leadTimeDays REAL
                );
                CREATE TABLE preferenceCardLine (
                    procedure TEXT NOT NULL,
                    surgeon TEXT NOT NULL,
                    item TEXT NOT NULL REFERENCES item(id),
                    quantity REAL NOT NULL CHECK (quantity > 0),
                    PRIMARY KEY (procedure, surgeon, item)
                );
                CREATE TABLE replenishmentPolicy (
                    site TEXT NOT NULL,
                    item TEXT NOT NULL,
                    serviceLevel REAL CHECK (serviceLevel > 0 AND serviceLevel < 1),
                    reviewPeriodDays REAL NOT NULL,
                    leadTimeDays REAL,
                    leadTimeStdDevDays REAL,
                    minimumOrderQuantity REAL NOT NULL,
                    maximumQuantity REAL,
                    PRIMARY KEY (site, item)
                );
                CREATE TABLE masterDataImport (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    kind TEXT NOT NULL,
                    file TEXT NOT NULL,
                    contentHash TEXT NOT NULL,
                    rowCount INTEGER NOT NULL,
                    importedAt TEXT NOT NULL
                );
                """)
        }
        migrator.registerMigration("v1: event log") { db in
            try db.execute(sql: """
                CREATE TABLE event (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    source TEXT NOT NULL,
                    sourceId TEXT NOT NULL,
                    contentHash TEXT NOT NULL,
                    type TEXT NOT NULL,
                    site TEXT NOT NULL,
                    occurredAt REAL NOT NULL,
                    subject TEXT,
                    receivedAt TEXT NOT NULL,
                    body BLOB NOT NULL,
                    UNIQUE (source, sourceId)
                );
                CREATE INDEX event_subject ON event(subject) WHERE subject IS NOT NULL;
                CREATE TABLE eventConflict (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    source TEXT NOT NULL,
                    sourceId TEXT NOT NULL,
                    existingHash TEXT NOT NULL,
                    contentHash TEXT NOT NULL,
                    body BLOB NOT NULL,
                    channel TEXT NOT NULL,
                    receivedAt TEXT NOT NULL,
                    status TEXT NOT NULL DEFAULT 'open',
                    UNIQUE (source, sourceId, contentHash)
                );
                CREATE TABLE deadLetter (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    channel TEXT NOT NULL,
                    source TEXT,
                    sourceId TEXT,
                    type TEXT,
                    reason TEXT NOT NULL,
                    field TEXT,
                    message TEXT NOT NULL,
                    original BLOB NOT NULL,
                    originalHash TEXT NOT NULL,
                    occurrences INTEGER NOT NULL DEFAULT 1,
                    receivedAt TEXT NOT NULL,
                    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved')),
                    resolvedAt TEXT,
                    resolution TEXT
                );
                CREATE UNIQUE INDEX deadLetter_open ON deadLetter(originalHash) WHERE status = 'open';
                CREATE TABLE masterDataVersion (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL);
                INSERT INTO masterDataVersion VALUES (1, 0);
                """)
        }
        migrator.registerMigration("v1: projections") { db in
            try db.execute(sql: """
                CREATE TABLE encounter (
                    encounter TEXT PRIMARY KEY NOT NULL,
                    lastChangeAt REAL NOT NULL,
                    state BLOB NOT NULL
                );
                CREATE TABLE censusDay (
                    site TEXT NOT NULL,
                    day INTEGER NOT NULL,
                    admissions INTEGER NOT NULL DEFAULT 0,
                    discharges INTEGER NOT NULL DEFAULT 0,
                    transfersIn INTEGER NOT NULL DEFAULT 0,
                    transfersOut INTEGER NOT NULL DEFAULT 0,
                    PRIMARY KEY (site, day)
                ) WITHOUT ROWID;
                CREATE TABLE surgicalCase (
                    site TEXT NOT NULL,
                    caseId TEXT NOT NULL,
                    procedure TEXT,
                    surgeon TEXT,
                    scheduledFor REAL,
                    scheduledDay INTEGER,
                    status TEXT NOT NULL,
                    lastChangeAt REAL NOT NULL,
                    PRIMARY KEY (site, caseId)
                );
                CREATE INDEX surgicalCase_day ON surgicalCase(site, scheduledDay);
                CREATE TABLE usageDay (
                    site TEXT NOT NULL,
                    item TEXT NOT NULL,
                    day INTEGER NOT NULL,
                    quantity REAL NOT NULL,
                    PRIMARY KEY (site, item, day)
                ) WITHOUT ROWID;
                CREATE TABLE usageRecord (
                    eventSeq INTEGER PRIMARY KEY REFERENCES event(seq),
                    site TEXT NOT NULL,
                    location TEXT NOT NULL,
                    item TEXT NOT NULL,
                    lot TEXT NOT NULL,
                    serial TEXT NOT NULL,
                    quantity REAL NOT NULL,
                    occurredAt REAL NOT NULL,
                    caseId TEXT,
                    encounter TEXT,
                    patient TEXT
                );
                CREATE INDEX usageRecord_lot ON usageRecord(item, lot, serial);
                CREATE TABLE stockMovement (
                    eventSeq INTEGER PRIMARY KEY REFERENCES event(seq),
                    site TEXT NOT NULL,
                    location TEXT NOT NULL,
                    item TEXT NOT NULL,
                    lot TEXT NOT NULL,
                    serial TEXT NOT NULL,
                    occurredAt REAL NOT NULL,
                    kind TEXT NOT NULL CHECK (kind IN ('receipt', 'usage', 'count')),
                    quantity REAL NOT NULL
                );
                CREATE INDEX stockMovement_key ON stockMovement(site, location, item, lot, serial, occurredAt);
                CREATE TABLE stockBalance (
                    site TEXT NOT NULL,
                    location TEXT NOT NULL,
                    item TEXT NOT NULL,
                    lot TEXT NOT NULL,
                    serial TEXT NOT NULL,
                    quantity REAL NOT NULL,
                    countedAt REAL,
                    PRIMARY KEY (site, location, item, lot, serial)
                ) WITHOUT ROWID;
                CREATE TABLE lot (
                    item TEXT NOT NULL,
                    lot TEXT NOT NULL,
                    expiry INTEGER,
                    recalled BOOLEAN NOT NULL DEFAULT 0,
                    PRIMARY KEY (item, lot)
                ) WITHOUT ROWID;
                CREATE TABLE receiptLine (
                    eventSeq INTEGER PRIMARY KEY REFERENCES event(seq),
                    site TEXT NOT NULL,
                    location TEXT NOT NULL,
                    po TEXT NOT NULL,
                    poLine TEXT,
                    item TEXT NOT NULL,
                    lot TEXT NOT NULL,
                    serial TEXT NOT NULL,
                    expiry INTEGER,
                    quantity REAL NOT NULL,
                    unitPrice REAL,
                    supplier TEXT,
                    occurredAt REAL NOT NULL
                );
                CREATE INDEX receiptLine_po ON receiptLine(po, poLine);
                CREATE TABLE invoiceLine (
                    eventSeq INTEGER PRIMARY KEY REFERENCES event(seq),
                    site TEXT NOT NULL,
                    supplier TEXT NOT NULL,
                    invoice TEXT NOT NULL,
                    line TEXT NOT NULL,
                    po TEXT,
                    poLine TEXT,
                    item TEXT NOT NULL,
                    lot TEXT NOT NULL,
                    serial TEXT NOT NULL,
                    quantity REAL NOT NULL,
                    unitPrice REAL NOT NULL,
                    currency TEXT,
                    occurredAt REAL NOT NULL
                );
                """)
        }
        registerDelivery(&migrator)
        registerAlerts(&migrator)
        registerWebhooks(&migrator)
        registerForecasts(&migrator)
        registerPlanning(&migrator)
        migrator.registerMigration("v1: access") { db in
            try db.execute(sql: """
                CREATE TABLE apiToken (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    name TEXT NOT NULL,
                    role TEXT NOT NULL,
                    tokenHash TEXT NOT NULL UNIQUE,
                    createdAt TEXT NOT NULL,
                    revokedAt TEXT
                );
                """)
        }
        registerPlanningProjection(&migrator)
        registerCensus(&migrator)
        registerAlertChanges(&migrator)
        registerAlertDigests(&migrator)
        registerWebhookModes(&migrator)
        return migrator
    }
}
