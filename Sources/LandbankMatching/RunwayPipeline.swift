import Foundation
import LandbankLifecycle
import LandbankRegistry

extension Runway {
    /// The runway of the registry's own pipeline (`Registry.pipelinePull` on `options.from`): each counted
    /// project's recorded demand, weighted by its chance to sign; the rates used come back in `pipeline`.
    /// `check` is asked about every demand (unknown zones and the like), as for a demand file.
    public static func measurePipeline(registry: Registry, book: PolicyBook, options: RunwayOptions = RunwayOptions(),
                                       check: (Demand) throws -> MatchInputError? = { _ in nil }) throws -> Runway {
        let pull = try registry.pipelinePull(asOf: options.from)
        var list: [(demand: Demand, weight: Double)] = []
        for p in pull.projects {
            let demands = try DemandReader.read(Data(p.demandJSON.utf8), file: "project \(p.id)'s demand", checking: check)
            list += demands.map { ($0, p.weight) }
        }
        var runway = try measure(weighted: list, registry: registry, book: book, options: options)
        runway.pipeline = pull
        return runway
    }
}
