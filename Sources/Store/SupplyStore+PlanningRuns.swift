import Foundation
import GRDB
import SupplyDomain

extension SupplyStore {
    /// Records a run as started; at most one runs per site (a unique index says so), so a second start throws
    /// ``PlanningRunConflict`` with the running run's id.
    public func beginPlanningRun(site: String, asOf: LocalDate, trigger: String, actor: String, processId: Int32,
                                 now: Date = Date()) throws -> Int64 {
        try pool.write { db in
            if let running = try Int64.fetchOne(db, sql: "SELECT id FROM planningRun WHERE site = ? AND status = 'running'",
                                                arguments: [site]) {
                throw PlanningRunConflict(site: site, runningId: running)
            }
            guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM site WHERE id = ?)", arguments: [site]) == true else {
                throw StoreError.notFound(what: "site", id: site)
            }
            try db.execute(sql: """
                INSERT INTO planningRun (site, asOf, trigger, actor, status, processId, startedAt)
                VALUES (?, ?, ?, ?, 'running', ?, ?)
                """, arguments: [site, asOf.dayNumber, trigger, actor, processId, now.timeIntervalSince1970])
            return db.lastInsertedRowID
        }
    }

    /// Marks a run succeeded with its counts and cuts the site's alert digest (``AlertDigest``) for the digest
    /// subscriptions; `db` is the run's own write transaction, so its alerts and the digest commit together.
    public static func finishPlanningRun(_ db: Database, id: Int64, counts: PlanningRunCounts, forecastSeconds: Double,
                                         now: Date) throws {
        guard let run = try Row.fetchOne(db, sql: """
            UPDATE planningRun SET status = 'succeeded', finishedAt = ?, forecastSeconds = ?, itemsPlanned = ?,
                linesRaised = ?, requisitionsRaised = ?, alertsRaised = ?, alertsResolved = ?
            WHERE id = ? AND status = 'running'
            RETURNING site, asOf
            """, arguments: [now.timeIntervalSince1970, forecastSeconds, counts.itemsPlanned, counts.linesRaised,
                             counts.requisitionsRaised, counts.alertsRaised, counts.alertsResolved, id])
        else { return }
        try AlertDigests.produce(db, site: run["site"], runId: id, asOf: LocalDate(dayNumber: run["asOf"]), now: now)
    }

    /// Marks a run failed with the reason.
    public func failPlanningRun(id: Int64, error: String, now: Date = Date()) throws {
        try pool.write { db in
            try db.execute(sql: """
                UPDATE planningRun SET status = 'failed', finishedAt = ?, error = ? WHERE id = ? AND status = 'running'
                """, arguments: [now.timeIntervalSince1970, error, id])
        }
    }

    /// Marks failed every run still `running` whose process is gone (it crashed); returns their ids.
    @discardableResult
    public func failInterruptedPlanningRuns(isAlive: (Int32) -> Bool, now: Date = Date()) throws -> [Int64] {
        try pool.write { db in
            let running = try Row.fetchAll(db, sql: "SELECT id, processId FROM planningRun WHERE status = 'running'")
            var failed: [Int64] = []
            for row in running where !isAlive(row["processId"]) {
                try db.execute(sql: """
                    UPDATE planningRun SET status = 'failed', finishedAt = ?,
                        error = 'interrupted: the process running it stopped before it finished' WHERE id = ?
                    """, arguments: [now.timeIntervalSince1970, row["id"] as Int64])
                failed.append(row["id"])
            }
            return failed
        }
    }

    /// One run by id.
    public func planningRun(id: Int64) throws -> PlanningRunRecord {
        try pool.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM planningRun WHERE id = ?", arguments: [id]) else {
                throw StoreError.notFound(what: "planning run", id: "\(id)")
            }
            return Self.planningRun(row)
        }
    }

    /// Runs, newest first.
    public func planningRuns(site: String? = nil, limit: Int = 50) throws -> [PlanningRunRecord] {
        try pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM planningRun WHERE (? IS NULL OR site = ?) ORDER BY id DESC LIMIT ?
                """, arguments: [site, site, limit]).map(Self.planningRun)
        }
    }

    static func planningRun(_ row: Row) -> PlanningRunRecord {
        PlanningRunRecord(
            id: row["id"], site: row["site"], asOf: LocalDate(dayNumber: row["asOf"]), trigger: row["trigger"],
            actor: row["actor"], status: PlanningRunRecord.Status(rawValue: row["status"]) ?? .failed,
            processId: row["processId"], startedAt: Date(timeIntervalSince1970: row["startedAt"]),
            forecastSeconds: row["forecastSeconds"], finishedAt: (row["finishedAt"] as Double?).map(Date.init(timeIntervalSince1970:)),
            itemsPlanned: row["itemsPlanned"], linesRaised: row["linesRaised"], requisitionsRaised: row["requisitionsRaised"],
            alertsRaised: row["alertsRaised"], alertsResolved: row["alertsResolved"], error: row["error"])
    }
}

/// A second run for a site while one is running.
public struct PlanningRunConflict: Error, Sendable, CustomStringConvertible {
    public var site: String
    public var runningId: Int64

    public var description: String {
        "a planning run for site \(site) is already running (run \(runningId)); wait for it (supplycast plan status \(runningId))"
    }
}
