import Hummingbird
import LandbankRegistry

/// GET /api/buildings: `landbank building list` — the building criteria, the building's own status, its
/// parcel's zone and status, one parcel, a point; paged like parcels. Answers `{"buildings": […], "next": …}`.
struct BuildingController {
    let registry: Registry
    let config: ServerConfig

    func add(to group: RouterGroup<AppContext>) {
        group.get("buildings", use: list)
    }

    @Sendable func list(_ request: Request, context: AppContext) async throws -> Response {
        try context.caller.require(.readPublished)
        let q = try QueryParameters(request, allowed: QueryParameters.buildingKeys.union(
            ["status", "zone", "parcel_status", "parcel_id", "near", "within_km", "limit", "page"]))
        let query = BuildingQuery(criteria: try q.buildingCriteria(), status: try q.status(), parcelZone: q.string("zone"),
                                  parcelStatus: try q.status("parcel_status"), parcelID: q.string("parcel_id"), near: try q.near(),
                                  limit: try q.int("limit", in: 1...config.maxPageSize) ?? config.pageSize, pageToken: q.string("page"))
        let registry = self.registry
        let page = try await Blocking.run { try registry.findBuildings(query) }
        let buildings: [JSONAny] = try context.caller.seesPublishedOnly
            ? page.hits.map { try PublishedView.keep($0, PublishedView.building) }
            : page.hits.map { try JSONResponse.raw($0) }
        return JSONResponse.object(["buildings": .array(buildings), "next": page.nextPageToken.map(JSONAny.string) ?? .null])
    }
}
