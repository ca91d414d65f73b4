import Foundation
import SupplyDomain

/// HL7 date/time values (DTM, and TS's first component): `YYYY[MM[DD[HH[MM[SS[.S[S[S[S]]]]]]]]][+/-ZZZZ]`.
///
/// Any precision is taken; what is left out is the start of the period (`2026` is 1 January 00:00). A value with
/// an offset is exact; without one it is local time at the site, so the site's time zone must be supplied.
public enum HL7Timestamp {
    /// Why a value is not a usable time.
    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        case malformed(String)
        case outOfRange(String)
        case noTimeZone(String)

        public var description: String {
            switch self {
            case .malformed(let text):
                "'\(text)' is not an HL7 date/time (YYYY[MM[DD[HH[MM[SS[.SSSS]]]]]][+/-ZZZZ])"
            case .outOfRange(let text):
                "'\(text)' has a part out of range"
            case .noTimeZone(let text):
                "'\(text)' has no UTC offset and the site has no time zone in master data; add the site's timeZone"
            }
        }
    }

    /// Parses `text`; `zone` is the site's time zone, used only when the value carries no offset.
    public static func parse(_ text: String, zone: TimeZone?) throws(Failure) -> Timestamp {
        let bytes = Array(text.utf8)
        var index = 0
        func digits(_ count: Int) -> Int? {
            guard index + count <= bytes.count else { return nil }
            var value = 0
            for offset in 0..<count {
                let byte = bytes[index + offset]
                guard byte >= 0x30 && byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            index += count
            return value
        }
        func atOffsetOrEnd() -> Bool {
            index == bytes.count || bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-")
        }
        guard let year = digits(4) else { throw .malformed(text) }
        var parts = [1, 1, 0, 0, 0]
        var partsRead = 0
        for position in 0..<parts.count where !atOffsetOrEnd() {
            guard let value = digits(2) else { throw .malformed(text) }
            parts[position] = value
            partsRead += 1
        }
        let (month, day, hour, minute, second) = (parts[0], parts[1], parts[2], parts[3], parts[4])
        var fraction = 0.0
        if index < bytes.count && bytes[index] == UInt8(ascii: ".") {
            guard partsRead == parts.count, index + 1 < bytes.count else { throw .malformed(text) }
            index += 1
            var scale = 0.1
            let start = index
            while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39, index - start < 4 {
                fraction += Double(bytes[index] - 0x30) * scale
                scale /= 10
                index += 1
            }
            guard index > start else { throw .malformed(text) }
        }
        var offset: Int?
        if index < bytes.count {
            let sign = bytes[index] == UInt8(ascii: "-") ? -1 : 1
            guard bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") else { throw .malformed(text) }
            index += 1
            guard let hours = digits(2), let minutes = digits(2), index == bytes.count else { throw .malformed(text) }
            guard hours <= 23, minutes <= 59 else { throw .outOfRange(text) }
            offset = sign * (hours * 3600 + minutes * 60)
        }
        guard year >= 1, month >= 1, month <= 12, day >= 1, day <= LocalDate.daysIn(month: month, year: year),
            hour <= 23, minute <= 59, second <= 59
        else { throw .outOfRange(text) }
        let local = Double(LocalDate(year: year, month: month, day: day).dayNumber * 86_400
            + hour * 3600 + minute * 60 + second) + fraction
        if let offset {
            return Timestamp(secondsSinceEpoch: local - Double(offset), utcOffsetSeconds: offset)
        }
        guard let zone else { throw .noTimeZone(text) }
        // The offset in force at that local time: take the offset at the instant it would be in UTC, then correct
        // once (enough outside the hour a clock change skips or repeats, where the later offset wins).
        let guess = zone.secondsFromGMT(for: Date(timeIntervalSince1970: local))
        let zoneOffset = zone.secondsFromGMT(for: Date(timeIntervalSince1970: local - Double(guess)))
        return Timestamp(secondsSinceEpoch: local - Double(zoneOffset), utcOffsetSeconds: zoneOffset)
    }
}
