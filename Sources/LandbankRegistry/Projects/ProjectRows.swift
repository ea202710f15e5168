import Foundation
import LandbankGeometry
import LandbankLifecycle

/// One row of a project file (CSV or JSON), by column name, with where it came from; a bad cell is an
/// `ImportError` naming the file, the row and the reason.
struct ProjectRow: RecordCells {
    var file: String
    /// "row 3"
    var position: String
    /// "line 4" (CSV) or nil.
    var location: String?
    var fields: [String: String]

    func fail(_ what: String) -> ImportError {
        ImportError(file: file, position: position, featureID: fields["project_id"], location: location, reason: .badAttribute(what))
    }

    func text(_ c: String) -> String? {
        guard let v = fields[c]?.trimmingCharacters(in: .whitespaces), !v.isEmpty else { return nil }
        return v
    }

    func money(_ c: String) throws -> Money? {
        guard let v = text(c) else { return nil }
        guard let m = Money(yuan: v), m.fen >= 0 else {
            throw fail("column \"\(c)\": \"\(v)\" is not an amount in yuan (at most 2 decimals, not negative)")
        }
        return m
    }

    /// An amount that may be negative (an incentive that reduces a promise or reverses a payment).
    func signedMoney(_ c: String) throws -> Money? {
        guard let v = text(c) else { return nil }
        guard let m = Money(yuan: v) else { throw fail("column \"\(c)\": \"\(v)\" is not an amount in yuan (at most 2 decimals)") }
        return m
    }

    /// Yes or no: true/false, yes/no, 1/0, 是/否.
    func flag(_ c: String) throws -> Bool? {
        guard let v = text(c)?.lowercased() else { return nil }
        if ["true", "yes", "1", "是"].contains(v) { return true }
        if ["false", "no", "0", "否"].contains(v) { return false }
        throw fail("column \"\(c)\": \"\(v)\" is not yes or no (true/false, 1/0, 是/否)")
    }

    func count(_ c: String) throws -> Int? {
        guard let v = text(c) else { return nil }
        guard let n = Int(v), n >= 0 else { throw fail("column \"\(c)\": \"\(v)\" is not a whole number") }
        return n
    }

    func area(_ c: String) throws -> Double? {
        guard let v = text(c) else { return nil }
        guard let d = Double(v), d.isFinite, d >= 0 else { throw fail("column \"\(c)\": \"\(v)\" is not an area in m²") }
        return d
    }
}

enum ProjectRows {
    /// The rows of a CSV file (a header row, then one row per record) or a JSON file (an array of objects, or
    /// an object holding one under `listKey`), by the file's first significant character. JSON values become text: numbers as
    /// written, objects (a demand) as compact JSON.
    static func read(path: String, required: [String], listKey: String = "projects") throws -> [ProjectRow] {
        let name = (path as NSString).lastPathComponent
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw ImportError(file: name, reason: .unreadable("cannot read it: \(error.localizedDescription)"))
        }
        let first = data.first(where: { ![0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF].contains($0) })
        let rows = first == UInt8(ascii: "[") || first == UInt8(ascii: "{") ? try json(data, name: name, listKey: listKey) : try csv(path, name: name)
        for r in required {
            if let row = rows.first(where: { $0.fields[r] == nil }) {
                throw ImportError(file: name, position: row.position, location: row.location,
                                  reason: .unreadable("no \"\(r)\" column or key; needs: \(required.joined(separator: ", "))"))
            }
        }
        return rows
    }

    static func csv(_ path: String, name: String) throws -> [ProjectRow] {
        let reader: CSVReader
        do { reader = try CSVReader(path: path) } catch { throw ImportError(file: name, reason: .unreadable(error.description)) }
        let header = reader.header.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        var rows: [ProjectRow] = []
        while true {
            let record: CSVRecord?
            do { record = try reader.next() } catch { throw ImportError(file: name, reason: .unreadable(error.description)) }
            guard let record else { break }
            var fields: [String: String] = [:]
            for (i, h) in header.enumerated() { fields[h] = i < record.fields.count ? record.fields[i] : "" }
            rows.append(ProjectRow(file: name, position: "row \(record.index + 1)", location: "line \(record.line)", fields: fields))
        }
        return rows
    }

    static func json(_ data: Data, name: String, listKey: String) throws -> [ProjectRow] {
        let top: Any
        do { top = try JSONSerialization.jsonObject(with: data) } catch {
            throw ImportError(file: name, reason: .unreadable("not valid JSON: \(error.localizedDescription)"))
        }
        let items: [Any]
        if let a = top as? [Any] { items = a } else if let o = top as? [String: Any] {
            items = (o[listKey] as? [Any]) ?? [o]
        } else { throw ImportError(file: name, reason: .unreadable("holds neither an array nor an object")) }
        return try items.enumerated().map { i, item in
            guard let o = item as? [String: Any] else {
                throw ImportError(file: name, position: "row \(i + 1)", reason: .badAttribute("is not a JSON object"))
            }
            var fields: [String: String] = [:]
            for (k, v) in o { fields[k.lowercased()] = try text(v) }
            return ProjectRow(file: name, position: "row \(i + 1)", location: nil, fields: fields)
        }
    }

    static func text(_ v: Any) throws -> String {
        switch v {
        case let s as String: return s
        case is NSNull: return ""
        case let n as NSNumber: return n.stringValue
        default:
            let d = try JSONSerialization.data(withJSONObject: v, options: [.sortedKeys, .withoutEscapingSlashes])
            return String(decoding: d, as: UTF8.self)
        }
    }
}
