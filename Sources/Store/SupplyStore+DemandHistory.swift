import GRDB
import SupplyDomain

extension SupplyStore {
    /// Reads a site's daily demand and its drivers for `days` days up to `asOf`, plus `futureDays` of booked cases.
    /// Items that were never used in the window are left out.
    public func demandHistory(site: String, asOf: LocalDate, days: Int, futureDays: Int) throws -> DemandHistory {
        let first = asOf.advanced(by: -(days - 1))
        return try pool.read { db in
            var usage: [String: [Double]] = [:]
            let rows = try Row.fetchCursor(db, sql: """
                SELECT item, day, quantity FROM usageDay WHERE site = ? AND day BETWEEN ? AND ? ORDER BY item
                """, arguments: [site, first.dayNumber, asOf.dayNumber])
            while let row = try rows.next() {
                let item: String = row[0]
                let index = (row[1] as Int) - first.dayNumber
                usage[item, default: Array(repeating: 0, count: days)][index] += row[2] as Double
            }
            let census = days > 0 ? try SiteCensus(db, site: site).days(first...asOf).map { Double($0.inHouse) } : []
            var procedures: [String: (history: [Double], future: [Double])] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT procedure, scheduledDay, count(*) AS cases FROM surgicalCase
                WHERE site = ? AND procedure IS NOT NULL AND scheduledDay BETWEEN ? AND ?
                    AND status IN ('scheduled', 'completed')
                GROUP BY procedure, scheduledDay
                """, arguments: [site, first.dayNumber, asOf.dayNumber + futureDays]) {
                let procedure: String = row["procedure"]
                let day: Int = row["scheduledDay"]
                var entry = procedures[procedure] ?? (Array(repeating: 0, count: days), Array(repeating: 0, count: futureDays))
                if day <= asOf.dayNumber {
                    entry.history[day - first.dayNumber] += Double(row["cases"] as Int)
                } else {
                    entry.future[day - asOf.dayNumber - 1] += Double(row["cases"] as Int)
                }
                procedures[procedure] = entry
            }
            return DemandHistory(
                site: site, firstDay: first, asOf: asOf,
                usage: usage.sorted { $0.key < $1.key }.map { ($0.key, $0.value) },
                census: census,
                procedures: procedures.sorted { $0.key < $1.key }.map { ($0.key, $0.value.history, $0.value.future) })
        }
    }

    /// The last day with recorded usage at a site (the natural planning date for historical data).
    public func lastUsageDay(site: String?) throws -> LocalDate? {
        try pool.read { db in
            let day: Int? = if let site {
                try Int.fetchOne(db, sql: "SELECT max(day) FROM usageDay WHERE site = ?", arguments: [site])
            } else {
                try Int.fetchOne(db, sql: "SELECT max(day) FROM usageDay")
            }
            return day.map(LocalDate.init(dayNumber:))
        }
    }

    /// Site codes from master data.
    public func siteIds() throws -> [String] {
        try pool.read { db in try String.fetchAll(db, sql: "SELECT id FROM site ORDER BY id") }
    }
}
