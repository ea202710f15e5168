import LandbankLifecycle

/// Which buildings a site search returns: the building criteria, the building's own status, its parcel's zone
/// and status, a parcel, a point to be near. Every filter set must hold (AND). Results are nearest first with
/// `near`, else by building id; `limit` and `pageToken` page through them as for parcels.
public struct BuildingQuery: Sendable {
    public var criteria: BuildingCriteria
    /// The building's own status.
    public var status: ParcelStatus?
    /// Any of these statuses of the building's own (none: no building); with `status` both hold.
    public var statuses: [ParcelStatus]?
    public var parcelZone: String?
    public var parcelStatus: ParcelStatus?
    public var parcelID: String?
    public var near: NearPoint?
    public var limit: Int?
    public var pageToken: String?

    public init(criteria: BuildingCriteria = BuildingCriteria(), status: ParcelStatus? = nil, parcelZone: String? = nil,
                parcelStatus: ParcelStatus? = nil, parcelID: String? = nil, near: NearPoint? = nil, limit: Int? = nil,
                pageToken: String? = nil) {
        self.criteria = criteria
        self.status = status
        self.parcelZone = parcelZone
        self.parcelStatus = parcelStatus
        self.parcelID = parcelID
        self.near = near
        self.limit = limit
        self.pageToken = pageToken
    }

    var sort: ParcelSort { near == nil ? .parcelID : .distance }


    var problem: String? {
        if let limit, limit < 0 { return "limit \(limit) is below 0" }
        return near?.problem
    }
}
