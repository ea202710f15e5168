import Foundation
import LandbankLifecycle

/// Investment projects in the registry: records, stage changes through `ProjectTransitions`, histories.
extension Registry {
    /// One project with the stage its history leads to, or nil.
    public func project(id: String) throws -> Project? {
        try store.read { try $0.projects(id: id).first }
    }

    /// Every project, by id.
    public func projects() throws -> [Project] {
        try store.read { try $0.projects(id: nil) }
    }

    /// A project's history, oldest first.
    public func projectHistory(id: String) throws -> [ProjectEvent] {
        try store.read { r in
            guard try !r.projects(id: id).isEmpty else { throw ProjectError(id, "no such project in the registry", .notFound) }
            return try r.projectEvents(of: id)
        }
    }

    /// Adds a new project and, when `stage` is given, its first history event, in one transaction.
    @discardableResult
    public func addProject(_ p: Project, stage: ProjectStage?, on date: CivilDate, by recordedBy: String,
                           note: String? = nil) throws -> Project {
        try Self.checkRecord(p, path: path)
        return try store.write { w in
            guard try w.projects(id: p.id).isEmpty else {
                throw ProjectError(p.id, "is already in the registry; change its stage with `project stage`, or import a file that restates it")
            }
            try w.putProject(p)
            if let stage {
                _ = try Self.appendStage(NewProjectEvent(projectID: p.id, date: date, stage: stage, recordedBy: recordedBy, note: note), in: w)
            }
            return try w.projects(id: p.id)[0]
        }
    }

    /// Records a stage change (or a correction) after checking it against `ProjectTransitions`.
    @discardableResult
    public func recordStage(_ e: NewProjectEvent) throws -> ProjectEvent {
        try store.write { w in try Self.appendStage(e, in: w) }
    }

    /// Whether the projects' hash-chained history is intact: the problems found, none when it is.
    public func verifyProjectHistory() throws -> [String] {
        try store.read { try $0.projectChainProblems() }
    }

    /// The rules for one stage event, inside the caller's transaction: the project exists, someone records it,
    /// it is not dated before the last event, an ordinary change follows the transitions and a correction says
    /// why. The cached stage follows the history (its last event by date, then id).
    static func appendStage(_ e: NewProjectEvent, in w: any StoreWriter) throws -> ProjectEvent {
        func refuse(_ why: String) -> ProjectError { ProjectError(e.projectID, why) }
        guard try !w.projects(id: e.projectID).isEmpty else {
            throw ProjectError(e.projectID, "no such project in the registry", .notFound)
        }
        guard !e.recordedBy.trimmingCharacters(in: .whitespaces).isEmpty else { throw refuse("say who records the stage change") }
        // The last stage-bearing event, one index seek, not the whole history (a project given many sites).
        let last = try w.lastStageEvent(of: e.projectID)
        if let last, e.date < last.date {
            throw refuse("dated \(e.date), before the last stage change of \(last.date) (#\(last.id)); history is kept in date order")
        }
        if e.isCorrection {
            guard e.note?.trimmingCharacters(in: .whitespaces).isEmpty == false else {
                throw refuse("a correction must say what was wrong (a note)")
            }
            if let c = e.corrects, try w.projectEvent(id: c).map({ $0.projectID == e.projectID && $0.kind.countsForStage }) != true {
                throw refuse("event #\(c) is not in this project's history")
            }
        } else if e.kind == .stage, let why = ProjectTransitions.refusal(from: last?.stage, to: e.stage) {
            throw refuse(why)
        }
        let added = try w.appendProjectEvent(e)
        try w.setProjectStage(e.projectID, added.stage)
        return added
    }

    /// A project record's own checks: an id and a name, no NUL (SQLite would keep only part of the text).
    static func checkRecord(_ p: Project, path: String) throws {
        guard !p.id.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw RegistryError(path: path, kind: .invalidArgument, "a project needs an id")
        }
        guard !p.name.trimmingCharacters(in: .whitespaces).isEmpty else { throw ProjectError(p.id, "needs a name", .invalidInput) }
        let texts = [p.id, p.name, p.investor, p.industry, p.team, p.zone, p.demandJSON].compactMap { $0 }
        if texts.contains(where: { $0.unicodeScalars.contains("\u{0}") }) {
            throw ProjectError(p.id, "holds a NUL character (\\u0000); landbank keeps text whole or not at all", .invalidInput)
        }
        if let d = p.demandJSON {
            guard let o = try? JSONSerialization.jsonObject(with: Data(d.utf8)), o is [String: Any] else {
                throw ProjectError(p.id, "its demand is not a JSON object", .invalidInput)
            }
        }
    }
}
