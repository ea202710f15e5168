#!/usr/bin/python3
"""The three site queries of issue 10 in PostGIS, on the parcels and buildings of a GeoPackage registry, from one
long-lived connection: the PostGIS reference beside scripts/bench-query-spatialite.py.

    scripts/bench-postgis-reference.py REG.gpkg [POINTS=200] [PASSES=3] [HALF_EXTENT_KM=150] [--url URL]

Without --url, a throwaway server is started with scripts/pg-local.sh in out/bench-postgis/pg (PostgreSQL 15 +
PostGIS 3 from Debian, loopback, jit=off) and stopped at the end. The registry's parcels and buildings are loaded
with ogr2ogr (PG: driver, COPY, GiST index on geom, B-tree on the filtered columns, then VACUUM ANALYZE; with
their statuses and zones, which bench-match-peers.py filters on) into
bench_parcels and bench_buildings; the load is skipped when the tables already hold this registry (same path, size
and modification time, kept in bench_source).

Same random points and passes as bench-query-spatialite.py (Python's random with seed 42 over the same square);
each query transforms the point to EPSG:4547 (pyproj, created once) and runs as a prepared statement (planned for its values: plan_cache_mode = force_custom_plan): ST_DWithin
(GiST) of the radius and the attribute filter, ORDER BY ST_Distance (planar, metres, in EPSG:4547), LIMIT 10.
Prints p50 and p99 in ms and the mean number of results per query, after one warm-up pass, in the same format.
"""
import argparse
import os
import subprocess
import sys
import time

from pyproj import Transformer

import bench_peers

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

PARCELS = """
PREPARE parcels(float8, float8, float8, float8, float8) AS
SELECT parcel_id, ST_Distance(geom, ST_SetSRID(ST_MakePoint($1, $2), 4547)) AS d
FROM bench_parcels
WHERE cadastral_area_mu BETWEEN $3 AND $4
  AND ST_DWithin(geom, ST_SetSRID(ST_MakePoint($1, $2), 4547), $5)
ORDER BY d LIMIT 10"""
BUILDINGS = """
PREPARE buildings(float8, float8, float8) AS
SELECT building_id, ST_Distance(geom, ST_SetSRID(ST_MakePoint($1, $2), 4547)) AS d
FROM bench_buildings
WHERE vacant_floor_area_m2 >= 20000 AND clear_height_m >= 8 AND power_kva >= 2000
  AND ST_DWithin(geom, ST_SetSRID(ST_MakePoint($1, $2), 4547), $3)
ORDER BY d LIMIT 10"""


def psycopg2_module():
    """psycopg2 from Debian (python3-psycopg2), installed when missing."""
    try:
        import psycopg2
    except ImportError:
        sudo = [] if os.geteuid() == 0 else ["sudo"]
        print("installing python3-psycopg2 ...", file=sys.stderr)
        subprocess.run(sudo + ["apt-get", "install", "-y", "-qq", "python3-psycopg2"], check=True,
                       stdout=subprocess.DEVNULL, env=dict(os.environ, DEBIAN_FRONTEND="noninteractive"))
        import psycopg2
    return psycopg2


def pg_dsn(url):
    """ogr2ogr's PG: connection string for a postgresql://user@host:port/db URL (no password: trust auth)."""
    from urllib.parse import urlparse
    u = urlparse(url)
    parts = ["dbname=" + u.path.lstrip("/"), "host=" + (u.hostname or "127.0.0.1"), "port=" + str(u.port or 5432)]
    if u.username:
        parts.append("user=" + u.username)
    return "PG:" + " ".join(parts)


# The columns loaded: what the site queries filter on, and the statuses and zones bench-match filters on too.
PARCEL_COLUMNS = "parcel_id,cadastral_area_mu,status,zone"
BUILDING_COLUMNS = "building_id,vacant_floor_area_m2,clear_height_m,power_kva,status"


