/// A calendar date with no time of day or zone, and the day arithmetic the idle-land rules count with.
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A date in the proleptic Gregorian calendar, years 0001–9999, written `YYYY-MM-DD`.
///
/// Day arithmetic goes through a count of days since 1970-01-01 using Howard Hinnant's
/// `days_from_civil` / `civil_from_days` algorithms (http://howardhinnant.github.io/date_algorithms.html),
/// so no calendar or time-zone library is involved.
public struct CivilDate: Hashable, Comparable, Sendable {
    public let year: Int
    public let month: Int
    public let day: Int

    /// The range of years the type holds; four digits, so that the text form round-trips.
    public static let years = 1...9999

    /// Nil when the month or day does not exist (2023-02-29, 2024-13-01) or the year is outside 0001–9999.
    public init?(year: Int, month: Int, day: Int) {
        guard Self.years.contains(year), (1...12).contains(month),
              (1...Self.daysInMonth(year: year, month: month)).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// The date `days` days after 1970-01-01 (negative: before it).
    public init(daysSince1970 days: Int) {
        // civil_from_days (Hinnant): shift the epoch to 0000-03-01 so leap days fall at the end of a 400-year era.
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097                                                   // [0, 146096]
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365  // [0, 399]
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)     // [0, 365], from March 1
        let shiftedMonth = (5 * dayOfYear + 2) / 153                                       // [0, 11], March = 0
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        // Our own arithmetic leaving 0001–9999 is a bug in the caller (an absurd number of days or years).
        precondition(Self.years.contains(year), "date arithmetic left the years 0001–9999")
        self.year = year
        self.month = month
        self.day = day
    }

    /// Days since 1970-01-01 (negative before it).
    public var daysSince1970: Int {
        // days_from_civil (Hinnant).
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400                                                      // [0, 399]
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1      // [0, 365]
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear       // [0, 146096]
        return era * 146_097 + dayOfEra - 719_468
    }

    public static func isLeapYear(_ year: Int) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// The date `days` days later (earlier when negative).
    public func adding(days: Int) -> CivilDate {
        CivilDate(daysSince1970: daysSince1970 + days)
    }

    /// The same month and day `years` years later (earlier when negative).
    ///
    /// Rule: February 29 becomes February 28 when the target year is not a leap year — the month's last day,
    /// as China's Civil Code Art. 202 ends a period of years "on the last day of the month" when the
    /// corresponding day does not exist. Every other date keeps its month and day.
    public func adding(years: Int) -> CivilDate {
        let target = year + years
        // An absurd number of years is our bug, not bad data.
        precondition(Self.years.contains(target), "date arithmetic left the years 0001–9999")
        let lastDay = Self.daysInMonth(year: target, month: month)
        return CivilDate(uncheckedYear: target, month: month, day: min(day, lastDay))
    }

    /// Signed number of days from `other` to `self`: positive when `self` is later.
    public func days(from other: CivilDate) -> Int {
        daysSince1970 - other.daysSince1970
    }

    /// The date at `secondsSince1970` (Unix time) on a clock `utcOffset` seconds ahead of UTC.
    public init(secondsSince1970 seconds: Int, utcOffset: Int) {
        let local = seconds + utcOffset
        // Floor division, so that instants before 1970 land on the right day.
        let days = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        self.init(daysSince1970: days)
    }

    /// China Standard Time, UTC+8 all year (no daylight saving since 1991).
    public static let chinaStandardTimeOffset = 8 * 3600

    /// Today's date in China Standard Time (UTC+8), from the system clock.
    public static func today() -> CivilDate {
        CivilDate(secondsSince1970: Int(time(nil)), utcOffset: chinaStandardTimeOffset)
    }

    public static func < (lhs: CivilDate, rhs: CivilDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    private init(uncheckedYear year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }
}

extension CivilDate: CustomStringConvertible, LosslessStringConvertible {
    /// `YYYY-MM-DD`, zero-padded.
    public var description: String {
        func padded(_ n: Int, _ width: Int) -> String {
            let digits = String(n)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(padded(year, 4))-\(padded(month, 2))-\(padded(day, 2))"
    }

    /// Parses exactly `YYYY-MM-DD`: four, two and two ASCII digits; nil for anything else or a day that does
    /// not exist ("2023-02-29", "2024-13-01", "2024-1-01", "2024-01-01T00:00").
    public init?(_ text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for b in bytes[range] {
                guard b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(b - UInt8(ascii: "0"))
            }
            return value
        }
        guard let y = number(0..<4), let m = number(5..<7), let d = number(8..<10) else { return nil }
        self.init(year: y, month: m, day: d)
    }
}

extension CivilDate: Codable {
    /// Encoded as its `YYYY-MM-DD` text, the form contracts and JSON APIs use.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let date = CivilDate(text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "not a YYYY-MM-DD calendar date: \"\(text)\"")
        }
        self = date
    }
}
