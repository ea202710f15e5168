import Foundation
@testable import LandbankRegistry

/// A project for the tests: promised investment 1000万元, output 2000万元, tax 100万元, 100 jobs; production by
/// 2023-06-30 and the figures by 2024-06-30.
func sampleProject(_ id: String, cause: ShortfallCause? = nil, tenants: Int? = nil, figuresBy: CivilDate? = CivilDate("2024-06-30")) -> Project {
    Project(id: id, name: "项目 \(id)", industry: "lithium_battery", team: "new_energy", zone: "高新区", cause: cause,
            agreement: ProjectAgreement(investment: Money(yuan: "10000000"), annualOutput: Money(yuan: "20000000"),
                                        annualTax: Money(yuan: "1000000"), jobs: 100, tenants: tenants,
                                        landBy: CivilDate("2021-12-31"), startBy: CivilDate("2022-06-30"),
                                        productionBy: CivilDate("2023-06-30"), figuresBy: figuresBy))
}

func day(_ s: String) -> CivilDate { CivilDate(s)! }

/// Writes `text` to a new file in a fresh folder and returns its path.
func writeFile(_ name: String, _ text: String) throws -> String {
    let path = try scratchDirectory() + "/" + name
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
}

extension Registry {
    /// Adds a project signed on `signed` and moved on through `stages`.
    func addSigned(_ p: Project, signed: String, then stages: [(ProjectStage, String)] = []) throws {
        try addProject(p, stage: .signed, on: day(signed), by: "test")
        for (s, d) in stages { try recordStage(NewProjectEvent(projectID: p.id, date: day(d), stage: s, recordedBy: "test")) }
    }
}