def load(con, reg, url):
    """Loads parcels and buildings of `reg` with ogr2ogr unless bench_source says they are already there."""
    st = os.stat(reg)
    source = "%s %d %d %s %s" % (os.path.abspath(reg), st.st_size, int(st.st_mtime), PARCEL_COLUMNS, BUILDING_COLUMNS)
    with con.cursor() as cur:
        cur.execute("CREATE TABLE IF NOT EXISTS bench_source (source text)")
        cur.execute("SELECT source FROM bench_source")
        row = cur.fetchone()
        if row and row[0] == source:
            return
    t0 = time.perf_counter()
    for layer, table, columns in [("parcels", "bench_parcels", PARCEL_COLUMNS),
                                  ("buildings", "bench_buildings", BUILDING_COLUMNS)]:
        subprocess.run(["ogr2ogr", "-f", "PostgreSQL", pg_dsn(url), reg, layer, "-nln", table, "-overwrite",
                        "-select", columns, "-nlt", "PROMOTE_TO_MULTI", "-lco", "GEOMETRY_NAME=geom",
                        "-lco", "SPATIAL_INDEX=GIST", "-lco", "FID=fid", "--config", "PG_USE_COPY", "YES"],
                       check=True)
    with con.cursor() as cur:
        cur.execute("CREATE INDEX ON bench_parcels (cadastral_area_mu)")
        cur.execute("CREATE INDEX ON bench_buildings (vacant_floor_area_m2)")
        cur.execute("DELETE FROM bench_source")
        cur.execute("INSERT INTO bench_source VALUES (%s)", (source,))
    con.commit()
    old = con.autocommit
    con.autocommit = True
    with con.cursor() as cur:
        cur.execute("VACUUM ANALYZE bench_parcels")
        cur.execute("VACUUM ANALYZE bench_buildings")
    con.autocommit = old
    print("postgis     loaded parcels and buildings with ogr2ogr in %.1f s" % (time.perf_counter() - t0))


def bench(con, points, passes, half_km):
    to_grid = Transformer.from_crs("EPSG:4326", "EPSG:4547", always_xy=True)
    spots = bench_peers.spots(points, half_km)
    cur = con.cursor()
    # The best plan depends on the point and the filter values (B-tree on the area when few parcels fit, GiST
    # otherwise); a cached generic plan was 3-5x slower on small registries.
    cur.execute("SET plan_cache_mode = force_custom_plan")
    cur.execute(PARCELS)
    cur.execute(BUILDINGS)

    def parcels(lo, hi, km):
        def run(lon, lat):
            x, y = to_grid.transform(lon, lat)
            cur.execute("EXECUTE parcels(%s, %s, %s, %s, %s)", (x, y, lo, hi, km * 1000.0))
            return len(cur.fetchall())
        return run

    def buildings(lon, lat):
        x, y = to_grid.transform(lon, lat)
        cur.execute("EXECUTE buildings(%s, %s, %s)", (x, y, 30_000.0))
        return len(cur.fetchall())

    bench_peers.time_queries("postgis", spots, passes, [parcels(40, 60, 20), parcels(80, 120, 20), buildings])


def main():
    ap = argparse.ArgumentParser(description="The three site queries in PostGIS (reference for bench-query).")
    ap.add_argument("reg")
    ap.add_argument("points", nargs="?", type=int, default=200)
    ap.add_argument("passes", nargs="?", type=int, default=3)
    ap.add_argument("half_km", nargs="?", type=float, default=150.0)
    ap.add_argument("--url", help="a running PostGIS database (default: start a throwaway one, stop it after)")
    args = ap.parse_args()
    if not os.path.isfile(args.reg):
        sys.exit("%s: no such registry" % args.reg)
    psycopg2 = psycopg2_module()
    pg_local = os.path.join(ROOT, "scripts", "pg-local.sh")
    own_dir = None if args.url else os.path.join(ROOT, "out", "bench-postgis", "pg")
    url = args.url or subprocess.run([pg_local, "start", own_dir], check=True, capture_output=True,
                                     text=True).stdout.strip().splitlines()[-1]
    try:
        con = psycopg2.connect(url)
        load(con, args.reg, url)
        bench(con, args.points, args.passes, args.half_km)
        con.close()
    finally:
        if own_dir:
            subprocess.run([pg_local, "stop", own_dir], check=True)


if __name__ == "__main__":
    main()
