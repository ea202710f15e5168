import Foundation
import LandbankMatching
import LandbankRegistry

/// A pipeline of COUNT demands assigned jointly (`Matcher.assign`, what `match --batch` runs): time, objective,
/// status and greedy best-first's objective beside it.
///
/// The demands (LCG, seed 7) crowd a square of ±HALF/5 km around the grid's centre, so that they compete for
/// the same sites: half want 20-40 mu of land within 10 km, a fifth 40-60 mu within 15 km, a tenth 80-120 mu
/// within 15 km (joined parcels only), a fifth at least 5,000-20,000 m² of vacant floor space within 15 km;
/// each prefers nearer (and, for land, an area near the middle of its range).
enum Batch {
    static func demands(_ count: Int, halfKm: Double) throws -> [Demand] {
        var rng = LCG(s: 7)
        let h = halfKm / 5
        let dLat = h / 110.95, dLon = h / (111.32 * cos(27.8 * .pi / 180))
        return try (0..<count).map { i in
            let lon = 114.93 + Double.random(in: -dLon...dLon, using: &rng)
            let lat = 27.80 + Double.random(in: -dLat...dLat, using: &rng)
            let kind = Double.random(in: 0..<1, using: &rng)
            let near = { (km: Int) in "\"near\":{\"lon\":\(lon),\"lat\":\(lat),\"max_km\":\(km)}" }
            let body: String
            switch kind {
            case ..<0.5: body = "\"wants\":\"land\",\"land_mu\":{\"min\":20,\"max\":40},\(near(10)),\"prefer\":{\"nearer\":2,\"area_fit\":1}"
            case ..<0.7: body = "\"wants\":\"land\",\"land_mu\":{\"min\":40,\"max\":60},\(near(15)),\"prefer\":{\"nearer\":2,\"area_fit\":1}"
            case ..<0.8: body = "\"wants\":\"land\",\"land_mu\":{\"min\":80,\"max\":120},\(near(15)),\"prefer\":{\"nearer\":2,\"area_fit\":1}"
            default:
                let m2 = 5000 * Int.random(in: 1...4, using: &rng)
                body = "\"wants\":\"floor_space\",\"floor_space_m2\":{\"min\":\(m2)},\(near(15)),\"prefer\":{\"nearer\":1}"
            }
            return try Workload.demand("{\"id\":\"B\(i + 1)\",\(body)}")
        }
    }

    static func run(_ registry: Registry, count: Int, halfKm: Double) throws {
        let list = try demands(count, halfKm: halfKm)
        let t0 = now()
        let matcher = try Matcher(registry: registry)
        let answer = try matcher.assign(list)
        let seconds = now() - t0
        line(String(format: "landbank    match --batch %d demands: %.2f s, objective %.3f, status %@, greedy %.3f (%+.3f), %d assigned, %d unserved",
                     count, seconds, answer.objective, answer.status, answer.greedyObjective,
                     answer.objective - answer.greedyObjective, answer.assignments.count, answer.unserved.count))
    }
}
