#!/usr/bin/python3
"""bench-match's demands in SpatiaLite and in PostGIS, on the same GeoPackage, each from one long-lived
connection, and the blocks of available land through PostGIS's ST_ClusterDBSCAN.

    scripts/bench-match-peers.py REG.gpkg POINTS PASSES HALF_KM --answers DIR --policies POLICIES.json
                                 [--url URL] [--blocks MIN_MU]

The points are bench_peers.spots (the same that bench-match reads). Each demand is asked as bench-query's peers
ask theirs (point to EPSG:4547 with pyproj, R*Tree window joined in SpatiaLite, ST_DWithin on the GiST index in
PostGIS, planar ST_Distance, ORDER BY distance, parcel id, LIMIT 10) with the matcher's hard requirements as
conditions: the statuses a zone offers (bench_peers.LAND_STATUSES, FLOOR_STATUSES), the area range, the building
minima, and for the gated demand the zones' gates (bench_peers.gate_condition). The 80-120 mu demand is asked of
single parcels only (none exist: the peers do not join parcels). The first timed pass's rows go to
DIR/answers-spatialite.tsv and DIR/answers-postgis.tsv (query, point, rank, id, metres).

With --blocks and --url: the available parcels clustered by ST_ClusterDBSCAN(geom, eps := 5, minpoints := 1)
(parcels within 5 m of each other, transitively: landbank blocks' tolerance), areas summed per cluster, the
clusters of at least MIN_MU mu timed as one statement and written to DIR/blocks-postgis.tsv (mu, parcel ids).
Without --url, PostGIS is skipped (bench-match.sh starts one with scripts/pg-local.sh).
"""
import argparse
import importlib.util
import json
import os
import sqlite3
import time

from pyproj import Transformer

import bench_peers

HERE = os.path.dirname(os.path.abspath(__file__))
_spec = importlib.util.spec_from_file_location("bench_postgis_reference", os.path.join(HERE, "bench-postgis-reference.py"))
pg_reference = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(pg_reference)


def sql_list(values):
    return "(" + ", ".join("'%s'" % v for v in values) + ")"


def demands(policies):
    """Per query: (layer, SQL condition on alias p, radius km); parcels or buildings."""
    land = "p.status IN %s" % sql_list(bench_peers.LAND_STATUSES)
    gates = bench_peers.gate_condition(policies, bench_peers.GATE_DEMAND, "p.zone", "p.cadastral_area_mu")
    return [
        ("parcels", land + " AND p.cadastral_area_mu BETWEEN 40 AND 60", 20),
        ("parcels", land + " AND p.cadastral_area_mu BETWEEN 80 AND 120", 20),
        ("buildings", "p.status IN %s AND p.vacant_floor_area_m2 >= 20000 AND p.clear_height_m >= 8 "
                      "AND p.power_kva >= 2000" % sql_list(bench_peers.FLOOR_STATUSES), 30),
        ("parcels", land + " AND p.cadastral_area_mu BETWEEN 40 AND 60 AND " + gates, 20),
    ]


def write_answers(path, answers):
    with open(path, "w") as f:
        f.write("query\tpoint\trank\tid\tm\n")
        for (name, i), rows in sorted(answers.items()):
            for r, (ident, d) in enumerate(rows):
                f.write("%s\t%d\t%d\t%s\t%r\n" % (name, i, r + 1, ident, d))


def spatialite(reg, spots, passes, queries, out):
    con = sqlite3.connect(reg)
    con.enable_load_extension(True)
    con.load_extension("mod_spatialite")
    con.execute("PRAGMA cache_size = -65536")
    to_grid = Transformer.from_crs("EPSG:4326", "EPSG:4547", always_xy=True)
    runs = []
    for layer, condition, km in queries:
        key = "parcel_id" if layer == "parcels" else "building_id"
        sql = """SELECT p.%s, ST_Distance(MakePoint(?, ?), GeomFromGPB(p.geom)) AS d
                 FROM rtree_%s_geom r JOIN %s p ON p.fid = r.id
                 WHERE r.minx <= ? AND r.maxx >= ? AND r.miny <= ? AND r.maxy >= ? AND %s AND d <= ?
                 ORDER BY d, p.%s LIMIT 10""" % (key, layer, layer, condition, key)

        def run(lon, lat, sql=sql, r=km * 1000.0):
            x, y = to_grid.transform(lon, lat)
            return con.execute(sql, (x, y, x + r, x - r, y + r, y - r, r)).fetchall()
        runs.append(run)
    answers = {}
    bench_peers.time_queries("spatialite", spots, passes, runs, bench_peers.MATCH_QUERIES, answers)
    write_answers(out, answers)


