import Foundation
import SupplyDomain

/// The calendar patterns planted in the data: weekday shape, winter peak, holidays, and a mild growth trend.
enum Seasonality {
    /// Admissions by ISO weekday (Monday first): busiest early in the week, fewest at weekends.
    static let admissionWeekday: [Double] = [1.18, 1.10, 1.05, 1.04, 1.00, 0.80, 0.72]
    /// Elective theatre lists by ISO weekday: full on weekdays, emergencies only at weekends.
    static let theatreWeekday: [Double] = [1.05, 1.00, 1.00, 1.00, 0.90, 0.06, 0.04]

    /// Winter peak: +12 % around 20 January, −12 % around 20 July.
    static func winterPeak(_ date: LocalDate) -> Double {
        1 + 0.12 * cos(2 * Double.pi * Double(dayOfYear(date) - 20) / 365.25)
    }

    /// Theatre lists thin out in the summer holidays and around Christmas.
    static func theatreHolidays(_ date: LocalDate) -> Double {
        let (_, month, day) = date.components
        if (month == 12 && day >= 22) || (month == 1 && day <= 2) { return 0.45 }
        if month == 7 || month == 8 { return 0.82 }
        return 1
    }

    /// Growth of `perYear` (e.g. 0.04 for 4 % a year) since `start`.
    static func trend(_ date: LocalDate, start: LocalDate, perYear: Double) -> Double {
        1 + perYear * Double(start.distance(to: date)) / 365.25
    }

    static func dayOfYear(_ date: LocalDate) -> Int {
        date.dayNumber - LocalDate(year: date.components.year, month: 1, day: 1).dayNumber + 1
    }
}
