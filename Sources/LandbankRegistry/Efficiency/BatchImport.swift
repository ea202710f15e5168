import Foundation
import LandbankGeodesy
import LandbankGeometry
import LandbankLifecycle

/// One batch's area as landbank measured it beside the area its file declared.
public struct BatchAreaCheck: Sendable, Encodable {
    public var approvalNumber: String
    /// Cadastral mu (ellipsoidal in a geographic registry), unrounded.
    public var computedMu: Double
    public var declaredMu: Double?
    /// computed − declared, mu, and as a share of the declared area.
    public var differenceMu: Double?
    public var differenceShare: Double?

    enum CodingKeys: String, CodingKey {
        case approvalNumber = "approval_no", computedMu = "computed_mu", declaredMu = "declared_mu"
        case differenceMu = "difference_mu", differenceShare = "difference_share"
    }
}

/// What a batch import did.
public struct BatchImportSummary: Sendable, Encodable {
    public var batches: Int
    public var areas: [BatchAreaCheck]
    public var notes: [String]
}

extension Registry {
    /// Imports approval batches (报批批次) from any file the feature readers open (GeoJSON, GeoPackage, Shapefile…),
    /// in one transaction: all or none. Properties: `approval_no` (批准文号; else the feature id), `kind`
    /// (农用地转用/土地征收 or farmland_conversion/expropriation), `approved_on` (YYYY-MM-DD), `approved_area_mu` or
    /// `approved_area_ha` (the declared area), `name`, `zone`. Each polygon is transformed into the registry CRS,
    /// validated (GEOS) and measured by landbank; the declared area is kept and compared, never used in sums.
    /// A batch already in the registry (same approval number) is replaced.
    public func importBatches(from source: FeatureSource, options: ImportOptions = ImportOptions(), recordedBy: String) throws -> BatchImportSummary {
        let registryCRS = crs
        let prepared = try ImportPreparation(source, options: options, registryCRS: registryCRS)
        let input = prepared.source
        guard let sourceCRSName = prepared.options.crs ?? source.declaredCRS ?? source.defaultCRS else {
            throw ImportError(file: source.name, reason: .crs("the file names no CRS; say which with --crs"))
        }
        let processor = try FeatureProcessor(source: try makeCRS(sourceCRSName), registry: registryCRS, srsID: store.srsID,
                                             fromGCJ02: prepared.options.fromGCJ02)
        var batches: [ApprovalBatch] = []
        var seen: [String: String] = [:]
        while let f = try input.next() {
            let at = source.position(of: f)
            func fail(_ r: ImportError.Reason) -> ImportError { ImportError(file: source.name, position: at, featureID: f.id, reason: r) }
            var values = AttributeValues(f.properties)
            do throws(ImportError.Reason) {
                guard let number = try values.text("approval_no", "批准文号") ?? f.id else { throw .missingID("approval_no") }
                if let first = seen[number] { throw .duplicateID(number, firstPosition: first) }
                seen[number] = at
                guard let kindText = try values.string("kind", "批次类型"), let kind = ApprovalBatch.Kind(text: kindText) else {
                    throw .badAttribute("property \"kind\" must be 农用地转用 or 土地征收 (farmland_conversion, expropriation)")
                }
                guard let dateText = try values.string("approved_on", "批准日期"), let date = CivilDate(dateText) else {
                    throw .badAttribute("property \"approved_on\" must be a date written YYYY-MM-DD")
                }
                var declared = try values.number("approved_area_mu")
                if declared == nil, let ha = try values.number("approved_area_ha") { declared = ha * 15 }
                if let d = declared, d <= 0 { throw .badAttribute("the declared approved area must be more than 0") }
                guard let g = f.geometry else { throw .missingGeometry }
                let out = try processor.process(g)
                batches.append(ApprovalBatch(approvalNumber: number, name: try values.text("name", "批次名称"), kind: kind,
                                             approvedOn: date, zone: try values.text("zone"), declaredAreaMu: declared,
                                             geometry: out.geometry, cadastralAreaM2: out.cadastralAreaM2,
                                             ellipsoidalAreaM2: out.ellipsoidalAreaM2))
            } catch { throw fail(error) }
        }
        let now = Self.efficiencyNow()
        try store.write { w in for b in batches { try w.putApprovalBatch(b, recordedBy: recordedBy, at: now) } }
        let checks = batches.map { b in
            let mu = AreaUnit.mu.fromSquareMetres(b.cadastralAreaM2 ?? b.ellipsoidalAreaM2)
            let diff = b.declaredAreaMu.map { mu - $0 }
            return BatchAreaCheck(approvalNumber: b.approvalNumber, computedMu: mu, declaredMu: b.declaredAreaMu, differenceMu: diff,
                                  differenceShare: zip2(diff, b.declaredAreaMu).map { $0 / $1 })
        }
        return BatchImportSummary(batches: batches.count, areas: checks, notes: prepared.notes)
    }

    /// The approval batches, by approval number.
    public func approvalBatches() throws -> [ApprovalBatch] {
        try store.read { try $0.approvalBatches() }
    }
}

private func zip2<A, B>(_ a: A?, _ b: B?) -> (A, B)? {
    guard let a, let b else { return nil }
    return (a, b)
}
