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

    /// `encoding` (a name `TextEncoding` knows) overrides the detection of UTF-8 or GB18030.
    init(path: String, encoding: String? = nil) throws {
        var given: TextEncoding?
        if let encoding {
            guard let e = TextEncoding(name: encoding) else {
                throw ImportError(file: (path as NSString).lastPathComponent,
                                  reason: .unsupportedFormat("a boundary-point file, but \(DisplayText.quoted(encoding)) is not an encoding landbank reads it in; --encoding takes \(TextEncoding.names)"))
            }
            given = e
        }
        do { reader = try BoundaryPointReader(path: path, encoding: given) } catch { throw ImportError(error) }
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
