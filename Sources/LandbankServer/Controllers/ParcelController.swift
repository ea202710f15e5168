import Foundation
import Hummingbird
import LandbankLifecycle
import LandbankRegistry

/// Parcels: the `list` search paged with a cursor, one parcel with its ETag, its history, and recording an event.
struct ParcelController {
    let registry: Registry
    let config: ServerConfig

    func add(to group: RouterGroup<AppContext>) {
        group.get("parcels", use: list)
        group.get("parcels/{id}", use: detail)
        group.get("parcels/{id}/history", use: history)
        group.post("parcels/{id}/events", use: record)
        group.post("parcels/{id}/inefficient", use: markInefficient)
        group.post("parcels/{id}/inefficient/lift", use: liftInefficient)
    }

    /// GET /api/parcels: the filters of `landbank list`, `sort`, `limit` (default the config's page size) and
    /// `page` (the `next` of the previous page). Answers `{"parcels": […], "next": token or null}`.
    @Sendable func list(_ request: Request, context: AppContext) async throws -> Response {
        try context.caller.require(.readPublished)
        let q = try QueryParameters(request, allowed: QueryParameters.parcelFilterKeys.union(["sort", "limit", "page"]))
        var query = try q.parcelQuery()
        if let s = q.string("sort") {
            guard let sort = ParcelSort(rawValue: s) else { throw APIError.badRequest("sort: \"\(s.prefix(40))\" is not id, area or distance") }
            query.sort = sort
        }
        query.limit = try q.int("limit", in: 1...config.maxPageSize) ?? config.pageSize
        query.pageToken = q.string("page")
        let registry = self.registry, search = query
        let page = try await Blocking.run { try registry.findParcels(search) }
        let parcels: [JSONAny] = try context.caller.seesPublishedOnly
            ? page.hits.map { try PublishedView.keep($0, PublishedView.parcel) }
            : page.hits.map { try JSONResponse.raw($0) }
        return JSONResponse.object(["parcels": .array(parcels), "next": page.nextPageToken.map(JSONAny.string) ?? .null])
    }

    /// GET /api/parcels/{id}: what `show --json` prints, with `ETag` (the parcel's version: its latest event).
    @Sendable func detail(_ request: Request, context: AppContext) async throws -> Response {
        try context.caller.require(.readPublished)
        _ = try QueryParameters(request, allowed: [])
        let id = try context.parameters.require("id")
        let (detail, version) = try await current(id)
        var headers = HTTPFields()
        headers[.eTag] = version.etag
        if context.caller.seesPublishedOnly {
            return JSONResponse.object(["parcel": try PublishedView.keep(detail, PublishedView.detail, nested: ["parcel": PublishedView.parcel])], headers: headers)
        }
        let properties = Data(detail.parcel.properties.utf8)
        let valid = (try? JSONSerialization.jsonObject(with: properties)) != nil
        return JSONResponse.object(["parcel": try JSONResponse.raw(detail), "properties": valid ? .raw(properties) : .null,
                                    "etag": .string(version.etag)], headers: headers)
    }

    /// GET /api/parcels/{id}/history: every event, oldest first (who, when, money: not for the public).
    @Sendable func history(_ request: Request, context: AppContext) async throws -> Response {
        try context.caller.require(.readAll)
        _ = try QueryParameters(request, allowed: [])
        let id = try context.parameters.require("id")
        let registry = self.registry
        let events = try await Blocking.run { () -> [HistoryEvent]? in
            guard try registry.parcel(id: id) != nil else { return nil }
            return try registry.history(of: Subject(.parcel, id))
        }
        guard let events else { throw APIError.notFound("no parcel with id \"\(id)\"") }
        return try JSONResponse.make(["events": events])
    }

    /// POST /api/parcels/{id}/events with `If-Match`: records a status change as `landbank record` does, by
    /// the token's name. The library checks the version inside the write's transaction (`record(_:expectedVersion:)`),
    /// so no other writer, in this process or another, can slip in between; a stale `If-Match` is refused with
    /// 409 and the parcel's current version.
    @Sendable func record(_ request: Request, context: AppContext) async throws -> Response {
        try context.caller.require(.write)
        _ = try QueryParameters(request, allowed: [])
        let id = try context.parameters.require("id")
        let ifMatch = try IfMatch(request, prefix: "e", resource: "/api/parcels/\(id)")
        let body = try await request.decode(as: EventBody.self, context: context)
        let event = try body.event(subject: Subject(.parcel, id), by: context.caller.name ?? "api")
        let registry = self.registry
        do {
            let e = try await Blocking.run {
                if let v = ifMatch.version { return try registry.record(event, expectedVersion: v) }
                return try registry.record(event)
            }
            return try created(e, parcel: id)
        } catch is VersionConflict {
            return try await stale(id, ifMatch, context)
        }
    }

    /// A parcel event's 201: its version as the ETag, the history as its location.
    func created(_ e: HistoryEvent, parcel id: String) throws -> Response {
        var headers = HTTPFields()
        headers[.eTag] = VersionTag.parcel(e.id)
        headers[.location] = "/api/parcels/\(id)/history"
        return try JSONResponse.make(e, status: .created, headers: headers)
    }

    /// A parcel write's 409: the current version (ETag) and, for those who read everything, the parcel.
    func stale(_ id: String, _ ifMatch: IfMatch, _ context: AppContext) async throws -> Response {
        let (detail, version) = try await current(id)
        var headers = HTTPFields()
        headers[.eTag] = version.etag
        let current: JSONAny = context.caller.seesPublishedOnly ? .null : try JSONResponse.raw(detail)
        return APIError(.conflict, kind: "conflict",
                        "parcel \(id) changed since the version you sent (\(ifMatch.header.prefix(40))); its current version is \(version.etag): look at it and try again",
                        extra: ["current": .object(["etag": .string(version.etag), "parcel": current])]).response.with(headers)
    }

    func current(_ id: String) async throws -> (ParcelDetail, ParcelVersion) {
        let registry = self.registry
        guard let found = try await Blocking.run({ try Self.current(registry, id) }) else {
            throw APIError.notFound("no parcel with id \"\(id)\"")
        }
        return found
    }

    static func current(_ registry: Registry, _ id: String) throws -> (ParcelDetail, ParcelVersion)? {
        guard let detail = try registry.parcelDetail(id: id) else { return nil }
        guard let version = try registry.version(of: Subject(.parcel, id)) else { return nil }
        return (detail, ParcelVersion(lastEvent: version))
    }
}

/// A parcel's version: every change to a parcel (status, contract, geometry, an edit outside landbank) appends
/// an event to its append-only history, so the newest event's number identifies what the parcel is now.
struct ParcelVersion: Sendable, Equatable {
    var lastEvent: Int64
    var etag: String { VersionTag.parcel(lastEvent) }
}
