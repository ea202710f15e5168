/// The idle-land rules of the 2012 Measures: one year and a day, two years and a day, thresholds and exclusions.
import Foundation
@testable import LandbankLifecycle
import Testing

private func date(_ text: String) -> CivilDate {
    guard let d = CivilDate(text) else { preconditionFailure("bad test date \(text)") }
    return d
}

private func yuan(_ text: String) -> Money {
    guard let m = Money(yuan: text) else { preconditionFailure("bad test amount \(text)") }
    return m
}

/// A parcel sold for 12,000,000 yuan whose work was due to start on 2023-03-01.
private func contract(agreedStart: String = "2023-03-01") -> SupplyContract {
    SupplyContract(contractNumber: "3605012023B00042", holder: "江西某锂电科技有限公司",
                   landPrice: yuan("12000000"), agreedStart: date(agreedStart))
}

/// Work started 2020-05-01 and stopped 2022-06-01 on 30,000 m² to be developed, 10,000,000 yuan to invest.
private func stopped(developed: Double? = nil, invested: String? = nil) -> SupplyContract {
    var c = contract(agreedStart: "2020-04-01")
    c.actualStart = date("2020-05-01")
    c.stoppedOn = date("2022-06-01")
    c.developedArea = developed
    c.totalArea = developed == nil ? nil : 30_000
    c.investmentMade = invested.map(yuan)
    c.totalInvestment = invested == nil ? nil : yuan("10000000")
    return c
}

@Test("a parcel exactly one year past its agreed start is not yet idle")
func exactlyOneYear() {
    #expect(IdleLandRules.assess(contract(), asOf: date("2024-03-01")) == nil)
    #expect(IdleLandRules.assess(contract(), asOf: date("2023-06-01")) == nil)
}

@Test("an agreed start in 9999 is never idle, on any day there is (no date arithmetic past 9999)")
func lastYear() {
    #expect(IdleLandRules.assess(contract(agreedStart: "9999-01-01"), asOf: date("9999-12-31")) == nil)
    #expect(IdleLandRules.assess(contract(agreedStart: "9998-12-30"), asOf: date("9999-12-31"))?.fullYearsIdle == 1)
}

@Test("a parcel idle for one year and a day owes the 20% fee")
func oneYearAndADay() throws {
    let v = try #require(IdleLandRules.assess(contract(), asOf: date("2024-03-02")))
    #expect(v.kind == .notStarted)
    #expect(v.idleSince == date("2024-03-02"))
    #expect(v.fullYearsIdle == 1)
    #expect(v.idleFee == yuan("2400000"))
    #expect(!v.mayRecoverWithoutCompensation)
    #expect(!v.excluded)
    #expect(v.reason == "Not started: agreed start 2023-03-01, no start by 2024-03-02; the first full year ended on"
        + " 2024-03-01, idle since 2024-03-02 (Article 2). 1 full year since the agreed start: idle fee 20% of"
        + " land price 12000000.00 = 2400000.00 yuan (Article 14).")
}

@Test("a parcel idle for exactly two years owes the fee but may not yet be recovered")
func exactlyTwoYears() throws {
    let v = try #require(IdleLandRules.assess(contract(), asOf: date("2025-03-01")))
    #expect(v.fullYearsIdle == 1)
    #expect(v.idleFee == yuan("2400000"))
    #expect(!v.mayRecoverWithoutCompensation)
}

@Test("a parcel unstarted for two years and a day may be recovered without compensation")
func twoYearsAndADay() throws {
    let v = try #require(IdleLandRules.assess(contract(), asOf: date("2025-03-02")))
    #expect(v.fullYearsIdle == 2)
    #expect(v.idleSince == date("2024-03-02"))
    #expect(v.idleFee == yuan("2400000"))
    #expect(v.mayRecoverWithoutCompensation)
    #expect(v.reason.contains("the second full year ended on 2025-03-01"))
    #expect(v.reason.contains("may be recovered without compensation"))
}

@Test("full years count to the day across many years")
func manyYears() {
    let c = contract(agreedStart: "2015-06-30")
    #expect(IdleLandRules.assess(c, asOf: date("2024-06-30"))?.fullYearsIdle == 8)
    #expect(IdleLandRules.assess(c, asOf: date("2024-07-01"))?.fullYearsIdle == 9)
    #expect(IdleLandRules.fullYears(from: date("2023-03-01"), to: date("2023-01-01")) == 0)
}

@Test("a start agreed on Feb 29 completes its years on Feb 28 of common years")
func leapDayStart() throws {
    let c = contract(agreedStart: "2024-02-29")
    #expect(IdleLandRules.assess(c, asOf: date("2025-02-28")) == nil)
    let idle = try #require(IdleLandRules.assess(c, asOf: date("2025-03-01")))
    #expect(idle.idleSince == date("2025-03-01"))
    #expect(IdleLandRules.assess(c, asOf: date("2026-02-28"))?.mayRecoverWithoutCompensation == false)
    #expect(IdleLandRules.assess(c, asOf: date("2026-03-01"))?.mayRecoverWithoutCompensation == true)
    // Four years on, Feb 29 exists again: the fourth year ends on 2028-02-29.
    #expect(IdleLandRules.assess(c, asOf: date("2028-02-29"))?.fullYearsIdle == 3)
    #expect(IdleLandRules.assess(c, asOf: date("2028-03-01"))?.fullYearsIdle == 4)
}

@Test("a start recorded after the day assessed leaves the parcel not started")
func futureStart() {
    var c = contract()
    c.actualStart = date("2024-05-01")
    #expect(IdleLandRules.assess(c, asOf: date("2024-04-30"))?.kind == .notStarted)
    #expect(IdleLandRules.assess(c, asOf: date("2024-05-01")) == nil)
}

