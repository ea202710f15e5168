import Foundation
import LandbankFormats
import LandbankGeometry

/// A boundary-point file of China's land reporting (报部坐标, see `BoundaryPointReader`): its CRS is the one its
/// `[属性描述]` names (datum, zone width, zone); its parcels carry 地块编号 as `parcel_id`.
final class BoundaryPointSource: FeatureSource {
    let reader: BoundaryPointReader
    var name: String { reader.name }
    var declaredCRS: String? { reader.crs }
    var defaultCRS: String? { nil }

    init(path: String) throws {
        do { reader = try BoundaryPointReader(path: path) } catch { throw ImportError(error) }
    }

    func position(of feature: Feature) -> String { "parcel \(feature.index + 1)" }

    func next() throws -> Feature? {
        do { return try reader.next() } catch { throw ImportError(error) }
    }

    /// Whether the file at `path` starts as a boundary-point file does.
    static func sniff(_ path: String) -> Bool {
        guard let h = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? h.close() }
        return BoundaryPointReader.sniff([UInt8]((try? h.read(upToCount: 512)) ?? Data()))
    }
}
