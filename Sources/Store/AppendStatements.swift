import GRDB

/// The statements of the append path, each looked up once per append batch and then bound and run directly,
/// rather than found again by its SQL text for every event.
final class AppendStatements {
    enum Kind: Int, CaseIterable {
        case insertEvent, loadEncounter, saveEncounter, addCensus, loadCase, saveCase
        case loadUsageDay, saveUsageDay, insertUsageRecord, insertReceiptLine, insertInvoiceLine, saveLot
        case insertMovement, loadBalance, saveBalance, laterMovements

        var sql: String {
            switch self {
            case .insertEvent: """
                INSERT INTO event (source, sourceId, contentHash, type, site, occurredAt, subject, receivedAt, body)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (source, sourceId) DO NOTHING
                """
            case .loadEncounter: "SELECT state FROM encounter WHERE encounter = ?"
            case .saveEncounter: """
                INSERT INTO encounter (encounter, lastChangeAt, state) VALUES (?, ?, ?)
                ON CONFLICT (encounter) DO UPDATE SET lastChangeAt = excluded.lastChangeAt, state = excluded.state
                """
            case .addCensus: """
                INSERT INTO censusDay (site, day, admissions, discharges, transfersIn, transfersOut, unseenArrivals)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (site, day) DO UPDATE SET admissions = admissions + excluded.admissions,
                    discharges = discharges + excluded.discharges, transfersIn = transfersIn + excluded.transfersIn,
                    transfersOut = transfersOut + excluded.transfersOut,
                    unseenArrivals = unseenArrivals + excluded.unseenArrivals
                """
            case .loadCase: """
                SELECT procedure, surgeon, scheduledFor, status, lastChangeAt FROM surgicalCase WHERE site = ? AND caseId = ?
                """
            case .saveCase: """
                INSERT INTO surgicalCase (site, caseId, procedure, surgeon, scheduledFor, scheduledDay, status, lastChangeAt)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (site, caseId) DO UPDATE SET procedure = excluded.procedure, surgeon = excluded.surgeon,
                    scheduledFor = excluded.scheduledFor, scheduledDay = excluded.scheduledDay, status = excluded.status,
                    lastChangeAt = excluded.lastChangeAt
                """
            case .loadUsageDay: "SELECT quantity FROM usageDay WHERE site = ? AND item = ? AND day = ?"
            case .saveUsageDay: """
                INSERT INTO usageDay (site, item, day, quantity) VALUES (?, ?, ?, ?)
                ON CONFLICT (site, item, day) DO UPDATE SET quantity = excluded.quantity
                """
            case .insertUsageRecord: """
                INSERT INTO usageRecord (eventSeq, site, location, item, lot, serial, quantity, occurredAt, caseId, encounter, patient)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
            case .insertReceiptLine: """
                INSERT INTO receiptLine (eventSeq, site, location, po, poLine, item, lot, serial, expiry, quantity, unitPrice, supplier, occurredAt)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
            case .insertInvoiceLine: """
                INSERT INTO invoiceLine (eventSeq, site, supplier, invoice, line, po, poLine, item, lot, serial, quantity, unitPrice, currency, occurredAt)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
            case .saveLot: """
                INSERT INTO lot (item, lot, expiry) VALUES (?, ?, ?)
                ON CONFLICT (item, lot) DO UPDATE SET expiry = coalesce(excluded.expiry, expiry)
                """
            case .insertMovement: """
                INSERT INTO stockMovement (eventSeq, site, location, item, lot, serial, occurredAt, kind, quantity)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
            case .loadBalance: """
                SELECT quantity, countedAt FROM stockBalance WHERE site = ? AND location = ? AND item = ? AND lot = ? AND serial = ?
                """
            case .saveBalance: """
                INSERT INTO stockBalance (site, location, item, lot, serial, quantity, countedAt) VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (site, location, item, lot, serial) DO UPDATE SET quantity = excluded.quantity,
                    countedAt = excluded.countedAt
                """
            case .laterMovements: """
                SELECT coalesce(sum(quantity), 0) FROM stockMovement
                WHERE site = ? AND location = ? AND item = ? AND lot = ? AND serial = ? AND kind != 'count' AND occurredAt > ?
                """
            }
        }
    }

    private let db: Database
    private var prepared: [Statement?] = Array(repeating: nil, count: Kind.allCases.count)

    init(db: Database) {
        self.db = db
    }

    /// The statement, prepared at its first use in this batch; arguments are bound by the caller.
    subscript(_ kind: Kind) -> Statement {
        get throws {
            if let statement = prepared[kind.rawValue] { return statement }
            let statement = try db.cachedStatement(sql: kind.sql)
            prepared[kind.rawValue] = statement
            return statement
        }
    }
}
