import Foundation
import GRDB
import SupplyDomain

extension SupplyStore {
    /// Starts a forecast run and returns its id; finish it with ``finishForecastRun(id:series:now:)`` or
    /// ``failForecastRun(id:error:now:)``.
    public func startForecastRun(site: String, asOf: LocalDate, actor: String, configuration: Data,
                                 quantileLevels: [Double], now: Date = Date()) throws -> Int64 {
        try pool.write { db in
            try db.execute(sql: """
                INSERT INTO forecastRun (site, asOf, status, actor, configuration, quantileLevels, startedAt)
                VALUES (?, ?, 'running', ?, ?, ?, ?)
                """, arguments: [site, asOf.dayNumber, actor, configuration, Self.json(quantileLevels),
                                 now.timeIntervalSince1970])
            return db.lastInsertedRowID
        }
    }

    /// Stores every series of a run in one transaction and marks it succeeded.
    public func finishForecastRun(id: Int64, series: [StoredSeriesForecast], now: Date = Date()) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try pool.write { db in
            let insertSeries = try db.makeStatement(sql: """
                INSERT INTO forecastSeries (runId, site, item, model, detail, volume, mase, baselineMase, bias)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            let insertDay = try db.makeStatement(sql: "INSERT INTO forecastDay (runId, item, day, mean, quantiles) VALUES (?, ?, ?, ?, ?)")
            for entry in series {
                try insertSeries.execute(arguments: [id, entry.site, entry.item, entry.model, try encoder.encode(entry.detail),
                                                     entry.volume, entry.mase, entry.baselineMase, entry.bias])
                for day in entry.days {
                    try insertDay.execute(arguments: [id, entry.item, day.day.dayNumber, day.mean, Self.json(day.quantiles)])
                }
            }
            try db.execute(sql: "UPDATE forecastRun SET status = 'succeeded', seriesCount = ?, finishedAt = ? WHERE id = ?",
                           arguments: [series.count, now.timeIntervalSince1970, id])
        }
    }

    public func failForecastRun(id: Int64, error: String, now: Date = Date()) throws {
        try pool.write { db in
            try db.execute(sql: "UPDATE forecastRun SET status = 'failed', error = ?, finishedAt = ? WHERE id = ?",
                           arguments: [error, now.timeIntervalSince1970, id])
        }
    }

    /// Forecast runs, newest first.
    public func forecastRuns(site: String? = nil, limit: Int = 50) throws -> [ForecastRunInfo] {
        try pool.read { db in
            var sql = "SELECT * FROM forecastRun"
            var arguments: StatementArguments = []
            if let site {
                sql += " WHERE site = ?"
                _ = arguments.append(contentsOf: [site])
            }
            sql += " ORDER BY id DESC LIMIT ?"
            _ = arguments.append(contentsOf: [limit])
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map(Self.forecastRunInfo)
        }
    }

    /// The newest succeeded run of each site (or of one site).
    public func latestForecastRuns(site: String? = nil) throws -> [ForecastRunInfo] {
        try pool.read { db in
            var sql = """
                SELECT * FROM forecastRun WHERE id IN (SELECT max(id) FROM forecastRun WHERE status = 'succeeded' GROUP BY site)
                """
            var arguments: StatementArguments = []
            if let site {
                sql += " AND site = ?"
                _ = arguments.append(contentsOf: [site])
            }
            return try Row.fetchAll(db, sql: sql + " ORDER BY site", arguments: arguments).map(Self.forecastRunInfo)
        }
    }

    /// Series of a run, with their daily numbers when `withDays`.
    public func forecastSeries(runId: Int64, item: String? = nil, withDays: Bool = false) throws -> [StoredSeriesForecast] {
        let decoder = JSONDecoder()
        return try pool.read { db in
            var sql = "SELECT * FROM forecastSeries WHERE runId = ?"
            var arguments: StatementArguments = [runId]
            if let item {
                sql += " AND item = ?"
                _ = arguments.append(contentsOf: [item])
            }
            return try Row.fetchAll(db, sql: sql + " ORDER BY item", arguments: arguments).map { row in
                var days: [StoredSeriesForecast.Day] = []
                if withDays {
                    days = try Row.fetchAll(db, sql: "SELECT day, mean, quantiles FROM forecastDay WHERE runId = ? AND item = ? ORDER BY day",
                                            arguments: [runId, row["item"] as String]).map { day in
                        StoredSeriesForecast.Day(day: LocalDate(dayNumber: day["day"]), mean: day["mean"],
                                                 quantiles: try decoder.decode([Double].self, from: Data((day["quantiles"] as String).utf8)))
                    }
                }
                return StoredSeriesForecast(
                    site: row["site"], item: row["item"], model: row["model"],
                    detail: try decoder.decode(StoredSeriesForecast.Detail.self, from: row["detail"] as Data),
                    volume: row["volume"], mase: row["mase"], baselineMase: row["baselineMase"], bias: row["bias"], days: days)
            }
        }
    }

    // MARK: - Overrides

    /// Records a planner's override (replacing any live one for the same site and item).
    public func overrideForecast(site: String, item: String, quantity: Double?, factor: Double?, until: LocalDate,
                                 reason: String, actor: String, now: Date = Date()) throws -> ForecastOverride {
        try pool.write { db in
            guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM item WHERE id = ?)", arguments: [item]) == true else {
                throw StoreError.notFound(what: "item", id: item)
            }
            guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM site WHERE id = ?)", arguments: [site]) == true else {
                throw StoreError.notFound(what: "site", id: site)
            }
            try db.execute(sql: """
                UPDATE forecastOverride SET clearedAt = ?, clearedBy = ? WHERE site = ? AND item = ? AND clearedAt IS NULL
                """, arguments: [now.timeIntervalSince1970, actor, site, item])
            try db.execute(sql: """
                INSERT INTO forecastOverride (site, item, quantity, factor, until, reason, actor, createdAt)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [site, item, quantity, factor, until.dayNumber, reason, actor, now.timeIntervalSince1970])
            return Self.forecastOverride(try Row.fetchOne(db, sql: "SELECT * FROM forecastOverride WHERE id = ?",
                                                          arguments: [db.lastInsertedRowID])!)
        }
    }

    /// Clears the live override of a site and item; returns whether there was one.
    @discardableResult
    public func clearForecastOverride(site: String, item: String, actor: String, now: Date = Date()) throws -> Bool {
        try pool.write { db in
            try db.execute(sql: """
                UPDATE forecastOverride SET clearedAt = ?, clearedBy = ? WHERE site = ? AND item = ? AND clearedAt IS NULL
                """, arguments: [now.timeIntervalSince1970, actor, site, item])
            return db.changesCount > 0
        }
    }

    /// Overrides still in force on `day` (live and not past their end), by item; all history when `includeCleared`.
    public func forecastOverrides(site: String?, item: String? = nil, activeOn day: LocalDate? = nil,
                                  includeCleared: Bool = false) throws -> [ForecastOverride] {
        try pool.read { db in
            var sql = "SELECT * FROM forecastOverride WHERE 1 = 1"
            var arguments: StatementArguments = []
            if let site {
                sql += " AND site = ?"
                _ = arguments.append(contentsOf: [site])
            }
            if let item {
                sql += " AND item = ?"
                _ = arguments.append(contentsOf: [item])
            }
            if !includeCleared { sql += " AND clearedAt IS NULL" }
            if let day {
                sql += " AND until >= ?"
                _ = arguments.append(contentsOf: [day.dayNumber])
            }
            return try Row.fetchAll(db, sql: sql + " ORDER BY id DESC", arguments: arguments).map(Self.forecastOverride)
        }
    }

    /// Item categories, for accuracy by item class.
    public func itemCategories() throws -> [String: String] {
        try pool.read { db in
            Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT id, category FROM item").map { ($0["id"], $0["category"]) })
        }
    }

    private static func forecastOverride(_ row: Row) -> ForecastOverride {
        ForecastOverride(
            id: row["id"], site: row["site"], item: row["item"], quantity: row["quantity"], factor: row["factor"],
            until: LocalDate(dayNumber: row["until"]), reason: row["reason"], actor: row["actor"],
            createdAt: Date(timeIntervalSince1970: row["createdAt"]),
            clearedAt: (row["clearedAt"] as Double?).map(Date.init(timeIntervalSince1970:)), clearedBy: row["clearedBy"])
    }

    private static func forecastRunInfo(_ row: Row) -> ForecastRunInfo {
        ForecastRunInfo(
            id: row["id"], site: row["site"], asOf: LocalDate(dayNumber: row["asOf"]), status: row["status"],
            actor: row["actor"],
            quantileLevels: (try? JSONDecoder().decode([Double].self, from: Data((row["quantileLevels"] as String).utf8))) ?? [],
            seriesCount: row["seriesCount"], startedAt: Date(timeIntervalSince1970: row["startedAt"]),
            finishedAt: (row["finishedAt"] as Double?).map(Date.init(timeIntervalSince1970:)), error: row["error"])
    }

    static func json(_ values: [Double]) -> String {
        "[" + values.map { $0.isFinite ? String($0) : "0" }.joined(separator: ",") + "]"
    }
}
