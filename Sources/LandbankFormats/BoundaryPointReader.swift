import Foundation
import LandbankGeometry

/// Reads the boundary-point text format of China's land reporting (报部坐标格式, the 勘测定界界址点坐标 exchange
/// file): an `[属性描述]` section of `key=value` lines (坐标系, 几度分带, 投影类型, 计量单位, 带号, 精度…) and a
/// `[地块坐标]` section where each parcel is a header line `界址点数,地块面积(公顷),地块编号,地块名称,面,图幅号,地块用途,地类编码,@`
/// followed by its points `点号,圈号,X,Y`: X the northing, Y the easting with the zone number prefixed; ring 1
/// is the exterior, each ring closes by repeating its first point, and the point count counts every line.
/// UTF-8, or GB18030 (GBK) as Windows tools write it: valid UTF-8 is read as UTF-8, anything else as GB18030,
/// unless the caller names the encoding (`--encoding`). Files are read whole (they are per project, small): at
/// most `maximumBytes`.
public final class BoundaryPointReader {
    public static let maximumBytes = 64 << 20
    public let name: String
    /// The CRS the header names, as "EPSG:4526".
    public let crs: String?
    /// Why no CRS could be named, for the error when none is given.
    public let crsProblem: String?
    public let attributes: [(String, String)]
    private var lines: [Substring]
    private var lineIndex: Int
    private var parcels = 0

    /// Whether the start of a file is this format: its first non-blank line is `[属性描述]` or `[地块坐标]`.
    public static func sniff(_ head: [UInt8]) -> Bool {
        var text = String(decoding: head.prefix(512), as: UTF8.self)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let first = text.split(whereSeparator: \.isNewline).first { !$0.allSatisfy(\.isWhitespace) }?.trimmingCharacters(in: .whitespaces)
        if first == "[属性描述]" || first == "[地块坐标]" { return true }
        // GB18030 bytes of "[属性描述]" and "[地块坐标]".
        return head.starts(with: [0x5B, 0xCA, 0xF4, 0xD0, 0xD4, 0xC3, 0xE8, 0xCA, 0xF6, 0x5D])
            || head.starts(with: [0x5B, 0xB5, 0xD8, 0xBF, 0xE9, 0xD7, 0xF8, 0xB1, 0xEA, 0x5D])
    }

    public convenience init(path: String, encoding: TextEncoding? = nil) throws(FormatError) {
        let name = (path as NSString).lastPathComponent
        guard let h = FileHandle(forReadingAtPath: path) else { throw FormatError(file: name, "cannot be opened") }
        defer { try? h.close() }
        let data = (try? h.read(upToCount: Self.maximumBytes + 1)) ?? Data()
        guard data.count <= Self.maximumBytes else {
            throw FormatError(file: name, "is larger than \(Self.maximumBytes) bytes, the most landbank reads of a boundary-point file")
        }
        try self.init(bytes: [UInt8](data), name: name, encoding: encoding)
    }

    /// `encoding` nil: detected (valid UTF-8 is UTF-8, else GB18030).
    public init(bytes: [UInt8], name: String, encoding: TextEncoding? = nil) throws(FormatError) {
        self.name = name
        let decoded = encoding.map { $0.decode(bytes) } ?? TextDecoding.utf8OrGB18030(bytes)
        guard let text = decoded else {
            throw FormatError(file: name, encoding.map { "is not valid \($0.rawValue) text (as --encoding says); name another encoding or leave it to detection" }
                ?? "is neither UTF-8 nor GB18030 text")
        }
        if text.contains("\0") { throw FormatError(file: name, "holds a NUL byte: not a text file") }
        lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        if lines.first?.hasPrefix("\u{FEFF}") == true { lines[0] = lines[0].dropFirst() }
        var attrs: [(String, String)] = []
        var i = 0
        var section = ""
        while i < lines.count {
            let line = lines[i].trimmingCharacters(in: .whitespaces)
            i += 1
            if line.isEmpty { continue }
            if line.hasPrefix("[") && line.hasSuffix("]") {
                section = line
                if section == "[地块坐标]" { break }
                continue
            }
            guard section == "[属性描述]" else { throw FormatError(file: name, position: "line \(i)", "text before the [属性描述] or [地块坐标] section") }
            guard let eq = line.firstIndex(of: "=") else {
                throw FormatError(file: name, position: "line \(i)", "expected key=value in [属性描述], found \(DisplayText.quoted(line, limit: 60))")
            }
            attrs.append((String(line[..<eq]).trimmingCharacters(in: .whitespaces), String(line[line.index(after: eq)...]).trimmingCharacters(in: .whitespaces)))
        }
        guard section == "[地块坐标]" else { throw FormatError(file: name, "has no [地块坐标] section") }
        lineIndex = i
        attributes = attrs
        (crs, crsProblem) = Self.crs(attrs, firstEasting: Self.firstEasting(lines[i...]))
    }

    func value(_ key: String) -> String? { attributes.first { $0.0 == key }?.1 }

