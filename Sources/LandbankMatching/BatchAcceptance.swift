import Foundation
import LandbankRegistry

/// Reads a joint assignment to accept into the registry (`project assign --batch`, POST /api/projects/sites):
/// the answer of `match --batch --json` as it was printed, or any object with its `assignments` list. Each entry
/// needs `demand` (a project's id, or the id of the demand recorded on one) and `parcels` or `building`. With a
/// `building` the project takes floor space in it, `floor_space_m2` of it (default all that is vacant), and the
/// building's parcel, which `parcels` names, is not assigned (other buildings may stand on it). The other keys of the
/// answer (`score`, `area_mu`, `reasons`, `unserved`…) are read past. Every bad entry is listed, none accepted.
public enum BatchAcceptance {
    public static func read(_ data: Data, file: String) throws -> [SiteAssignment] {
        func fail(_ key: String?, _ why: String) -> MatchInputErrors {
            MatchInputErrors(file: file, errors: [MatchInputError(subject: "the batch answer", key: key, reason: why)])
        }
        let top: JSONTree
        do { top = try JSONTree.parse(data) } catch let e as JSONTreeError { throw fail(nil, e.reason) }
        guard case .object(let object) = top, let list = object["assignments"] else {
            throw fail("assignments", "missing: give the output of `landbank match --batch --json`")
        }
        guard case .array(let entries) = list else { throw fail("assignments", "must be a list, not \(list.kind)") }
        if entries.isEmpty { throw fail("assignments", "is empty: nothing to accept") }
        var errors: [MatchInputError] = []
        var out: [SiteAssignment] = []
        for (i, item) in entries.enumerated() {
            var subject = "assignment #\(i + 1)"
            func bad(_ key: String?, _ why: String) { errors.append(MatchInputError(subject: subject, key: key, reason: why)) }
            guard case .object(let e) = item else { bad(nil, "must be an object, not \(item.kind)"); continue }
            guard case .string(let demand)? = e["demand"], !demand.trimmingCharacters(in: .whitespaces).isEmpty else {
                bad("demand", "missing or not a text: name the project (or its demand's id)"); continue
            }
            subject += " (\(demand))"
            var a = SiteAssignment(project: demand)
            switch e["parcels"] {
            case nil, .null?: break
            case .array(let ids)?:
                for id in ids {
                    if case .string(let s) = id { a.parcels.append(s) } else { bad("parcels", "must be parcel ids (texts), not \(id.kind)") }
                }
            case let v?: bad("parcels", "must be a list of parcel ids, not \(v.kind)")
            }
            switch e["building"] {
            case nil, .null?: break
            case .string(let id)?: a.buildings = [id]
            case let v?: bad("building", "must be a building id (text) or null, not \(v.kind)")
            }
            switch e["floor_space_m2"] {
            case nil, .null?: break
            case .number(let m2)? where m2 > 0 && m2.isFinite: a.floorSpaceM2 = m2
            case .number(let m2)?: bad("floor_space_m2", "must be a positive number of m², not \(m2)")
            case let v?: bad("floor_space_m2", "must be a number of m², not \(v.kind)")
            }
            if !a.buildings.isEmpty { a.parcels = [] }
            if a.floorSpaceM2 != nil && a.buildings.isEmpty { bad("floor_space_m2", "is for a building; this assignment has none") }
            if a.parcels.isEmpty && a.buildings.isEmpty { bad(nil, "assigns no site (give parcels or building)") }
            out.append(a)
        }
        if !errors.isEmpty { throw MatchInputErrors(file: file, errors: errors) }
        return out
    }
}
