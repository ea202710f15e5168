#!/usr/bin/python3
"""The three site queries of issue 10 in SpatiaLite, on the same GeoPackage, from one long-lived connection.

    scripts/bench-query-spatialite.py REG.gpkg [POINTS=200] [PASSES=3] [HALF_EXTENT_KM=150]

Same random points as bench-query (an LCG with seed 42 drawn the same way is not reproduced; these use
Python's random with seed 42 over the same square). Each query transforms the point to EPSG:4547 (pyproj,
created once), reads the R*Tree window of the radius, joins the feature table, filters the attributes,
measures ST_Distance (planar, metres, in EPSG:4547) on GeomFromGPB(geom), keeps d <= radius, orders by d,
LIMIT 10. Prints p50 and p99 in ms and the mean number of results per query, after one warm-up pass.
"""
import sqlite3
import sys

from pyproj import Transformer

import bench_peers

PARCELS = """
SELECT p.parcel_id, ST_Distance(MakePoint(?, ?), GeomFromGPB(p.geom)) AS d
FROM rtree_parcels_geom r JOIN parcels p ON p.fid = r.id
WHERE r.minx <= ? AND r.maxx >= ? AND r.miny <= ? AND r.maxy >= ?
  AND p.cadastral_area_mu BETWEEN ? AND ? AND d <= ?
ORDER BY d LIMIT 10"""
BUILDINGS = """
SELECT b.building_id, ST_Distance(MakePoint(?, ?), GeomFromGPB(b.geom)) AS d
FROM rtree_buildings_geom r JOIN buildings b ON b.fid = r.id
WHERE r.minx <= ? AND r.maxx >= ? AND r.miny <= ? AND r.maxy >= ?
  AND b.vacant_floor_area_m2 >= 20000 AND b.clear_height_m >= 8 AND b.power_kva >= 2000 AND d <= ?
ORDER BY d LIMIT 10"""


def main():
    reg = sys.argv[1]
    points = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    passes = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    half_km = float(sys.argv[4]) if len(sys.argv) > 4 else 150.0
    con = sqlite3.connect(reg)
    con.enable_load_extension(True)
    con.load_extension("mod_spatialite")
    con.execute("PRAGMA cache_size = -65536")
    to_grid = Transformer.from_crs("EPSG:4326", "EPSG:4547", always_xy=True)
    spots = bench_peers.spots(points, half_km)

    def parcels(lo, hi, km):
        def run(lon, lat):
            x, y = to_grid.transform(lon, lat)
            r = km * 1000
            return len(con.execute(PARCELS, (x, y, x + r, x - r, y + r, y - r, lo, hi, r)).fetchall())
        return run

    def buildings(lon, lat):
        x, y = to_grid.transform(lon, lat)
        r = 30_000
        return len(con.execute(BUILDINGS, (x, y, x + r, x - r, y + r, y - r, r)).fetchall())

    bench_peers.time_queries("spatialite", spots, passes, [parcels(40, 60, 20), parcels(80, 120, 20), buildings])


if __name__ == "__main__":
    main()
