/// A calendar date (proleptic Gregorian) with an optional time of day, as found in a `ds` column.
public struct DateStamp: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Year.
    public var year: Int
    /// Month 1…12.
    public var month: Int
    /// Day 1…31.
    public var day: Int
    /// `HH:MM:SS` suffix when the source had one.
    public var time: String?

    /// Creates a date; returns nil for impossible dates.
    public init?(year: Int, month: Int, day: Int, time: String? = nil) {
        guard (1...12).contains(month), day >= 1, day <= DateStamp.daysInMonth(year: year, month: month) else {
            return nil
        }
        self.year = year
        self.month = month
        self.day = day
        self.time = time
    }

    /// Parses `YYYY-MM-DD` or `YYYY-MM-DD HH:MM:SS` (also `T` as separator).
    public init?(parsing text: Substring) {
        let bytes = Array(text.utf8)
        guard bytes.count >= 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for i in range {
                let b = bytes[i]
                guard b >= 48 && b <= 57 else { return nil }
                value = value * 10 + Int(b - 48)
            }
            return value
        }
        guard let y = number(0..<4), let m = number(5..<7), let d = number(8..<10) else { return nil }
        var time: String?
        if bytes.count > 10 {
            guard bytes.count == 19, bytes[10] == UInt8(ascii: " ") || bytes[10] == UInt8(ascii: "T"),
                  number(11..<13) != nil, number(14..<16) != nil, number(17..<19) != nil else { return nil }
            time = String(decoding: bytes[11..<19], as: UTF8.self)
        }
        self.init(year: y, month: m, day: d, time: time)
    }

    /// Days since 1970-01-01.
    public var daysSinceEpoch: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// ISO weekday, 1 = Monday … 7 = Sunday.
    public var isoWeekday: Int {
        let w = (daysSinceEpoch % 7 + 7 + 3) % 7
        return w + 1
    }

    /// Months since year 0 (for monthly/quarterly/yearly arithmetic).
    var monthIndex: Int { year * 12 + month - 1 }

    /// The date from days since 1970-01-01.
    public init(daysSinceEpoch z0: Int, time: String? = nil) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        year = yoe + era * 400 + (m <= 2 ? 1 : 0)
        month = m
        day = d
        self.time = time
    }

    /// This date moved by `periods` steps of `frequency` (month ends clamp, e.g. Jan 31 + 1 month = Feb 28/29).
    public func advanced(by periods: Int, _ frequency: Frequency) -> DateStamp {
        switch frequency {
        case .daily: return DateStamp(daysSinceEpoch: daysSinceEpoch + periods, time: time)
        case .weekly: return DateStamp(daysSinceEpoch: daysSinceEpoch + 7 * periods, time: time)
        case .monthly, .quarterly, .yearly:
            let step = frequency == .monthly ? 1 : frequency == .quarterly ? 3 : 12
            let index = monthIndex + step * periods
            let y = Int((Double(index) / 12).rounded(.down))
            let m = index - y * 12 + 1
            let d = min(day, DateStamp.daysInMonth(year: y, month: m))
            return DateStamp(year: y, month: m, day: d, time: time) ?? self
        }
    }

    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    public var description: String {
        func pad(_ v: Int, _ width: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        let date = "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
        return time.map { "\(date) \($0)" } ?? date
    }

    public static func < (lhs: DateStamp, rhs: DateStamp) -> Bool {
        (lhs.year, lhs.month, lhs.day, lhs.time ?? "") < (rhs.year, rhs.month, rhs.day, rhs.time ?? "")
    }
}
