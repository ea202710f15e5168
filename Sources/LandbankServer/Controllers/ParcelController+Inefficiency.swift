import Foundation
import Hummingbird
import LandbankLifecycle
import LandbankRegistry

/// The body of POST /api/parcels/{id}/inefficient and …/inefficient/lift: what `landbank inefficient --confirm`
/// and `--lift` take. Who records it is the token's name, never a field of the body.
struct InefficiencyMarkBody: Decodable, Sendable {
    var date: String
    /// e.g. "grade D 2024, policy 新余高新区…" (a grading's proposal gives it).
    var basis: String
    var note: String?
}

/// The inefficient-land mark (低效用地认定) and its lifting, by a clerk, as events in the parcel's history.
extension ParcelController {
    /// POST /api/parcels/{id}/inefficient with `If-Match`: confirms the parcel as inefficient land.
    @Sendable func markInefficient(_ request: Request, context: AppContext) async throws -> Response {
        try await changeMark(request, context, lift: false)
    }

    /// POST /api/parcels/{id}/inefficient/lift with `If-Match`: lifts the mark.
    @Sendable func liftInefficient(_ request: Request, context: AppContext) async throws -> Response {
        try await changeMark(request, context, lift: true)
    }

    func changeMark(_ request: Request, _ context: AppContext, lift: Bool) async throws -> Response {
        try context.caller.require(.write)
        _ = try QueryParameters(request, allowed: [])
        let id = try context.parameters.require("id")
        let ifMatch = try IfMatch(request, prefix: "e", resource: "/api/parcels/\(id)")
        let body = try await request.decode(as: InefficiencyMarkBody.self, context: context)
        guard let day = CivilDate(body.date) else {
            throw APIError(.unprocessableContent, kind: "invalid_input", "date: \"\(body.date.prefix(40))\" is not a date YYYY-MM-DD")
        }
        guard !body.basis.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw APIError(.unprocessableContent, kind: "invalid_input", "basis: say on what basis, e.g. \"grade D 2024, policy …\"")
        }
        let registry = self.registry, by = context.caller.name ?? "api"
        do {
            let e = try await Blocking.run {
                // The version is compared inside the write's transaction: no writer can come between.
                lift ? try registry.liftInefficient(parcelID: id, date: day, basis: body.basis, recordedBy: by, note: body.note,
                                                    expectedVersion: ifMatch.version)
                     : try registry.markInefficient(parcelID: id, date: day, basis: body.basis, recordedBy: by, note: body.note,
                                                    expectedVersion: ifMatch.version)
            }
            return try created(e, parcel: id)
        } catch is VersionConflict {
            return try await stale(id, ifMatch, context)
        }
    }
}
