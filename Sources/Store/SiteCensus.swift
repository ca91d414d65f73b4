import GRDB
import SupplyDomain

/// A site's midnight census, read from its daily movements.
///
/// The count at the end of a day is the patients in house before the feed began (those who left without their
/// arrival ever being seen) plus every arrival and minus every departure up to and including that day.
struct SiteCensus {
    let site: String
    /// Days with at least one movement, in day order, each with its midnight count.
    private(set) var movementDays: [CensusDay] = []
    /// Patients in house before the first movement the feed carried.
    private(set) var opening = 0

    init(_ db: Database, site: String) throws {
        self.site = site
        // A day whose movements were all withdrawn again (a cancelled admission) is no movement day.
        let rows = try Row.fetchAll(db, sql: """
            SELECT day, admissions, discharges, transfersIn, transfersOut, unseenArrivals FROM censusDay
            WHERE site = ? AND (admissions != 0 OR discharges != 0 OR transfersIn != 0 OR transfersOut != 0
                OR unseenArrivals != 0)
            ORDER BY day
            """, arguments: [site])
        opening = rows.reduce(0) { $0 + ($1["unseenArrivals"] as Int) }
        var inHouse = opening
        for row in rows {
            var day = CensusDay(site: site, day: LocalDate(dayNumber: row["day"]), admissions: row["admissions"],
                                discharges: row["discharges"], transfersIn: row["transfersIn"],
                                transfersOut: row["transfersOut"], unseenArrivals: row["unseenArrivals"], inHouse: 0)
            inHouse += day.admissions + day.transfersIn - day.discharges - day.transfersOut
            day.inHouse = inHouse
            movementDays.append(day)
        }
    }

    /// The first and last day the feed moved anyone, nil when it never did.
    var span: ClosedRange<LocalDate>? {
        guard let first = movementDays.first?.day, let last = movementDays.last?.day else { return nil }
        return first...last
    }

    /// One row per day of `days`, including days nobody came or went (the count carries over).
    func days(_ days: ClosedRange<LocalDate>) -> [CensusDay] {
        var next = movementDays.firstIndex { $0.day >= days.lowerBound } ?? movementDays.count
        var inHouse = next > 0 ? movementDays[next - 1].inHouse : opening
        var result: [CensusDay] = []
        result.reserveCapacity(days.count)
        for day in days {
            if next < movementDays.count, movementDays[next].day == day {
                inHouse = movementDays[next].inHouse
                result.append(movementDays[next])
                next += 1
            } else {
                result.append(CensusDay(site: site, day: day, admissions: 0, discharges: 0, transfersIn: 0,
                                        transfersOut: 0, unseenArrivals: 0, inHouse: inHouse))
            }
        }
        return result
    }
}

extension SupplyStore {
    /// Daily census of a site, one row for every day from the first to the last day the feed moved anyone
    /// (narrowed to `from`…`to` when given), days without movements included.
    public func census(site: String, from: LocalDate? = nil, to: LocalDate? = nil) throws -> [CensusDay] {
        try pool.read { db in
            let census = try SiteCensus(db, site: site)
            guard let span = census.span else { return [] }
            let first = max(from ?? span.lowerBound, span.lowerBound)
            let last = min(to ?? span.upperBound, span.upperBound)
            guard first <= last else { return [] }
            return census.days(first...last)
        }
    }
}
