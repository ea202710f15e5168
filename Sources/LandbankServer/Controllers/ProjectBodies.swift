import LandbankLifecycle
import LandbankRegistry

/// The body of POST /api/projects/{id}/stage: what `landbank project stage` takes. Who records it is the token's name.
struct StageBody: Decodable, Sendable {
    var stage: String
    /// YYYY-MM-DD; today when absent.
    var date: String?
    var note: String?
    /// A correction of a stage recorded by mistake (it may go backwards and must say why in `note`).
    var correct: Bool?
    /// The event the correction puts right.
    var corrects: Int64?

    func event(project id: String, by recorder: String) throws -> NewProjectEvent {
        guard let s = ProjectStage(text: stage) else {
            throw APIError(.unprocessableContent, kind: "invalid_input", "stage: \"\(stage.prefix(40))\" is not a stage (\(ProjectController.stages))")
        }
        return NewProjectEvent(projectID: id, date: try BodyDate.read(date), stage: s, recordedBy: recorder, note: note,
                               isCorrection: correct ?? (corrects != nil), corrects: corrects)
    }
}

/// The body of POST /api/projects/{id}/sites: what `landbank project assign` takes.
struct SitesBody: Decodable, Sendable {
    var parcels: [String]?
    var buildings: [String]?
    /// m² the project takes in each building (default: all that is vacant).
    var floor_space_m2: Double?
    var date: String?
    var note: String?

    func day() throws -> CivilDate { try BodyDate.read(date) }
}

/// The optional members of POST /api/projects/sites beside the batch answer's `assignments`.
struct BatchExtras: Decodable, Sendable {
    var date: String?
    var note: String?
}

enum BodyDate {
    /// A body's `date`: YYYY-MM-DD, or today when absent.
    static func read(_ text: String?) throws -> CivilDate {
        guard let text else { return .today() }
        guard let d = CivilDate(text) else { throw APIError(.unprocessableContent, kind: "invalid_input", "date: \"\(text.prefix(40))\" is not a date YYYY-MM-DD") }
        return d
    }
}
