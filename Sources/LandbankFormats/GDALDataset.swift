import CGDAL

/// One open GDAL vector dataset (a Shapefile, a DXF drawing, a File Geodatabase...), read-only.
///
/// Owns the GDALDatasetH: opened in `init`, closed in `deinit` and nowhere else. Its layers keep it alive
/// (a layer handle dies with its dataset, so `GDALLayer` holds a reference to this object).
/// Thread rule: GDAL lets a dataset be used by one thread at a time, not by two at once; this class is handed
/// from the thread that opens it to the one that reads it and is never shared.
final class GDALDataset {
    let handle: GDALDatasetH
    let file: String

    /// Opens `path` with one of `drivers` (GDAL short names) and the drivers' open options ("ENCODING=GB18030").
    /// `what` names the format in the error ("an Esri File Geodatabase").
    init(path: String, file: String, what: String, drivers: [String], openOptions: [String] = []) throws(FormatError) {
        GDALRuntime.ready
        self.file = file
        GDALRuntime.reset()
        let h = GDALRuntime.withStringList(drivers) { d in
            GDALRuntime.withStringList(openOptions) { o in
                GDALOpenEx(path, UInt32(GDAL_OF_VECTOR | GDAL_OF_READONLY), d, o, nil)
            }
        }
        guard let h else {
            throw FormatError(file: file, "cannot be read as \(what) (GDAL \(drivers.joined(separator: " or "))): "
                + GDALRuntime.lastError("GDAL does not recognise it"))
        }
        handle = h
    }

    deinit { GDALClose(handle) }

    var layerCount: Int { Int(GDALDatasetGetLayerCount(handle)) }

    func layerName(_ i: Int) -> String {
        guard let l = GDALDatasetGetLayer(handle, Int32(i)), let n = OGR_L_GetName(l) else { return "layer \(i)" }
        return String(cString: n)
    }

    /// The layer named `name`, or the only layer holding features when `name` is nil.
    func layer(named name: String?) throws(FormatError) -> GDALLayer {
        let names = (0..<layerCount).map(layerName)
        if let name {
            guard let i = names.firstIndex(of: name), let l = GDALDatasetGetLayer(handle, Int32(i)) else {
                throw FormatError(file: file, "no layer \"\(name)\"; layers: \(names.joined(separator: ", "))")
            }
            return GDALLayer(dataset: self, handle: l)
        }
        // Empty layers (a KML's empty folder, a geodatabase's unused feature class) do not make a choice.
        let filled = (0..<layerCount).filter { i in
            GDALDatasetGetLayer(handle, Int32(i)).map { OGR_L_GetFeatureCount($0, 1) != 0 } ?? false
        }
        guard !names.isEmpty else { throw FormatError(file: file, "holds no layer") }
        guard filled.count <= 1 else {
            throw FormatError(file: file, "several layers (\(filled.map { names[$0] }.joined(separator: ", "))); choose one with --layer")
        }
        guard let l = GDALDatasetGetLayer(handle, Int32(filled.first ?? 0)) else { throw FormatError(file: file, "holds no layer") }
        return GDALLayer(dataset: self, handle: l)
    }
}
