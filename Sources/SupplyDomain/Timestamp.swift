import Foundation

/// An instant as a hospital feed states it: a point in time together with the UTC offset it was written in.
///
/// SupplyCast only accepts timestamps that carry an offset (`Z` or `±HH:MM`): a bare local time is ambiguous
/// across sites and daylight-saving changes, so it is rejected rather than guessed.
public struct Timestamp: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Seconds since 1970-01-01T00:00:00Z, with fractions.
    public let secondsSinceEpoch: Double
    /// The offset from UTC the source wrote, in seconds (east positive).
    public let utcOffsetSeconds: Int

    public init(secondsSinceEpoch: Double, utcOffsetSeconds: Int = 0) {
        self.secondsSinceEpoch = secondsSinceEpoch
        self.utcOffsetSeconds = utcOffsetSeconds
    }

    public init(date: Date, utcOffsetSeconds: Int = 0) {
        self.init(secondsSinceEpoch: date.timeIntervalSince1970, utcOffsetSeconds: utcOffsetSeconds)
    }

    public var date: Date { Date(timeIntervalSince1970: secondsSinceEpoch) }

    /// The calendar day at the place the event happened (in the offset it was written with).
    public var localDate: LocalDate {
        let local = Int((secondsSinceEpoch + Double(utcOffsetSeconds)).rounded(.down))
        return LocalDate(dayNumber: Int((Double(local) / 86_400).rounded(.down)))
    }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        lhs.secondsSinceEpoch < rhs.secondsSinceEpoch
    }

    /// RFC 3339 text in the offset the source used, e.g. `2026-03-02T07:45:00+01:00`.
    public var description: String {
        let localSeconds = secondsSinceEpoch + Double(utcOffsetSeconds)
        let whole = Int(localSeconds.rounded(.down))
        let millis = Int(((localSeconds - Double(whole)) * 1000).rounded())
        let day = LocalDate(dayNumber: Int((Double(whole) / 86_400).rounded(.down)))
        let secondOfDay = whole - day.dayNumber * 86_400
        var text = day.description + "T" + twoDigits(secondOfDay / 3600) + ":" + twoDigits(secondOfDay / 60 % 60)
            + ":" + twoDigits(secondOfDay % 60)
        if millis > 0 && millis < 1000 {
            text += "." + String(millis + 1000).dropFirst()
        }
        if utcOffsetSeconds == 0 {
            return text + "Z"
        }
        let sign = utcOffsetSeconds < 0 ? "-" : "+"
        let magnitude = abs(utcOffsetSeconds)
        return text + sign + twoDigits(magnitude / 3600) + ":" + twoDigits(magnitude / 60 % 60)
    }
}

// MARK: - Parsing

extension Timestamp {
    /// Why a text is not an acceptable timestamp.
    public enum ParseFailure: Error, Sendable, Equatable, CustomStringConvertible {
        case malformed(String)
        case missingOffset(String)
        case outOfRange(String)

        public var description: String {
            switch self {
            case .malformed(let text):
                "'\(text)' is not an RFC 3339 timestamp (expected e.g. 2026-03-02T07:45:00+01:00)"
            case .missingOffset(let text):
                "'\(text)' has no UTC offset; add Z or ±HH:MM (e.g. \(text)+01:00)"
            case .outOfRange(let text):
                "'\(text)' has a field out of range"
            }
        }
    }

    /// Parses RFC 3339 / ISO 8601 extended format with a mandatory offset:
    /// `YYYY-MM-DDTHH:MM[:SS[.fff]](Z|±HH:MM|±HHMM)`. A space may stand for `T`.
    public static func parse(_ text: String) throws(ParseFailure) -> Timestamp {
        var bytes = Array(text.utf8)
        guard bytes.count >= 16 else { throw .malformed(text) }
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= bytes.count else { return nil }
            var value = 0
            for index in range {
                let byte = bytes[index]
                guard byte >= 48 && byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        guard let year = number(0..<4), bytes[4] == 45, let month = number(5..<7), bytes[7] == 45,
            let day = number(8..<10), bytes[10] == 84 || bytes[10] == 116 || bytes[10] == 32,
            let hour = number(11..<13), bytes[13] == 58, let minute = number(14..<16)
        else { throw .malformed(text) }
        var index = 16
        var second = 0
        var fraction = 0.0
        if index < bytes.count && bytes[index] == 58 {
            guard let parsed = number(index + 1..<index + 3) else { throw .malformed(text) }
            second = parsed
            index += 3
            if index < bytes.count && (bytes[index] == 46 || bytes[index] == 44) {
                index += 1
                var scale = 0.1
                let start = index
                while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 {
                    fraction += Double(bytes[index] - 48) * scale
                    scale /= 10
                    index += 1
                }
                guard index > start else { throw .malformed(text) }
            }
        }
        guard index < bytes.count else { throw .missingOffset(text) }
        var offset = 0
        switch bytes[index] {
        case 90, 122:
            guard index + 1 == bytes.count else { throw .malformed(text) }
        case 43, 45:
            let sign = bytes[index] == 45 ? -1 : 1
            bytes.removeSubrange(0...index)
            index = 0
            let hours: Int?
            let minutes: Int?
            if bytes.count == 5 && bytes[2] == 58 {
                hours = number(0..<2)
                minutes = number(3..<5)
            } else if bytes.count == 4 {
                hours = number(0..<2)
                minutes = number(2..<4)
            } else if bytes.count == 2 {
                hours = number(0..<2)
                minutes = 0
            } else {
                throw .malformed(text)
            }
            guard let hours, let minutes, hours <= 23, minutes <= 59 else { throw .outOfRange(text) }
            offset = sign * (hours * 3600 + minutes * 60)
        default:
            throw .malformed(text)
        }
        guard month >= 1, month <= 12, day >= 1, day <= LocalDate.daysIn(month: month, year: year),
            hour <= 23, minute <= 59, second <= 60
        else { throw .outOfRange(text) }
        let days = LocalDate(year: year, month: month, day: day).dayNumber
        let local = Double(days * 86_400 + hour * 3600 + minute * 60 + second) + fraction
        return Timestamp(secondsSinceEpoch: local - Double(offset), utcOffsetSeconds: offset)
    }
}

@inline(__always)
func twoDigits(_ value: Int) -> String {
    value < 10 ? "0\(value)" : "\(value)"
}