@Test("a parcel where work started and has not stopped is not idle")
func startedNotStopped() {
    var c = contract()
    c.actualStart = date("2023-04-15")
    c.developedArea = 100
    c.totalArea = 30_000
    #expect(IdleLandRules.assess(c, asOf: date("2026-01-01")) == nil)
}

@Test("work stopped with exactly one third developed is not idle")
func exactlyOneThird() {
    #expect(IdleLandRules.assess(stopped(developed: 10_000), asOf: date("2024-01-01")) == nil)
    // 100/3 as a Double lies just above the exact third, so it is not under.
    var c = stopped(developed: 100.0 / 3.0)
    c.totalArea = 100
    #expect(IdleLandRules.assess(c, asOf: date("2024-01-01")) == nil)
}

@Test("work stopped for a year and a day with just under one third developed is idle")
func justUnderOneThird() throws {
    #expect(IdleLandRules.assess(stopped(developed: 9_999.99), asOf: date("2023-06-01")) == nil)
    let v = try #require(IdleLandRules.assess(stopped(developed: 9_999.99), asOf: date("2023-06-02")))
    #expect(v.kind == .stopped)
    #expect(v.idleSince == date("2023-06-02"))
    #expect(v.fullYearsIdle == 1)
    #expect(v.idleFee == yuan("2400000"))
    #expect(v.reason.hasPrefix("Stopped: work started 2020-05-01 and stopped on 2022-06-01 with developed area"
        + " 9999.99 of 30000 m² (under one third); the first full year ended on 2023-06-01"))
    #expect(v.reason.contains("1 full year since the stop"))
    var fine = stopped(developed: 33.33333333333333)  // one ulp below 100/3
    fine.totalArea = 100
    #expect(IdleLandRules.assess(fine, asOf: date("2024-01-01")) != nil)
}

@Test("work stopped with exactly 25% invested is not idle, with 24.99% it is")
func investmentThreshold() throws {
    #expect(IdleLandRules.assess(stopped(invested: "2500000"), asOf: date("2024-06-02")) == nil)
    let v = try #require(IdleLandRules.assess(stopped(invested: "2499000"), asOf: date("2024-06-02")))
    #expect(v.kind == .stopped)
    #expect(v.fullYearsIdle == 2)
    #expect(v.mayRecoverWithoutCompensation)
    #expect(v.reason.contains("investment 2499000.00 of 10000000.00 yuan (under 25%)"))
    // One fen under a quarter is under.
    #expect(IdleLandRules.assess(stopped(invested: "2499999.99"), asOf: date("2024-06-02")) != nil)
}

@Test("either shortfall is enough, and with neither figure recorded the stopped rule cannot apply")
func eitherThreshold() {
    let areaOK = stopped(developed: 20_000, invested: "1000000")   // two thirds built, 10% invested
    #expect(IdleLandRules.assess(areaOK, asOf: date("2024-01-01"))?.kind == .stopped)
    let bothOK = stopped(developed: 20_000, invested: "5000000")
    #expect(IdleLandRules.assess(bothOK, asOf: date("2024-01-01")) == nil)
    #expect(IdleLandRules.assess(stopped(), asOf: date("2024-01-01")) == nil)
    var noTotal = stopped(developed: 100)
    noTotal.totalArea = nil
    #expect(IdleLandRules.assess(noTotal, asOf: date("2024-01-01")) == nil)
    var stopLater = stopped(developed: 100)
    stopLater.stoppedOn = date("2024-02-01")
    #expect(IdleLandRules.assess(stopLater, asOf: date("2024-01-01")) == nil)
}

@Test("a delay caused by the government is listed but owes no fee and cannot lead to recovery")
func governmentDelay() throws {
    var c = contract()
    c.delayCause = .government
    c.delayNote = "land handed over 8 months late"
    let v = try #require(IdleLandRules.assess(c, asOf: date("2025-06-01")))
    #expect(v.excluded)
    #expect(v.idleFee == nil)
    #expect(!v.mayRecoverWithoutCompensation)
    #expect(v.fullYearsIdle == 2)
    #expect(v.reason.contains("caused by the government (政府原因, Article 8): land handed over 8 months late"))
    #expect(v.reason.contains("the period is not counted, so no idle fee and no recovery"))
    #expect(IdleLandRules.assess(c, asOf: date("2024-03-01")) == nil)  // not idle yet, so not listed
}

@Test("a delay caused by force majeure is excluded in the same way")
func forceMajeure() throws {
    var c = stopped(developed: 5_000)
    c.delayCause = .forceMajeure
    let v = try #require(IdleLandRules.assess(c, asOf: date("2024-01-01")))
    #expect(v.kind == .stopped)
    #expect(v.excluded && v.idleFee == nil && !v.mayRecoverWithoutCompensation)
    #expect(v.reason.contains("caused by force majeure (不可抗力, Article 8);"))
}

@Test("verdicts and contracts encode their kinds, dates and money as text")
func verdictCodable() throws {
    let v = try #require(IdleLandRules.assess(contract(), asOf: date("2024-03-02")))
    let json = String(decoding: try JSONEncoder().encode(v), as: UTF8.self)
    #expect(json.contains(#""kind":"not_started""#))
    #expect(json.contains(#""idle_fee":"2400000.00""#))
    #expect(try JSONDecoder().decode(IdleVerdict.self, from: Data(json.utf8)) == v)
    var c = contract()
    c.delayCause = .forceMajeure
    let back = try JSONDecoder().decode(SupplyContract.self, from: try JSONEncoder().encode(c))
    #expect(back == c)
}
