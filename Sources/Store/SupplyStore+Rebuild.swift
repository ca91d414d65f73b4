import Foundation
import GRDB
import SupplyDomain

extension SupplyStore {
    /// The tables ``rebuildProjections(batchSize:now:progress:)`` empties and refills from the event log.
    static let rebuiltProjections = [
        "encounter", "censusDay", "surgicalCase", "usageDay", "usageRecord", "stockMovement", "stockBalance",
        "receiptLine", "invoiceLine", "caseRequirement", "reservation", "reservationShortfall",
    ]

    /// Rebuilds every projection from the event log: census, case book, usage, stock, receipt and invoice lines,
    /// case requirements and reservations, then raises or resolves urgent case alerts as of `now`.
    ///
    /// Events are replayed in the order they were stored (`seq`), through the same projector as the append path,
    /// so a fixed projection reaches an existing database. Lots keep their rows (and any recall flag); their
    /// expiries are refreshed. Requisitions are not touched: receipts already counted against them.
    ///
    /// It runs as one write transaction: readers keep seeing the old projections until it commits, and appends
    /// wait for it. `progress` gets (events replayed, events in the log) after each batch. Returns the events replayed.
    @discardableResult
    public func rebuildProjections(batchSize: Int = 20_000, now: Date = Date(), progress: (Int, Int) -> Void = { _, _ in })
        throws -> Int
    {
        try pool.write { db in
            let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM event") ?? 0
            for table in Self.rebuiltProjections {
                try db.execute(sql: "DELETE FROM \(table)")
            }
            progress(0, total)
            let projector = Projector(db: db, masterData: try masterData.snapshot(db))
            projector.receivesRequisitions = false
            let decoder = JSONDecoder()
            var replayed = 0
            var after: Int64 = 0
            let page = try db.makeStatement(sql: "SELECT seq, body FROM event WHERE seq > ? ORDER BY seq LIMIT ?")
            while true {
                let rows = try Row.fetchAll(page, arguments: [after, max(batchSize, 1)])
                guard let last = rows.last else { break }
                for row in rows {
                    let event = try decoder.decode(SupplyEvent.self, from: row["body"] as Data)
                    try projector.apply(event, seq: row["seq"])
                }
                try projector.flush()
                after = last["seq"]
                replayed += rows.count
                progress(replayed, total)
            }
            try projector.settle(now: now)
            return replayed
        }
    }
}
