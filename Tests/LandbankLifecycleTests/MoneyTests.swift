/// Money: exact parsing and printing of yuan amounts, sums, percentages and JSON.
import Foundation
@testable import LandbankLifecycle
import Testing

private func yuan(_ text: String) -> Money {
    guard let m = Money(yuan: text) else { preconditionFailure("bad test amount \(text)") }
    return m
}

@Test("yuan amounts parse to exact fen")
func parsesYuan() {
    #expect(Money(yuan: "1234567.89")?.fen == 123_456_789)
    #expect(Money(yuan: "-20")?.fen == -2000)
    #expect(Money(yuan: "0.5")?.fen == 50)
    #expect(Money(yuan: "-0.50")?.fen == -50)
    #expect(Money(yuan: "0")?.fen == 0)
    #expect(Money(yuan: "-0")?.fen == 0)
}

@Test("0.1 yuan plus 0.2 yuan is exactly 0.30 yuan")
func noFloatingPoint() {
    #expect(yuan("0.1") + yuan("0.2") == yuan("0.30"))
    #expect((yuan("0.1") + yuan("0.2")).description == "0.30")
    #expect(yuan("0.3") - yuan("0.1") == yuan("0.2"))
    #expect(Money.zero + yuan("5") == yuan("5.00"))
}

@Test("amounts that are not strict decimal yuan are refused",
      arguments: ["1.234", "abc", "", "-", ".5", "5.", "+5", "1,000.00", "100元", " 1", "1 ", "1e3",
                  "--1", "1.2.3", "0x10", "１２"])
func refusesBadAmounts(text: String) {
    #expect(Money(yuan: text) == nil)
}

@Test("huge amounts parse up to Int64 fen and are refused beyond it")
func hugeAmounts() {
    // Int64.max = 9223372036854775807 fen = 92233720368547758.07 yuan.
    #expect(Money(yuan: "92233720368547758.07")?.fen == Int64.max)
    #expect(Money(yuan: "92233720368547758.08") == nil)
    #expect(Money(yuan: "-92233720368547758.07")?.fen == -Int64.max)
    #expect(Money(yuan: "99999999999999999999") == nil)
    #expect(Money(fen: Int64.max).description == "92233720368547758.07")
    #expect(Money(fen: Int64.min).description == "-92233720368547758.08")
}

@Test("amounts print with two decimals and a minus sign, and read back unchanged")
func prints() {
    #expect(Money(fen: 123_456_789).description == "1234567.89")
    #expect(Money(fen: -50).yuanText == "-0.50")
    #expect(Money(fen: -5).yuanText == "-0.05")
    #expect(Money(fen: 0).yuanText == "0.00")
    #expect(Money(fen: 1_200_000_000).yuanText == "12000000.00")
    for fen: Int64 in [0, 1, -1, 99, 100, -101, 123_456_789, Int64.max, -Int64.max] {
        #expect(Money(yuan: Money(fen: fen).yuanText)?.fen == fen)
    }
}

@Test("20% of 123.46 yuan is 24.69 and of 0.03 yuan is 0.01: rounded half away from zero to the fen")
func percentRounding() {
    #expect(yuan("123.46").percent(20) == yuan("24.69"))   // 24.692
    #expect(yuan("0.03").percent(20) == yuan("0.01"))      // 0.006
    #expect(yuan("0.02").percent(20) == yuan("0.00"))      // 0.004
    #expect(yuan("0.05").percent(50) == yuan("0.03"))      // 0.025, half → away from zero
    #expect(yuan("-0.05").percent(50) == yuan("-0.03"))    // -0.025 → -0.03
    #expect(yuan("-123.46").percent(20) == yuan("-24.69")) // -24.692
    #expect(yuan("-0.03").percent(20) == yuan("-0.01"))    // -0.006
    #expect(yuan("12000000").percent(20) == yuan("2400000"))
    #expect(yuan("0.01").percent(100) == yuan("0.01"))
    #expect(yuan("0.01").percent(0) == .zero)
}

@Test("money orders by amount")
func moneyOrdering() {
    #expect(yuan("-1") < yuan("0.01"))
    #expect(yuan("9.99") < yuan("10"))
}

@Test("money is encoded in JSON as an exact string, and a bad one fails to decode")
func moneyCodable() throws {
    let data = try JSONEncoder().encode([yuan("1234567.89"), yuan("-0.5")])
    #expect(String(decoding: data, as: UTF8.self) == #"["1234567.89","-0.50"]"#)
    #expect(try JSONDecoder().decode([Money].self, from: data) == [yuan("1234567.89"), yuan("-0.5")])
    #expect(throws: DecodingError.self) {
        try JSONDecoder().decode([Money].self, from: Data(#"["1.234"]"#.utf8))
    }
    #expect(throws: DecodingError.self) {
        try JSONDecoder().decode([Money].self, from: Data("[12.5]".utf8))
    }
}
