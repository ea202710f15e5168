#!/usr/bin/env python3
"""Writes Fixtures/formats/: the twelve parcels of Fixtures/lonlat-sample.geojson in the formats bureaus hand
over, made with Debian's ogr2ogr (gdal-bin) so that landbank's readers are checked against another program.

  parcels.geojson            the reference: WGS 84, one `parcel_id` property per parcel
  parcels-gbk.shp (+.shx .dbf .prj)   EPSG:4547 (CGCS2000 3° GK CM 114E), attributes in GBK, no .cpg and no
                              language driver id in the .dbf header: landbank must detect the encoding
  parcels-utf8.shp (+...)     the same in UTF-8, also without .cpg
  parcels.dxf                 EPSG:4547 coordinates as a CAD survey has them (no CRS), the parcel id as the layer
  parcels.kml                 WGS 84, the parcel id as each placemark's name, attributes as ExtendedData
  parcels.tab (+.map .id .dat)        EPSG:4547, MapInfo TAB, text in CP936
  parcels.gdb/                Esri File Geodatabase (OpenFileGDB), EPSG:4547
  parcels-wkt.xlsx            a ledger: attributes and a WKT column in EPSG:4547 (no CRS)
  parcels-vertices.xlsx       a boundary-point ledger: one row per vertex (parcel_id, point, x, y), EPSG:4547
  parcels-bubu-gbk.txt        the boundary-point text of China's land reporting (报部坐标) as a survey office's
                              Windows tool writes it: GBK, CRLF, EPSG:4526 (zone 38 prefixed to Y, X the northing),
                              names and land uses in Chinese
Run from the repository root: python3 scripts/gen-format-fixtures.py
"""
import csv
import json
import os
import shutil
import subprocess
import tempfile

OUT = "Fixtures/formats"
SOURCE = "Fixtures/lonlat-sample.geojson"
FIELDS = "parcel_id, name, zone, land_use, status, disposal_method"


def ogr2ogr(*args):
    subprocess.run(["ogr2ogr", *args], check=True)


def remove(stem, exts):
    for ext in exts:
        path = os.path.join(OUT, stem + ext)
        if os.path.isdir(path):
            shutil.rmtree(path)
        elif os.path.exists(path):
            os.remove(path)


def strip_encoding_marks(stem):
    """No .cpg, and language driver id 0 (byte 29 of the .dbf): the file says nothing about its encoding."""
    remove(stem, [".cpg"])
    with open(os.path.join(OUT, stem + ".dbf"), "r+b") as f:
        f.seek(29)
        f.write(b"\x00")


