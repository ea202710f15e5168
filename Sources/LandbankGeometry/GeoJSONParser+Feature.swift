/// What has been read of one feature so far; members come in any order.
struct FeatureDraft {
    var id: String?
    var properties: [JSONMember] = []
    var geometry: Geometry?
    /// The first problem that spoils this feature but not the document: thrown once the feature is read.
    var problem: LocatedProblem?

    mutating func note(_ reason: GeoJSONReadError.Reason, at location: SourceLocation) {
        if problem == nil { problem = LocatedProblem(reason: reason, location: location) }
    }
}

extension GeoJSONParser {
    /// Reads the Feature object at `pos` as feature `index`.
    mutating func readFeature(index: Int) throws(JSONScanner.Failure) -> Feature {
        var draft = FeatureDraft()
        do throws(JSONScanner.Failure) {
            guard try scanner.peek() == UInt8(ascii: "{") else { throw scanner.unexpected("a Feature object") }
            if try scanner.beginObject() {
                repeat {
                    try scanner.readKey()
                    if scanner.stringIs("type") {
                        try readType(expected: "Feature", into: &draft)
                    } else {
                        try readFeatureMember(into: &draft)
                    }
                } while try scanner.nextMember()
            }
        } catch {
            var e = error
            e.featureIndex = index
            e.featureID = draft.id
            throw e
        }
        return try feature(from: draft, index: index)
    }

    /// The feature, or the problem it had, thrown as recoverable: the reader stands at the next feature.
    func feature(from draft: FeatureDraft, index: Int) throws(JSONScanner.Failure) -> Feature {
        if let p = draft.problem {
            var e = scanner.error(p.reason, at: p.location)
            e.featureIndex = index
            e.featureID = draft.id
            e.isRecoverable = true
            throw e
        }
        return Feature(index: index, id: draft.id, properties: draft.properties, geometry: draft.geometry)
    }

    /// Reads a `type` member's value, noting a problem unless it is `expected`.
    mutating func readType(expected: StaticString, into draft: inout FeatureDraft) throws(JSONScanner.Failure) {
        _ = try scanner.peek()
        let at = scanner.location
        guard try scanner.peek() == UInt8(ascii: "\"") else {
            try scanner.skipValue()
            draft.note(.invalidMember(name: "type", expected: "a string"), at: at)
            return
        }
        try scanner.readStringBytes()
        if !scanner.stringIs(expected) {
            let found = try scanner.stringValue(startingAt: at)
            draft.note(.unexpectedType(found: found, expected: expected.description), at: at)
        }
    }

    /// Reads the value of the member whose name is in `scanner.string`: id, properties, geometry, or one to skip.
    mutating func readFeatureMember(into draft: inout FeatureDraft) throws(JSONScanner.Failure) {
        if scanner.stringIs("geometry") {
            try readGeometry(into: &draft)
        } else if scanner.stringIs("properties") {
            let at = scanner.location
            switch try scanner.readValue() {
            case .object(let members): draft.properties = members
            case .null: draft.properties = []
            default: draft.note(.invalidMember(name: "properties", expected: "an object or null"), at: at)
            }
        } else if scanner.stringIs("id") {
            switch try scanner.peek() {
            case UInt8(ascii: "\""): draft.id = try scanner.readString()
            case UInt8(ascii: "n"): try scanner.readLiteral("null")
            case let b? where JSONScanner.mayStartNumber(b): draft.id = try scanner.readNumberText()
            default:
                let at = scanner.location
                try scanner.skipValue()
                draft.note(.invalidMember(name: "id", expected: "a string or a number"), at: at)
            }
        } else {
            try scanner.skipValue()  // bbox and foreign members
        }
    }

    /// Reads a `geometry` value: null, a Polygon or a MultiPolygon. Any other type is noted against the feature.
    private mutating func readGeometry(into draft: inout FeatureDraft) throws(JSONScanner.Failure) {
        switch try scanner.peek() {
        case UInt8(ascii: "n"):
            try scanner.readLiteral("null")
            draft.geometry = nil
            return
        case UInt8(ascii: "{"):
            break
        default:
            let at = scanner.location
            try scanner.skipValue()
            draft.note(.invalidMember(name: "geometry", expected: "an object or null"), at: at)
            return
        }
        let start = scanner.location
        var kind: PolygonalKind?
        var wrongType: (name: String, location: SourceLocation)?
        var typeProblem: SourceLocation?
        var hasCoordinates = false
        if try scanner.beginObject() {
            repeat {
                try scanner.readKey()
                if scanner.stringIs("type") {
                    _ = try scanner.peek()
                    let at = scanner.location
                    guard try scanner.peek() == UInt8(ascii: "\"") else {
                        try scanner.skipValue()
                        typeProblem = at
                        continue
                    }
                    try scanner.readStringBytes()
                    if scanner.stringIs("Polygon") {
                        kind = .polygon
                    } else if scanner.stringIs("MultiPolygon") {
                        kind = .multiPolygon
                    } else {
                        wrongType = (try scanner.stringValue(startingAt: at), at)
                    }
                } else if scanner.stringIs("coordinates") && wrongType == nil {
                    try readCoordinates()
                    hasCoordinates = true
                } else {
                    try scanner.skipValue()
                }
            } while try scanner.nextMember()
        }
        if let wrong = wrongType, let proper = ["Polygon", "MultiPolygon"].first(where: { $0.lowercased() == wrong.name.lowercased() }) {
            draft.note(.unexpectedType(found: wrong.name, expected: proper), at: wrong.location)  // GeoJSON types are case-sensitive
        } else if let wrong = wrongType {
            draft.note(.wrongGeometryType(wrong.name), at: wrong.location)
        } else if let at = typeProblem {
            draft.note(.invalidMember(name: "type", expected: "a string"), at: at)
        } else if kind == nil {
            draft.note(.missingMember("type"), at: start)
        } else if !hasCoordinates {
            draft.note(.missingMember("coordinates"), at: start)
        } else {
            switch raw.geometry(as: kind!) {
            case .success(let g): draft.geometry = g
            case .failure(let p): draft.note(p.reason, at: p.location)
            }
        }
    }
}
