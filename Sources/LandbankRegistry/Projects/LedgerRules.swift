import LandbankLifecycle

/// How one signed project stands against its agreement on a date. Store-agnostic: it sees the project, its
/// history, actuals and incentives, and nothing else.
///
/// - met: recorded as met (met_agreement), or every promised figure reached;
/// - never landed: recorded so, terminated with nothing invested, or signed with nothing invested and the date
///   to land (else to start) passed;
/// - short: in breach, terminated after investing, or a milestone missed: not building after the start deadline,
///   not producing after the production deadline, or short of a promised figure after the figures deadline;
/// - building: the rest — within its time, up to and including a deadline's own day (missed the day after).
/// The delay shown (and weighed by the response) is the longest of the missed milestones: "two years past the
/// production deadline". Investment counts cumulatively over the years reported; output, tax, jobs, firms and
/// floor space are those of the latest year reported. Events, actuals and incentives after the date are ignored.
enum LedgerRules {
    static let severeDays = 730

    static func entry(_ p: Project, events: [ProjectEvent], actuals: [ProjectActual], incentives: [ProjectIncentive],
                      idle: [String: IdleVerdict] = [:], asOf: CivilDate) -> LedgerEntry? {
        let known = events.filter { $0.date <= asOf }
        guard let signedOn = signedDate(known), let stage = known.last(where: \.kind.countsForStage)?.stage else { return nil }
        let years = actuals.filter { $0.year <= asOf.year }.sorted { $0.year < $1.year }
        let invested = years.compactMap(\.investment).reduce(Money.zero, +)
        let shortfalls = Self.shortfalls(p.agreement, invested: invested, latest: years)
        let a = p.agreement
        let landBy = [("land", a.landBy), ("start", a.startBy)].first { $0.1 != nil }.map { ($0.0, $0.1!) }
        let reached = PipelineRules.furthest(known)
        let notStarted = reached < ProjectStage.building.step! && invested == .zero
        let missed = [("start", a.startBy, reached < ProjectStage.building.step!),
                      ("production", a.productionBy, reached < ProjectStage.producing.step!),
                      ("figures", a.figuresBy, !shortfalls.isEmpty)]
            .compactMap { name, date, unmet -> Overdue? in
                guard unmet, let date, date < asOf else { return nil }
                return Overdue(deadline: name, date: date, days: asOf.days(from: date))
            }
            .max { $0.days < $1.days }

        var c: LedgerClass
        var overdue: Overdue?
        if stage == .metAgreement || (shortfalls.isEmpty && stage != .neverLanded && stage != .terminated && stage != .inBreach) {
            c = .met
        } else if stage == .neverLanded || (stage == .terminated && invested == .zero) {
            c = .neverLanded
            overdue = landBy.flatMap { d in d.1 < asOf ? Overdue(deadline: d.0, date: d.1, days: asOf.days(from: d.1)) : nil }
        } else if notStarted, let d = landBy, d.1 < asOf {
            c = .neverLanded
            overdue = Overdue(deadline: d.0, date: d.1, days: asOf.days(from: d.1))
        } else if stage != .inBreach && stage != .terminated && missed == nil {
            c = .building
        } else {
            c = .short
            overdue = missed
        }
        let inc = incentiveStatus(incentives.filter { $0.date <= asOf })
        var e = LedgerEntry(projectID: p.id, name: p.name, team: p.team, signedOn: signedOn, stage: stage, classification: c,
                            shortfalls: c == .met ? [] : shortfalls, overdue: overdue, incentives: inc)
        e.parcels = known.filter { $0.kind == .site }.flatMap(\.sites).filter { $0.hasPrefix("parcel:") }.map { String($0.dropFirst(7)) }
        e.idleLand = e.parcels.compactMap { id in
            idle[id].flatMap { v in v.excluded ? nil : IdleLandNote(parcelID: id, mayRecoverWithoutCompensation: v.mayRecoverWithoutCompensation, reason: v.reason) }
        }
        (e.response, e.reason) = LedgerResponses.respond(p, e)
        return e
    }

    /// The date of the first event at or past signing (a project terminated before it never signed).
    static func signedDate(_ events: [ProjectEvent]) -> CivilDate? {
        events.first { $0.kind.countsForStage && $0.stage.isSignedStage }?.date
    }

    static func shortfalls(_ a: ProjectAgreement, invested: Money, latest years: [ProjectActual]) -> [Shortfall] {
        func last<T>(_ k: KeyPath<ProjectActual, T?>) -> T? { years.last { $0[keyPath: k] != nil }?[keyPath: k] }
        func percent(_ actual: Double, _ promised: Double) -> Int { promised > 0 ? Int((actual * 100 / promised).rounded(.down)) : 100 }
        func money(_ name: String, _ promised: Money?, _ actual: Money?) -> Shortfall? {
            guard let promised, promised.fen > 0 else { return nil }
            let got = actual ?? .zero
            guard got < promised else { return nil }
            // Integer percent, rounded down, without floating point.
            return Shortfall(figure: name, promised: promised.yuanText, actual: got.yuanText, percent: Int(got.fen * 100 / promised.fen))
        }
        func count(_ name: String, _ promised: Int?, _ actual: Int?) -> Shortfall? {
            guard let promised, promised > 0, (actual ?? 0) < promised else { return nil }
            return Shortfall(figure: name, promised: String(promised), actual: String(actual ?? 0), percent: (actual ?? 0) * 100 / promised)
        }
        var out = [money("investment", a.investment, invested), money("output", a.annualOutput, last(\.output)),
                   money("tax", a.annualTax, last(\.tax)), count("jobs", a.jobs, last(\.jobs)),
                   count("tenants", a.tenants, last(\.tenants))].compactMap { $0 }
        if let promised = a.floorSpaceM2, promised > 0, (last(\.floorSpaceM2) ?? 0) < promised {
            let got = last(\.floorSpaceM2) ?? 0
            out.append(Shortfall(figure: "floor_space", promised: "\(promised)", actual: "\(got)", percent: percent(got, promised)))
        }
        return out
    }

    static func incentiveStatus(_ items: [ProjectIncentive]) -> IncentiveStatus {
        let promised = items.filter { $0.kind == .promised }.map(\.amount).reduce(Money.zero, +)
        let paid = items.filter { $0.kind == .paid }.map(\.amount).reduce(Money.zero, +)
        let state: IncentiveStatus.State = promised == .zero ? .nonePromised : paid >= promised ? .fullyPaid : .notFullyPaid
        return IncentiveStatus(promised: promised, paid: paid, state: state)
    }
}