    static func crs(_ attrs: [(String, String)], firstEasting: Double?) -> (String?, String?) {
        func v(_ k: String) -> String? { attrs.first { $0.0 == k }?.1 }
        guard let system = v("坐标系"), !system.isEmpty else { return (nil, "the header gives no 坐标系") }
        guard let datum = BoundaryPointCRS.datum(system) else { return (nil, "坐标系 \(DisplayText.quoted(system)) is not one landbank knows") }
        if let unit = v("计量单位"), !unit.isEmpty, unit != "米" { return (nil, "计量单位 is \(DisplayText.quoted(unit)), not 米 (metres)") }
        let width = Int(v("几度分带") ?? "") ?? 3
        guard width == 3 || width == 6 else { return (nil, "几度分带 is \(width), not 3 or 6") }
        let prefix = firstEasting.map { Int(($0 / 1_000_000).rounded(.down)) } ?? 0
        let prefixed = prefix >= 1
        guard let zone = Int(v("带号") ?? "") ?? (prefixed ? prefix : nil) else { return (nil, "the header gives no 带号 (zone) and the eastings carry none") }
        if prefixed && prefix != zone { return (nil, "带号 is \(zone) but the eastings start with zone \(prefix)") }
        guard let code = BoundaryPointCRS.code(datum, width: width, zone: zone, prefixed: prefixed) else {
            return (nil, "zone \(zone) of the \(width)° zones lies outside 75°E…135°E")
        }
        return ("EPSG:\(code)", nil)
    }

    static func firstEasting(_ lines: ArraySlice<Substring>) -> Double? {
        for l in lines {
            let f = l.split(separator: ",", omittingEmptySubsequences: false)
            if f.count == 4, let y = Double(f[3].trimmingCharacters(in: .whitespaces)) { return y }
        }
        return nil
    }

    /// The next parcel, or nil at the end. Properties: parcel_id (地块编号), name (地块名称), land_use (地块用途),
    /// declared_area_ha (地块面积), sheet (图幅号), land_class (地类编码), when given.
    public func next() throws(FormatError) -> Feature? {
        while lineIndex < lines.count, lines[lineIndex].allSatisfy(\.isWhitespace) { lineIndex += 1 }
        guard lineIndex < lines.count else { return nil }
        let headerLine = lineIndex + 1
        let header = lines[lineIndex].split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        lineIndex += 1
        parcels += 1
        let position = "parcel \(parcels)"
        func fail(_ s: String, line: Int? = nil) -> FormatError {
            FormatError(file: name, position: position, featureID: header.count > 2 && !header[2].isEmpty ? header[2] : nil,
                        location: "line \(line ?? headerLine)", reason: .unreadable(s))
        }
        guard header.last == "@", header.count >= 5 else {
            throw fail("expected a parcel line (界址点数,地块面积,地块编号,地块名称,面,…,@), found \(DisplayText.quoted(header.joined(separator: ","), limit: 60))")
        }
        guard let count = Int(header[0]), count >= 4, count <= FeatureLimits.featurePoints else {
            throw fail("界址点数 \(DisplayText.quoted(header[0])) is not a number of points from 4 to \(FeatureLimits.featurePoints)")
        }
        var rings: [[Point]] = []
        var ringNumbers: [String] = []
        for k in 0..<count {
            guard lineIndex < lines.count else { throw fail("declares \(count) points but the file ends after \(k)") }
            let f = lines[lineIndex].split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            lineIndex += 1
            guard f.count == 4 else {
                throw fail("declares \(count) points but point \(k + 1) is \(DisplayText.quoted(f.joined(separator: ","), limit: 60)), not 点号,圈号,X,Y", line: lineIndex)
            }
            guard let north = Double(f[2]), let east = Double(f[3]), north.isFinite, east.isFinite else {
                throw fail("point \(DisplayText.quoted(f[0])): X \(DisplayText.quoted(f[2])) and Y \(DisplayText.quoted(f[3])) must be numbers", line: lineIndex)
            }
            if ringNumbers.last != f[1] {
                if ringNumbers.contains(f[1]) { throw fail("ring \(DisplayText.quoted(f[1])) is listed in two places", line: lineIndex) }
                ringNumbers.append(f[1])
                rings.append([])
            }
            rings[rings.count - 1].append(Point(x: east, y: north))
        }
        let geometry: Geometry
        do { geometry = try LedgerReader.geometry(rings) } catch {
            throw FormatError(file: name, position: position, featureID: header[2].isEmpty ? nil : header[2], location: "line \(headerLine)", reason: .geometry(error))
        }
        var props: [JSONMember] = []
        func add(_ key: String, _ i: Int) { if header.count > i + 1, !header[i].isEmpty { props.append(JSONMember(key, .string(header[i]))) } }
        add("parcel_id", 2)
        add("name", 3)
        if header.count > 2, !header[1].isEmpty { props.append(JSONMember("declared_area_ha", Double(header[1]) != nil ? .number(header[1]) : .string(header[1]))) }
        add("sheet", 5)
        add("land_use", 6)
        add("land_class", 7)
        return Feature(index: parcels - 1, id: nil, properties: props, geometry: geometry)
    }
}
