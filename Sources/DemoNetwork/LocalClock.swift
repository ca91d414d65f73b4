import SupplyDomain

/// Turns "local day + second of day" into timestamps written with the site's UTC offset.
///
/// All demo sites sit in Central European time: +01:00 in winter and +02:00 in summer, switching on the last
/// Sundays of March and October (EU rule). The switch is applied per calendar day, so the few night-time events
/// of the two changeover days carry the offset of the day rather than of the exact hour; every instant is still
/// valid and correctly ordered.
struct LocalClock: Sendable {
    private let firstDay: Int
    private let offsets: [Int]

    /// Precomputes the offset of every day in `range`.
    init(days range: ClosedRange<LocalDate>) {
        firstDay = range.lowerBound.dayNumber
        offsets = (range.lowerBound.dayNumber...range.upperBound.dayNumber).map {
            LocalClock.isSummerTime(LocalDate(dayNumber: $0)) ? 7200 : 3600
        }
    }

    /// The UTC offset, in seconds, of a day.
    func offset(dayNumber: Int) -> Int {
        let index = dayNumber - firstDay
        if index >= 0 && index < offsets.count { return offsets[index] }
        return LocalClock.isSummerTime(LocalDate(dayNumber: dayNumber)) ? 7200 : 3600
    }

    /// The instant `secondOfDay` seconds after local midnight of the day, written in that day's offset.
    func timestamp(dayNumber: Int, secondOfDay: Int) -> Timestamp {
        // A second of day past midnight belongs to a later day; normalise so the offset matches the local day.
        let day = dayNumber + Int((Double(secondOfDay) / 86_400).rounded(.down))
        let second = secondOfDay - (day - dayNumber) * 86_400
        let offset = offset(dayNumber: day)
        return Timestamp(secondsSinceEpoch: Double(day * 86_400 + second - offset), utcOffsetSeconds: offset)
    }

    /// Whether Central European Summer Time applies on the day.
    static func isSummerTime(_ date: LocalDate) -> Bool {
        let year = date.components.year
        let start = lastSunday(month: 3, year: year)
        let end = lastSunday(month: 10, year: year)
        return date >= start && date < end
    }

    private static func lastSunday(month: Int, year: Int) -> LocalDate {
        let last = LocalDate(year: year, month: month, day: LocalDate.daysIn(month: month, year: year))
        return last.advanced(by: -(last.isoWeekday % 7))
    }
}
