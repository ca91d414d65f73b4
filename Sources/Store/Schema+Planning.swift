import GRDB

extension Schema {
    /// Reservations for cases, planning runs and the requisitions they raise, with their status history.
    static func registerPlanning(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v1: reservations") { db in
            try db.execute(sql: """
                CREATE TABLE reservation (
                    site TEXT NOT NULL,
                    caseId TEXT NOT NULL,
                    item TEXT NOT NULL,
                    lot TEXT NOT NULL,
                    quantity REAL NOT NULL CHECK (quantity > 0),
                    neededDay INTEGER NOT NULL,
                    PRIMARY KEY (site, caseId, item, lot)
                ) WITHOUT ROWID;
                CREATE INDEX reservation_item ON reservation(site, item, lot);
                CREATE TABLE reservationShortfall (
                    site TEXT NOT NULL,
                    caseId TEXT NOT NULL,
                    item TEXT NOT NULL,
                    quantity REAL NOT NULL CHECK (quantity > 0),
                    neededDay INTEGER NOT NULL,
                    PRIMARY KEY (site, caseId, item)
                ) WITHOUT ROWID;
                CREATE INDEX reservationShortfall_item ON reservationShortfall(site, item, neededDay);
                CREATE TABLE caseRequirement (
                    site TEXT NOT NULL,
                    caseId TEXT NOT NULL,
                    item TEXT NOT NULL,
                    quantity REAL NOT NULL CHECK (quantity > 0),
                    neededDay INTEGER NOT NULL,
                    PRIMARY KEY (site, caseId, item)
                ) WITHOUT ROWID;
                CREATE INDEX caseRequirement_item ON caseRequirement(site, item, neededDay, caseId);
                CREATE INDEX usageRecord_case ON usageRecord(site, caseId) WHERE caseId IS NOT NULL;
                CREATE INDEX stockBalance_item ON stockBalance(site, item);
                """)
        }
        migrator.registerMigration("v1: planning runs and requisitions") { db in
            try db.execute(sql: """
                CREATE TABLE planningRun (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    site TEXT NOT NULL,
                    asOf INTEGER NOT NULL,
                    trigger TEXT NOT NULL,
                    actor TEXT NOT NULL,
                    status TEXT NOT NULL CHECK (status IN ('running', 'succeeded', 'failed')),
                    processId INTEGER NOT NULL,
                    startedAt REAL NOT NULL,
                    forecastSeconds REAL,
                    finishedAt REAL,
                    itemsPlanned INTEGER NOT NULL DEFAULT 0,
                    linesRaised INTEGER NOT NULL DEFAULT 0,
                    requisitionsRaised INTEGER NOT NULL DEFAULT 0,
                    alertsRaised INTEGER NOT NULL DEFAULT 0,
                    alertsResolved INTEGER NOT NULL DEFAULT 0,
                    error TEXT
                );
                CREATE UNIQUE INDEX planningRun_oneRunning ON planningRun(site) WHERE status = 'running';
                CREATE TABLE requisition (
                    id TEXT PRIMARY KEY NOT NULL,
                    site TEXT NOT NULL,
                    supplier TEXT NOT NULL,
                    runId INTEGER REFERENCES planningRun(id),
                    status TEXT NOT NULL CHECK (status IN ('pendingApproval', 'approved', 'sent', 'received',
                        'rejected', 'rejectedByERP', 'failed', 'cancelled')),
                    priority TEXT NOT NULL CHECK (priority IN ('routine', 'urgent')),
                    needBy INTEGER NOT NULL,
                    totalValue REAL NOT NULL,
                    erpId TEXT,
                    createdAt REAL NOT NULL,
                    updatedAt REAL NOT NULL
                );
                CREATE INDEX requisition_open ON requisition(site, status);
                CREATE INDEX requisition_erp ON requisition(erpId) WHERE erpId IS NOT NULL;
                CREATE TABLE requisitionLine (
                    requisition TEXT NOT NULL REFERENCES requisition(id),
                    line INTEGER NOT NULL,
                    item TEXT NOT NULL,
                    gtin TEXT,
                    quantity REAL NOT NULL CHECK (quantity > 0),
                    received REAL NOT NULL DEFAULT 0,
                    unit TEXT NOT NULL,
                    unitPrice REAL NOT NULL,
                    needBy INTEGER NOT NULL,
                    priority TEXT NOT NULL,
                    reason BLOB NOT NULL,
                    PRIMARY KEY (requisition, line)
                );
                CREATE INDEX requisitionLine_item ON requisitionLine(item);
                CREATE TABLE requisitionStatus (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    requisition TEXT NOT NULL REFERENCES requisition(id),
                    status TEXT NOT NULL,
                    actor TEXT NOT NULL,
                    note TEXT,
                    at REAL NOT NULL
                );
                CREATE INDEX requisitionStatus_requisition ON requisitionStatus(requisition);
                """)
        }
    }
}
