import SupplyDomain

/// The two-digit-year dates printed in barcodes, read the way GS1 and HIBCC say.
enum LabelDate {
    /// GS1 General Specifications, "determination of century": a two-digit year is the one within 49 years
    /// before and 50 years after the current year (`today`). HIBCC dates use the same window.
    static func year(twoDigits yy: Int, today: LocalDate) -> Int {
        let current = today.components.year
        let century = current - current % 100
        switch yy - current % 100 {
        case 51...99: return century - 100 + yy
        case -99 ... -50: return century + 100 + yy
        default: return century + yy
        }
    }

    /// `YYMMDD`; day `00` means the month's last day (GS1 allows it where only year and month are known).
    static func yymmdd(_ text: some Collection<Character>, today: LocalDate) -> LocalDate? {
        guard text.count == 6, text.allSatisfy(\.isASCIIDigit), let value = Int(String(text)) else { return nil }
        return date(year: year(twoDigits: value / 10_000, today: today), month: value / 100 % 100, day: value % 100)
    }

    /// A civil date; day 0 is the month's last day.
    static func date(year: Int, month: Int, day: Int) -> LocalDate? {
        guard (1...12).contains(month) else { return nil }
        let last = LocalDate.daysIn(month: month, year: year)
        guard day <= last else { return nil }
        return LocalDate(year: year, month: month, day: day == 0 ? last : day)
    }

    /// Julian `YYJJJ`: day `JJJ` (001–365, or 366 in a leap year) of year `YY`.
    static func julian(_ text: some Collection<Character>, today: LocalDate) -> LocalDate? {
        guard text.count == 5, text.allSatisfy(\.isASCIIDigit), let value = Int(String(text)) else { return nil }
        let year = year(twoDigits: value / 1000, today: today)
        let dayOfYear = value % 1000
        let daysInYear = LocalDate.daysIn(month: 2, year: year) == 29 ? 366 : 365
        guard (1...daysInYear).contains(dayOfYear) else { return nil }
        return LocalDate(year: year, month: 1, day: 1).advanced(by: dayOfYear - 1)
    }
}
