/// Calendar dates: parsing, leap years, day and year arithmetic, and today's date in China Standard Time.
import Foundation
@testable import LandbankLifecycle
import Testing

private func date(_ text: String) -> CivilDate {
    guard let d = CivilDate(text) else { preconditionFailure("bad test date \(text)") }
    return d
}

@Test("a date reads and writes YYYY-MM-DD, leap days included")
func parsesAndPrints() {
    let d = date("2024-02-29")
    #expect(d.year == 2024 && d.month == 2 && d.day == 29)
    #expect(d.description == "2024-02-29")
    #expect(CivilDate("2000-02-29") != nil)  // divisible by 400: leap
    #expect(CivilDate("0001-01-01")?.description == "0001-01-01")
    #expect(CivilDate("9999-12-31")?.description == "9999-12-31")
}

@Test("dates that do not exist or are not written YYYY-MM-DD are refused",
      arguments: ["2023-02-29", "1900-02-29", "2024-13-01", "2024-00-10", "2024-04-31", "2024-01-00",
                  "2024-1-01", "2024-01-1", "24-01-01", "2024/01/01", "2024-01-01T00:00", " 2024-01-01",
                  "0000-01-01", "２０２４-01-01", "abcd-ef-gh", ""])
func refusesBadDates(text: String) {
    #expect(CivilDate(text) == nil)
}

@Test("dates order by year, month and day")
func dateOrdering() {
    #expect(date("2023-12-31") < date("2024-01-01"))
    #expect(date("2024-01-31") < date("2024-02-01"))
    #expect(!(date("2024-02-01") < date("2024-02-01")))
}

@Test("day counts agree with Unix time: 2000-01-01 is day 10957")
func epochDays() {
    // 946684800 s (2000-01-01T00:00Z, `date -u -d 2000-01-01 +%s`) / 86400 = 10957.
    #expect(date("2000-01-01").daysSince1970 == 10_957)
    #expect(date("1970-01-01").daysSince1970 == 0)
    #expect(date("1969-12-31").daysSince1970 == -1)
    #expect(CivilDate(daysSince1970: 10_957) == date("2000-01-01"))
}

@Test("every day from 1899 to 2101 survives a round trip through the day count")
func roundTrip() {
    var d = date("1899-01-01")
    let end = date("2101-12-31")
    var n = d.daysSince1970
    while d <= end {
        #expect(CivilDate(daysSince1970: n) == d)
        // Next day by hand, independent of the day count.
        let last = CivilDate.daysInMonth(year: d.year, month: d.month)
        let next = d.day < last ? CivilDate(year: d.year, month: d.month, day: d.day + 1)
            : d.month < 12 ? CivilDate(year: d.year, month: d.month + 1, day: 1)
            : CivilDate(year: d.year + 1, month: 1, day: 1)
        d = next!
        n += 1
        #expect(d.daysSince1970 == n)
    }
}

@Test("days between dates across leap years match a hand count")
func daysAcrossLeapYears() {
    // 2019-12-31 → 2020-12-31: 366 (2020 is leap); → 2021-12-31: +365 = 731; → 2022-12-31: +365 = 1096;
    // → 2023-12-31: +365 = 1461; → 2024-03-01: Jan 31 + Feb 29 (leap) + 1 = 61, so 1461 + 61 = 1522.
    #expect(date("2024-03-01").days(from: date("2019-12-31")) == 1522)
    #expect(date("2019-12-31").days(from: date("2024-03-01")) == -1522)
    // 1899-12-31 → 2000-12-31 spans the 101 years 1900…2000. 1900 is not leap (century), 2000 is (÷400);
    // the leap years are 1904, 1908, …, 2000: (2000 − 1904) / 4 + 1 = 25. So 101 × 365 + 25 = 36890.
    #expect(date("2000-12-31").days(from: date("1899-12-31")) == 36_890)
    #expect(date("2024-03-01").adding(days: -1) == date("2024-02-29"))
    #expect(date("2023-03-01").adding(days: -1) == date("2023-02-28"))
    #expect(date("2024-12-31").adding(days: 1) == date("2025-01-01"))
}

@Test("adding years keeps month and day; Feb 29 becomes Feb 28 in a common year")
func addingYears() {
    #expect(date("2023-03-01").adding(years: 1) == date("2024-03-01"))
    #expect(date("2024-02-29").adding(years: 1) == date("2025-02-28"))
    #expect(date("2024-02-29").adding(years: 4) == date("2028-02-29"))
    #expect(date("2024-02-29").adding(years: -4) == date("2020-02-29"))
    #expect(date("2024-02-29").adding(years: -1) == date("2023-02-28"))
    #expect(date("2024-02-28").adding(years: 1) == date("2025-02-28"))
}

@Test("today is the UTC+8 date: 22:13 UTC on 14 November 2023 is already the 15th in Beijing")
func chinaStandardTime() {
    // 1700000000 s = 2023-11-14T22:13:20Z (`date -u -d @1700000000`), 06:13:20 on the 15th at UTC+8.
    #expect(CivilDate(secondsSince1970: 1_700_000_000, utcOffset: 0) == date("2023-11-14"))
    #expect(CivilDate(secondsSince1970: 1_700_000_000, utcOffset: 8 * 3600) == date("2023-11-15"))
    // 1969-12-31T20:00Z is 1970-01-01T04:00 at UTC+8; one second before the epoch is still 1969-12-31 in UTC.
    #expect(CivilDate(secondsSince1970: -4 * 3600, utcOffset: 8 * 3600) == date("1970-01-01"))
    #expect(CivilDate(secondsSince1970: -1, utcOffset: 0) == date("1969-12-31"))
    let today = CivilDate.today()
    let utcPlus8 = CivilDate(secondsSince1970: Int(Date().timeIntervalSince1970), utcOffset: 8 * 3600)
    #expect(abs(today.days(from: utcPlus8)) <= 1)  // equal unless the call straddles midnight
}

@Test("a date is encoded in JSON as its YYYY-MM-DD text and a bad one fails to decode")
func dateCodable() throws {
    let data = try JSONEncoder().encode([date("2024-02-29")])
    #expect(String(decoding: data, as: UTF8.self) == #"["2024-02-29"]"#)
    #expect(try JSONDecoder().decode([CivilDate].self, from: data) == [date("2024-02-29")])
    #expect(throws: DecodingError.self) {
        try JSONDecoder().decode([CivilDate].self, from: Data(#"["2023-02-29"]"#.utf8))
    }
}