def main():
    os.makedirs(OUT, exist_ok=True)
    ref = os.path.join(OUT, "parcels.geojson")
    remove("parcels", [".geojson", ".dxf", ".kml", ".tab", ".map", ".id", ".dat", ".gdb"])
    remove("parcels-gbk", [".shp", ".shx", ".dbf", ".prj", ".cpg"])
    remove("parcels-utf8", [".shp", ".shx", ".dbf", ".prj", ".cpg"])
    remove("parcels-wkt", [".xlsx"])
    remove("parcels-vertices", [".xlsx"])
    remove("parcels-bubu-gbk", [".txt"])
    ogr2ogr("-f", "GeoJSON", "-lco", "COORDINATE_PRECISION=7", "-nln", "parcels", "-dialect", "sqlite", "-sql",
            f"SELECT COALESCE(id, code) AS parcel_id, name, zone, land_use, status, disposal_method, geometry "
            f"FROM lonlat_sample", ref, SOURCE)
    gk = ["-t_srs", "EPSG:4547"]
    ogr2ogr("-f", "ESRI Shapefile", *gk, "-lco", "ENCODING=CP936", "-nln", "parcels-gbk", os.path.join(OUT, "parcels-gbk.shp"), ref)
    strip_encoding_marks("parcels-gbk")
    ogr2ogr("-f", "ESRI Shapefile", *gk, "-lco", "ENCODING=UTF-8", "-nln", "parcels-utf8", os.path.join(OUT, "parcels-utf8.shp"), ref)
    strip_encoding_marks("parcels-utf8")
    ogr2ogr("-f", "DXF", *gk, "-dialect", "sqlite", "-sql", "SELECT parcel_id AS Layer, geometry FROM parcels",
            os.path.join(OUT, "parcels.dxf"), ref)
    # As Google Earth keeps it: the parcel number is the placemark's name, the rest ExtendedData.
    ogr2ogr("-f", "KML", "-nln", "parcels", "-dsco", "NameField=parcel_id", "-dialect", "sqlite", "-sql",
            "SELECT parcel_id, name AS owner, zone, land_use, status, disposal_method, geometry FROM parcels",
            os.path.join(OUT, "parcels.kml"), ref)
    # Tight bounds: MapInfo stores integer coordinates over its bounds, so these keep them to about a micrometre.
    ogr2ogr("-f", "MapInfo File", *gk, "-lco", "ENCODING=CP936", "-lco", "BOUNDS=583000,3079000,586000,3081000",
            os.path.join(OUT, "parcels.tab"), ref)
    ogr2ogr("-f", "OpenFileGDB", *gk, "-nlt", "MULTIPOLYGON", "-nln", "parcels", os.path.join(OUT, "parcels.gdb"), ref)
    with tempfile.TemporaryDirectory() as tmp:
        wkt_csv = os.path.join(tmp, "ledger.csv")
        ogr2ogr("-f", "CSV", *gk, "-lco", "GEOMETRY=AS_WKT", "-lco", "GEOMETRY_NAME=wkt", wkt_csv, ref)
        ogr2ogr("-f", "XLSX", "-oo", "AUTODETECT_TYPE=NO", "-nln", "ledger", os.path.join(OUT, "parcels-wkt.xlsx"), wkt_csv)
        projected = os.path.join(tmp, "gk.geojson")
        ogr2ogr("-f", "GeoJSON", *gk, "-lco", "COORDINATE_PRECISION=3", projected, ref)
        vertices_csv = os.path.join(tmp, "vertices.csv")
        with open(projected, encoding="utf-8") as f, open(vertices_csv, "w", newline="", encoding="utf-8") as out:
            w = csv.writer(out)
            w.writerow(["parcel_id", "name", "zone", "land_use", "status", "ring", "point", "x", "y"])
            for feature in json.load(f)["features"]:
                p, g = feature["properties"], feature["geometry"]
                polygons = [g["coordinates"]] if g["type"] == "Polygon" else g["coordinates"]
                ring_no = 0
                for polygon in polygons:
                    for ring in polygon:
                        ring_no += 1
                        for k, (x, y) in enumerate(ring[:-1]):  # ledgers list each vertex once
                            w.writerow([p["parcel_id"], p["name"], p["zone"], p["land_use"], p["status"],
                                        ring_no, f"J{k + 1}", f"{x:.3f}", f"{y:.3f}"])
        ogr2ogr("-f", "XLSX", "-oo", "AUTODETECT_TYPE=NO", "-nln", "vertices", os.path.join(OUT, "parcels-vertices.xlsx"), vertices_csv)
        prefixed = os.path.join(tmp, "gk38.geojson")
        ogr2ogr("-f", "GeoJSON", "-t_srs", "EPSG:4526", "-lco", "COORDINATE_PRECISION=3", prefixed, ref)
        write_boundary_points(prefixed, os.path.join(OUT, "parcels-bubu-gbk.txt"), "gbk")


LAND_USES = {"industrial": "工业用地", "warehousing": "仓储用地"}


def write_boundary_points(projected, path, encoding):
    """报部坐标: the [属性描述] header, then per parcel `点数,面积(公顷),编号,名称,面,图幅号,用途,地类编码,@` and its points
    `J<n>,<ring>,X,Y` (X the northing, Y the zone-prefixed easting), each ring closed by repeating its first point."""
    lines = ["[属性描述]", "格式版本号=1.01", "数据产生单位=新余市自然资源局", "数据产生日期=2025-6-15",
             "坐标系=2000国家大地坐标系", "几度分带=3", "投影类型=高斯克吕格", "计量单位=米", "带号=38", "精度=0.001",
             "转换参数=,,,,,,", "[地块坐标]"]
    with open(projected, encoding="utf-8") as f:
        features = json.load(f)["features"]
    for feature in features:
        p, g = feature["properties"], feature["geometry"]
        polygons = [g["coordinates"]] if g["type"] == "Polygon" else g["coordinates"]
        points, area, ring_no, n = [], 0.0, 0, 0
        for polygon in polygons:
            for k, ring in enumerate(polygon):
                ring_no += 1
                shoelace = sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:])) / 2
                area += abs(shoelace) * (1 if k == 0 else -1)
                first = n + 1
                for x, y in ring[:-1]:
                    n += 1
                    points.append(f"J{n},{ring_no},{y:.3f},{x:.3f}")
                points.append(f"J{first},{ring_no},{ring[0][1]:.3f},{ring[0][0]:.3f}")
        use = LAND_USES.get(p["land_use"], p["land_use"])
        lines.append(f"{len(points)},{area / 10000:.4f},{p['parcel_id']},{p['name']},面,,{use},,@")
        lines += points
    with open(path, "wb") as out:
        out.write("".join(line + "\r\n" for line in lines).encode(encoding))


if __name__ == "__main__":
    main()