def postgis(con, spots, passes, queries, out):
    to_grid = Transformer.from_crs("EPSG:4326", "EPSG:4547", always_xy=True)
    cur = con.cursor()
    cur.execute("SET plan_cache_mode = force_custom_plan")
    runs = []
    for n, (layer, condition, km) in enumerate(queries):
        key = "parcel_id" if layer == "parcels" else "building_id"
        cur.execute("""PREPARE q%d(float8, float8, float8) AS
            SELECT p.%s, ST_Distance(p.geom, ST_SetSRID(ST_MakePoint($1, $2), 4547)) AS d FROM bench_%s p
            WHERE %s AND ST_DWithin(p.geom, ST_SetSRID(ST_MakePoint($1, $2), 4547), $3)
            ORDER BY d, p.%s LIMIT 10""" % (n, key, layer, condition, key))

        def run(lon, lat, n=n, r=km * 1000.0):
            x, y = to_grid.transform(lon, lat)
            cur.execute("EXECUTE q%d(%%s, %%s, %%s)" % n, (x, y, r))
            return cur.fetchall()
        runs.append(run)
    answers = {}
    bench_peers.time_queries("postgis", spots, passes, runs, bench_peers.MATCH_QUERIES, answers)
    write_answers(out, answers)


def blocks(con, min_mu, out):
    cur = con.cursor()
    t0 = time.perf_counter()
    cur.execute("""WITH c AS (
            SELECT parcel_id, cadastral_area_mu AS mu, ST_ClusterDBSCAN(geom, eps := 5, minpoints := 1) OVER () AS cid
            FROM bench_parcels WHERE status IN %s)
        SELECT sum(mu), string_agg(parcel_id, ' ' ORDER BY parcel_id) FROM c GROUP BY cid HAVING sum(mu) >= %%s"""
                % sql_list(bench_peers.LAND_STATUSES), (min_mu,))
    rows = cur.fetchall()
    seconds = time.perf_counter() - t0
    print("postgis     ST_ClusterDBSCAN(geom, eps := 5, minpoints := 1), mu >= %g: %d blocks of %d parcels in %.2f s"
          % (min_mu, len(rows), sum(len(r[1].split()) for r in rows), seconds))
    with open(out, "w") as f:
        for mu, ids in rows:
            f.write("%.3f\t%s\n" % (mu, ids))


def main():
    ap = argparse.ArgumentParser(description="bench-match's demands in SpatiaLite and PostGIS.")
    ap.add_argument("reg")
    ap.add_argument("points", type=int)
    ap.add_argument("passes", type=int)
    ap.add_argument("half_km", type=float)
    ap.add_argument("--answers", required=True, help="directory for the answers files")
    ap.add_argument("--policies", required=True, help="the zones' policies the registry holds (JSON)")
    ap.add_argument("--url", help="a running PostGIS database (scripts/pg-local.sh)")
    ap.add_argument("--blocks", type=float, help="also cluster the available parcels into blocks of this many mu")
    a = ap.parse_args()
    with open(a.policies, encoding="utf-8") as f:
        queries = demands(json.load(f))
    spots = bench_peers.spots(a.points, a.half_km)
    spatialite(a.reg, spots, a.passes, queries, os.path.join(a.answers, "answers-spatialite.tsv"))
    if not a.url:
        return
    con = pg_reference.psycopg2_module().connect(a.url)
    pg_reference.load(con, a.reg, a.url)
    postgis(con, spots, a.passes, queries, os.path.join(a.answers, "answers-postgis.tsv"))
    if a.blocks is not None:
        blocks(con, a.blocks, os.path.join(a.answers, "blocks-postgis.tsv"))
    con.close()


if __name__ == "__main__":
    main()
