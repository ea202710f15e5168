import Foundation
import Hummingbird
import LandbankLifecycle
import LandbankRegistry

/// Parcels: the `list` search paged with a cursor, one parcel with its ETag, its history, and recording an event.
struct ParcelController {
    let registry: Registry
    let config: ServerConfig
    let writes: WriteGate

    func add(to group: RouterGroup<AppContext>) {
        group.get("parcels", use: list)
        group.get("parcels/{id}", use: detail)
        group.get("parcels/{id}/history", use: history)
        group.post("parcels/{id}/events", use: record)
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
    /// the token's name. A stale `If-Match` is refused with 409 and the parcel's current version.
    @Sendable func record(_ request: Request, context: AppContext) async throws -> Response {
        try context.caller.require(.write)
        _ = try QueryParameters(request, allowed: [])
        let id = try context.parameters.require("id")
        guard let ifMatch = request.headers[.ifMatch] else {
            throw APIError(.init(code: 428, reasonPhrase: "Precondition Required"), kind: "precondition_required",
                           "send If-Match with the ETag of GET /api/parcels/\(id), so that no change is made over one you have not seen")
        }
        let body = try await request.decode(as: EventBody.self, context: context)
        let event = try body.event(subject: Subject(.parcel, id), by: context.caller.name ?? "api")
        let registry = self.registry
        let outcome = try await writes.serialised { () -> RecordOutcome in
            guard let (detail, version) = try Self.current(registry, id) else { return .missing }
            guard ETagList(ifMatch).matches(version.etag) else { return .stale(detail, version) }
            return .recorded(try registry.record(event))
        }
        switch outcome {
        case .missing: throw APIError.notFound("no parcel with id \"\(id)\"")
        case .stale(let detail, let version):
            var headers = HTTPFields()
            headers[.eTag] = version.etag
            let current: JSONAny = context.caller.seesPublishedOnly ? .null : try JSONResponse.raw(detail)
            return APIError(.conflict, kind: "conflict",
                            "parcel \(id) changed since the version you sent (\(ifMatch.prefix(40))); its current version is \(version.etag): look at it and try again",
                            extra: ["current": .object(["etag": .string(version.etag), "parcel": current])]).response.with(headers)
        case .recorded(let e):
            var headers = HTTPFields()
            headers[.eTag] = ParcelVersion(lastEvent: e.id).etag
            headers[.location] = "/api/parcels/\(id)/history"
            return try JSONResponse.make(e, status: .created, headers: headers)
        }
    }

    enum RecordOutcome: Sendable {
        case missing
        case stale(ParcelDetail, ParcelVersion)
        case recorded(HistoryEvent)
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
        let last = try registry.history(of: Subject(.parcel, id)).map(\.id).max() ?? 0
        return (detail, ParcelVersion(lastEvent: last))
    }
}

/// A parcel's version: every change to a parcel (status, contract, geometry, an edit outside landbank) appends
/// an event to its append-only history, so the newest event's number identifies what the parcel is now.
struct ParcelVersion: Sendable, Equatable {
    var lastEvent: Int64
    var etag: String { "\"e\(lastEvent)\"" }
}

/// An `If-Match` header: a list of entity tags, or `*`.
struct ETagList {
    let tags: [String]
    init(_ header: String) {
        tags = header.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
    }
    /// Strong comparison (RFC 9110 §13.1.1): a weak tag never matches for a write.
    func matches(_ etag: String) -> Bool { tags.contains("*") || tags.contains(etag) }
}

extension Response {
    func with(_ extra: HTTPFields) -> Response {
        var r = self
        for f in extra { r.headers[f.name] = f.value }
        return r
    }
}
