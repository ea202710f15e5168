/// The issue log as CSV (RFC 4180: comma-separated, fields with a comma, quote or line break quoted, quotes
/// doubled), one issue a line, for `--report FILE.csv` and `landbank issues --csv`.
extension ImportIssue {
    public static let csvHeader = "import,position,feature_id,field,rule,value,action,message,location"

    public func csvLine(importID: Int64) -> String {
        [String(importID), position.map(String.init) ?? "", featureID ?? "", field ?? "", rule.rawValue, value ?? "",
         action.rawValue, message, location ?? ""].map(Self.csvField).joined(separator: ",")
    }

    static func csvField(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
