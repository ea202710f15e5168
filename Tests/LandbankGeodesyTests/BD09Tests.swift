import Testing
import LandbankGeometry
@testable import LandbankGeodesy

@Suite("BD-09 (Baidu) ↔ GCJ-02 ↔ WGS 84")
struct BD09Tests {
    /// Published in the coordtransform project's tests (and hutool's CoordinateUtilTest, which cites them):
    /// gcj02tobd09(116.404, 39.915) = (116.41036949371029, 39.92133699351021),
    /// bd09togcj02(116.404, 39.915) = (116.39762729119315, 39.90865673957631).
    @Test("the published coordtransform test points")
    func published() {
        let b = BD09.fromGCJ02(Point(x: 116.404, y: 39.915))
        #expect(abs(b.x - 116.41036949371029) < 1e-12 && abs(b.y - 39.92133699351021) < 1e-12)
        let g = BD09.toGCJ02Published(Point(x: 116.404, y: 39.915))
        #expect(abs(g.x - 116.39762729119315) < 1e-12 && abs(g.y - 39.90865673957631) < 1e-12)
        // The exact inverse stays within the published formula's 5e-7° of it.
        let exact = BD09.toGCJ02(Point(x: 116.404, y: 39.915))
        #expect(abs(exact.x - g.x) < 1e-6 && abs(exact.y - g.y) < 1e-6)
    }

    /// Beijing railway station as the R package cst documents it: GCJ-02 (116.42703, 39.90245), BD-09 (116.43351, 39.90851).
    @Test("Beijing railway station to five decimals, and BD-09 → WGS 84 → BD-09 to 1e-9°")
    func station() {
        let g = BD09.toGCJ02(Point(x: 116.43351, y: 39.90851))
        #expect(abs(g.x - 116.42703) < 1e-5 && abs(g.y - 39.90245) < 1e-5)
        let w = BD09.toWGS84(Point(x: 116.43351, y: 39.90851))
        let again = BD09.fromWGS84(w)
        #expect(abs(again.x - 116.43351) < 1e-9 && abs(again.y - 39.90851) < 1e-9)
    }

    @Test("a web map is named by a file's name or properties")
    func webMap() {
        #expect(WebMapSource.named(in: ["parcels-baidu.geojson"]) == .baidu)
        #expect(WebMapSource.named(in: ["survey.geojson", "source", "高德地图拾取"]) == .amap)
        #expect(WebMapSource.named(in: ["survey.geojson", "name", "新余"]) == nil)
        #expect(WebMapSource.baidu.hint.contains("--from-bd09"))
    }
}
