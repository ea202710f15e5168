import LandbankLifecycle

/// Seed 000's answers to a project that does not keep its agreement, in order:
/// 1. an industrial-park developer short of the firms it promised → press it with the agreement's breach clause
///    (and negotiate: bring firms in together);
/// 2. short because the market changed (cause `market`) → pause further incentives, visit, help it reach its
///    figures;
/// 3. the investor's own delay (cause `investor`, or no cause recorded) two years or more past the deadline, or
///    never landed that long, or on land the idle-land rules say may be recovered without compensation (two
///    full years idle under its supply contract) → land recovery or the inefficient-land list;
/// 4. otherwise past a deadline by the investor's own delay → legal steps for breach of the agreement.
/// Met and building projects need no response.
enum LedgerResponses {
    static func respond(_ p: Project, _ e: LedgerEntry) -> (LedgerResponse?, String?) {
        guard e.classification == .short || e.classification == .neverLanded else { return (nil, nil) }
        let late = e.overdue.map { "; " + $0.text } ?? ""
        if p.agreement.isParkDeveloper, let t = e.shortfalls.first(where: { $0.figure == "tenants" }) {
            return (.breachClause, "industrial-park developer: brought in \(t.actual) of the \(t.promised) firms promised (\(t.percent)%)\(late)")
        }
        let what = e.shortfalls.prefix(3).map(\.text).joined(separator: ", ")
        let held = e.incentives.state == .notFullyPaid
            ? "; \(ChineseAmount.text(e.incentives.promised - e.incentives.paid)) of incentives still unpaid are held back" : ""
        if p.cause == .market {
            return (.pauseIncentives, "short because the market changed (市场环境变化): \(what)\(late)\(held)")
        }
        let cause = p.cause == nil ? "no cause recorded, taken as the investor's own" : "the investor's own delay (企业自身原因)"
        let nothing = e.classification == .neverLanded ? "signed \(e.signedOn) and never landed" : what
        let idle = e.idleLand.map { "; parcel \($0.parcelID) is idle land: \($0.reason)" }.joined()
        if e.idleLand.contains(where: \.mayRecoverWithoutCompensation) {
            return (.landRecovery, "\(cause): \(nothing)\(late)\(idle)")
        }
        if (e.overdue?.days ?? 0) >= LedgerRules.severeDays {
            return (.landRecovery, "\(cause): \(nothing)\(late)\(idle); two years or more is a serious breach")
        }
        return (.legalSteps, "\(cause): \(nothing)\(late)\(idle)")
    }
}
