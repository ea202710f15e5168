import Foundation
import Testing
@testable import LandbankMatching

@Suite("Reading demands")
struct DemandReaderTests {
    func errors(_ json: String) -> [String] {
        do { _ = try DemandReader.read(Data(json.utf8), file: "d.json"); return [] } catch let e as MatchInputErrors {
            return e.lines
        } catch { return ["\(error)"] }
    }

    @Test("a full demand is read with every key")
    func full() throws {
        let d = try Layouts.demand("""
            {"id": "D-1", "name": "电芯", "industry": "锂电池", "wants": "either", "land_mu": {"min": 80, "max": 120},
             "floor_space_m2": {"min": 20000}, "clear_height_m": 8, "floor_load_kn_m2": 10, "power_kva": 2000, "crane_t": 5,
             "near": {"lon": 114.95, "lat": 27.8, "max_km": 10}, "zones": ["马洪片区"], "max_land_price_yuan_per_mu": 300000,
             "max_rent_yuan_m2_month": 15, "available_by": "2025-10-01", "investment_yuan": 600000000,
             "annual_tax_yuan": 20000000, "annual_output_yuan": 900000000, "energy_tce_per_year": 30000, "plot_ratio": 1.2,
             "prefer": {"nearer": 2, "area_fit": 1, "zones": {"马洪片区": 3}}}
            """)
        #expect(d.industry == .lithiumBattery && d.wants == .either && d.landMu == Demand.Bounds(min: 80, max: 120))
        #expect(d.near == Demand.Near(lon: 114.95, lat: 27.8, maxKm: 10) && d.prefer.zones == ["马洪片区": 3])
        #expect(d.availableBy?.description == "2025-10-01" && d.craneT == 5)
    }

    @Test("each bad demand is named with its key, and every one of them is listed")
    func bad() {
        let lines = errors("""
            [{"id": "A", "land_mu": {"min": 120, "max": 80}},
             {"id": "B", "clear_hieght_m": 8},
             {"id": "C", "power_kva": "2000"},
             {"id": "D", "prefer": {"nearer": 0}, "near": {"lon": 114.9, "lat": 27.8, "max_km": 5}},
             {"id": "E", "industry": "bitcoin_mining"},
             {"id": "F", "land_mu": {"min": 10}},
             {"name": "no id"},
             {"id": "F", "wants": "land"}]
            """)
        #expect(lines.count == 7)
        #expect(lines[0] == "d.json: demand A: land_mu: min 120 mu is above max 80 mu")
        #expect(lines[1].hasPrefix("d.json: demand B: clear_hieght_m: unknown key"))
        #expect(lines[2] == "d.json: demand C: power_kva: must be a number, not a string")
        #expect(lines[3] == "d.json: demand D: prefer.nearer: a weight must be a positive number, not 0")
        #expect(lines[4].hasPrefix("d.json: demand E: industry: unknown industry code \"bitcoin_mining\""))
        #expect(lines[5] == "d.json: demand #7 (no id): id: is missing")
        #expect(lines[6] == "d.json: demand F: id: repeats demand #6's id")
    }

    @Test("a boolean is not a number, a weight must be positive, a wish needs what it fits")
    func types() {
        #expect(errors(#"{"id": "X", "crane_t": true}"#) == ["d.json: demand X: crane_t: must be a number, not a boolean"])
        #expect(errors(#"{"id": "X", "prefer": {"zones": {"A": -1}}}"#) == ["d.json: demand X: prefer.zones.A: a weight must be a positive number, not -1"])
        #expect(errors(#"{"id": "X", "prefer": {"nearer": 1}}"#).first?.contains("prefer.nearer: needs a near point") == true)
        #expect(errors(#"{"id": "X", "near": {"lon": 114.9, "lat": 27.8}}"#) == ["d.json: demand X: near.max_km: is missing"])
        #expect(errors("[]") == ["d.json: the file: holds no demand"])
        #expect(errors("{").first?.hasPrefix("d.json: the file: not valid JSON") == true)
    }

    @Test("the registry's checks join the reader's: every bad demand listed once, in the file's order")
    func checked() {
        var lines: [String] = []
        do {
            _ = try DemandReader.read(Data("""
                [{"id": "A", "land_mu": {"min": 9, "max": 1}}, {"id": "B", "zones": ["月球"]}, {"id": "C"}, {"id": "A"}]
                """.utf8), file: "d.json") { d in
                d.zones == ["月球"] ? MatchInputError(subject: "demand \(d.id)", key: "zones[0]", reason: "unknown zone") : nil
            }
        } catch let e as MatchInputErrors { lines = e.lines } catch { lines = ["\(error)"] }
        #expect(lines == ["d.json: demand A: land_mu: min 9 mu is above max 1 mu", "d.json: demand B: zones[0]: unknown zone"])
    }
}
