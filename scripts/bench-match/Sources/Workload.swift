import Foundation
import LandbankMatching

/// The benchmark's points and its four single demands, whose only soft wish is nearness (so that the best ten
/// are the nearest ten, what the peers' ORDER BY distance LIMIT 10 returns).
enum Workload {
    struct Query: Sendable {
        var name: String
        /// Checked against the peers' nearest ten (false: the peers cannot join parcels).
        var checked: Bool
        var json: @Sendable (Double, Double) -> String
    }

    /// The lon/lat points of POINTS.tsv (one "lon<TAB>lat" a line), written by the script from bench_peers.spots so
    /// that the library and the peers ask about the same points.
    static func points(_ path: String) throws -> [(Double, Double)] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map { line in
            let f = line.split(separator: "\t").compactMap { Double($0) }
            guard f.count == 2 else { throw Failure("\(path): \"\(line)\" is not lon<TAB>lat") }
            return (f[0], f[1])
        }
    }

    static func near(_ lon: Double, _ lat: Double, _ km: Int) -> String {
        "\"near\":{\"lon\":\(lon),\"lat\":\(lat),\"max_km\":\(km)},\"prefer\":{\"nearer\":1}"
    }

    /// Names as bench_peers.MATCH_QUERIES spells them.
    static let queries: [Query] = [
        Query(name: "parcels 40-60 mu within 20 km nearest 10", checked: true) { lon, lat in
            "{\"id\":\"q1\",\"wants\":\"land\",\"land_mu\":{\"min\":40,\"max\":60},\(near(lon, lat, 20))}"
        },
        Query(name: "parcels 80-120 mu within 20 km (assembly)", checked: false) { lon, lat in
            "{\"id\":\"q2\",\"wants\":\"land\",\"land_mu\":{\"min\":80,\"max\":120},\(near(lon, lat, 20))}"
        },
        Query(name: "buildings >=20000 m2 vacant, >=8 m, >=2000 kVA within 30 km nearest 10", checked: true) { lon, lat in
            "{\"id\":\"q3\",\"wants\":\"floor_space\",\"floor_space_m2\":{\"min\":20000},\"clear_height_m\":8,\"power_kva\":2000,\(near(lon, lat, 30))}"
        },
        // bench_peers.GATE_DEMAND: the zones' gates (Fixtures/policies-xinyu.json) refuse chemicals in 高新东区 and
        // cap the area at investment / intensity gate elsewhere (50 mu in 马洪片区).
        Query(name: "parcels 40-60 mu within 20 km, zone gates, nearest 10", checked: true) { lon, lat in
            "{\"id\":\"q4\",\"wants\":\"land\",\"industry\":\"chemicals\",\"land_mu\":{\"min\":40,\"max\":60},"
                + "\"investment_yuan\":100000000,\"annual_tax_yuan\":20000000,\"annual_output_yuan\":500000000,"
                + "\"energy_tce_per_year\":10000,\"plot_ratio\":1.5,\(near(lon, lat, 20))}"
        },
    ]

    static func demand(_ json: String) throws -> Demand {
        try DemandReader.read(Data(json.utf8), file: "bench")[0]
    }
}

struct Failure: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}

struct LCG: RandomNumberGenerator {
    var s: UInt64
    mutating func next() -> UInt64 { s = s &* 6364136223846793005 &+ 1442695040888963407; return s }
}

func percentile(_ sorted: [Double], _ p: Double) -> Double {
    sorted[min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - 1)]
}

func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }
