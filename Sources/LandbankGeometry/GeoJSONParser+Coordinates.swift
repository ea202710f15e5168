/// Coordinates as read, before the geometry type says what their nesting means: `coordinates` may come before
/// `type`, so arrays are recorded by nesting level and interpreted at the end of the geometry object.
/// Kept in the parser and reused from feature to feature.
struct RawCoordinates {
    /// The arrays that are not positions at one nesting level (0 is `coordinates` itself), in the order they close.
    struct Level {
        /// The number of points read when each array closed: its points end there.
        var pointEnds: [Int] = []
        /// The number of arrays one level down when each array closed: its children end there.
        var childEnds: [Int] = []
        var starts: [SourceLocation] = []
    }

    /// The deepest level an array that is not a position can have: a MultiPolygon's rings.
    static let deepestArrayLevel = 2

    var points: [Point] = []
    var levels = [Level](repeating: Level(), count: deepestArrayLevel + 1)
    var minPositionLevel = Int.max
    var maxPositionLevel = Int.min
    /// The first problem met while reading, e.g. a position of one number.
    var problem: (reason: String, location: SourceLocation)?
    var start = SourceLocation(line: 0, column: 0)

    mutating func removeAll() {
        points.removeAll(keepingCapacity: true)
        for l in levels.indices {
            levels[l].pointEnds.removeAll(keepingCapacity: true)
            levels[l].childEnds.removeAll(keepingCapacity: true)
            levels[l].starts.removeAll(keepingCapacity: true)
        }
        minPositionLevel = .max
        maxPositionLevel = .min
        problem = nil
    }

    mutating func note(_ reason: String, at location: SourceLocation) {
        if problem == nil { problem = (reason, location) }
    }
}

enum PolygonalKind {
    case polygon, multiPolygon
}

/// A problem found in one feature, placed in the text; the reader finishes the feature before throwing it.
struct LocatedProblem: Error {
    var reason: GeoJSONReadError.Reason
    var location: SourceLocation
}

extension GeoJSONParser {
    /// Reads the value of a `coordinates` member into `raw`.
    mutating func readCoordinates() throws(JSONScanner.Failure) {
        raw.removeAll()
        guard try scanner.peek() == UInt8(ascii: "[") else { throw scanner.unexpected("an array of coordinates") }
        raw.start = scanner.location
        try readCoordinateArray(level: 0)
    }

    /// Reads the array at `pos`: a position (numbers) or an array of arrays, `level` deep inside `coordinates`.
    private mutating func readCoordinateArray(level: Int) throws(JSONScanner.Failure) {
        let start = scanner.location
        scanner.pos += 1
        switch try scanner.peek() {
        case UInt8(ascii: "["):
            guard level <= RawCoordinates.deepestArrayLevel else {
                raw.note("arrays nested deeper than a MultiPolygon's", at: start)
                repeat { try scanner.skipValue() } while try scanner.nextElement()
                return
            }
            raw.levels[level].starts.append(start)
            repeat {
                guard try scanner.peek() == UInt8(ascii: "[") else {
                    throw scanner.unexpected("'[' (every element here is an array)")
                }
                try readCoordinateArray(level: level + 1)
            } while try scanner.nextElement()
            closeArray(level: level)
        case UInt8(ascii: "]"):
            scanner.pos += 1
            guard level <= RawCoordinates.deepestArrayLevel else {
                raw.note("a position has no numbers", at: start)
                return
            }
            raw.levels[level].starts.append(start)
            closeArray(level: level)
        default:
            let x = try scanner.readDouble()
            guard try scanner.nextElement() else {
                raw.note("a position has one number; it needs x and y", at: start)
                return
            }
            let y = try scanner.readDouble()
            while try scanner.nextElement() {
                _ = try scanner.readDouble()  // z or m: ignored
            }
            // Past the limit the points are still read, to stay in step with the text, but no longer kept.
            guard raw.points.count < FeatureLimits.featurePoints else {
                raw.note(GeometryError(.tooLarge(what: "points in one feature", limit: FeatureLimits.featurePoints)).description, at: start)
                return
            }
            raw.points.append(Point(x: x, y: y))
            if level < raw.minPositionLevel { raw.minPositionLevel = level }
            if level > raw.maxPositionLevel { raw.maxPositionLevel = level }
        }
    }

    private mutating func closeArray(level: Int) {
        raw.levels[level].pointEnds.append(raw.points.count)
        let below = level < RawCoordinates.deepestArrayLevel ? raw.levels[level + 1].pointEnds.count : 0
        raw.levels[level].childEnds.append(below)
    }
}

extension RawCoordinates {
    /// The coordinates read as a geometry of `kind`; rings are built through `Ring`, so their invariants hold.
    func geometry(as kind: PolygonalKind) -> Result<Geometry, LocatedProblem> {
        if let p = problem { return .failure(LocatedProblem(reason: .malformedCoordinates(p.reason), location: p.location)) }
        let positionLevel = kind == .polygon ? 2 : 3
        let shape = kind == .polygon ? "Polygon coordinates must be [[[x, y], ...], ...]"
            : "MultiPolygon coordinates must be [[[[x, y], ...], ...], ...]"
        let positionsMisplaced = !points.isEmpty && (minPositionLevel != positionLevel || maxPositionLevel != positionLevel)
        let arraysTooDeep = positionLevel <= RawCoordinates.deepestArrayLevel && !levels[positionLevel].starts.isEmpty
        if positionsMisplaced || arraysTooDeep || levels[0].starts.isEmpty {
            return .failure(LocatedProblem(reason: .malformedCoordinates(shape), location: start))
        }
        if let p = limitProblem(kind) { return .failure(p) }
        switch kind {
        case .polygon:
            let rings = ringRange(0..<levels[1].pointEnds.count, level: 1)
            do throws(GeometryError) {
                return .success(.polygon(try Polygon(rings: rings)))
            } catch {
                return .failure(placed(error, rings: levels[1], firstRing: 0, fallback: start))
            }
        case .multiPolygon:
            var polygons: [Polygon] = []
            polygons.reserveCapacity(levels[1].childEnds.count)
            var firstRing = 0
            for (k, ringEnd) in levels[1].childEnds.enumerated() {
                let rings = ringRange(firstRing..<ringEnd, level: 2)
                do throws(GeometryError) {
                    polygons.append(try Polygon(rings: rings))
                } catch {
                    return .failure(placed(error.inPolygon(k), rings: levels[2], firstRing: firstRing,
                                           fallback: levels[1].starts[k]))
                }
                firstRing = ringEnd
            }
            do throws(GeometryError) {
                return .success(.multiPolygon(try MultiPolygon(polygons)))
            } catch {
                return .failure(LocatedProblem(reason: .geometry(error), location: start))
            }
        }
    }

    /// The first ring, polygon or multipolygon with more than `FeatureLimits` allows, placed at its start.
    private func limitProblem(_ kind: PolygonalKind) -> LocatedProblem? {
        let ringLevel = kind == .polygon ? 1 : 2
        let rings = levels[ringLevel]
        var from = 0
        for (r, to) in rings.pointEnds.enumerated() {
            do throws(GeometryError) { try FeatureLimits.checkRing(points: to - from) } catch {
                return LocatedProblem(reason: .geometry(error), location: rings.starts[r])
            }
            from = to
        }
        // Rings per polygon: the children of each array one level up.
        let polygons = levels[ringLevel - 1]
        var firstRing = 0
        for (k, ringEnd) in polygons.childEnds.enumerated() {
            do throws(GeometryError) { try FeatureLimits.checkPolygon(rings: ringEnd - firstRing) } catch {
                return LocatedProblem(reason: .geometry(kind == .polygon ? error : error.inPolygon(k)), location: polygons.starts[k])
            }
            firstRing = ringEnd
        }
        if kind == .multiPolygon {
            do throws(GeometryError) { try FeatureLimits.checkMultiPolygon(parts: levels[1].childEnds.count) } catch {
                return LocatedProblem(reason: .geometry(error), location: start)
            }
        }
        return nil
    }

    /// The points of rings `range` at `level`.
    private func ringRange(_ range: Range<Int>, level: Int) -> [[Point]] {
        range.map { r in
            let from = r == 0 ? 0 : levels[level].pointEnds[r - 1]
            return Array(points[from..<levels[level].pointEnds[r]])
        }
    }

    /// The error placed at the start of its ring when it names one.
    private func placed(_ error: GeometryError, rings: Level, firstRing: Int, fallback: SourceLocation) -> LocatedProblem {
        let location = error.ring.map { rings.starts[firstRing + $0] } ?? fallback
        return LocatedProblem(reason: .geometry(error), location: location)
    }
}
