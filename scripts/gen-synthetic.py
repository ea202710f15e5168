#!/usr/bin/env python3
"""Write N synthetic parcels around Xinyu as one GeoJSON FeatureCollection, streaming.

    scripts/gen-synthetic.py [N] [OUT.geojson] [--crs-4547] [--extent-km 30] [--seed 1]
                             [--buildings-out B.geojson --buildings-every 5]

Defaults: N = 1,000,000, OUT = synthetic.geojson, RFC 7946 (WGS84 lon/lat, 7 decimals,
exterior rings counter-clockwise, no crs member). With --crs-4547 the coordinates are
EPSG:4547 metres (3 decimals) and the file carries an old-style crs member, as GDAL writes.

Parcels are laid on a square grid of cells covering an extent x extent square centred on
Xinyu high-tech zone (114.93E, 27.80N); each cell holds one star-shaped polygon of 4-8
vertices that stays inside a circle of radius 0.48 x cell, so no two parcels overlap or
touch. The target area is drawn between 1 and 50 mu but capped by the cell: with the
default 30 km extent and N = 1,000,000 cells are 30 m wide and parcels are ~0.4-0.9 mu;
pass a larger --extent-km for bigger parcels. Output is deterministic for a given
(N, seed, extent, mode). Standard library only; memory use does not grow with N.
Lon/lat come from a local equirectangular approximation (fine for synthetic data).

With --buildings-out, every K-th parcel (--buildings-every, default 5: 200,000 buildings for 1,000,000
parcels) gets one factory building, a square footprint of half-side 0.1 x the parcel's radius at its
centre (always inside it), with floor area, vacancy, clear height, floor load, power, crane, standard
factory and available_from drawn from a second generator, so the parcels are the same with or without it.
"""
import argparse
import json
import math
import random
import sys

LON0, LAT0 = 114.93, 27.80
E0, N0 = 592800.0, 3076600.0   # roughly the same point in EPSG:4547
MU = 10000.0 / 15.0
ZONES = ["马洪片区", "袁河片区", "光明片区", "高新东区"]
STATUS = ["recovered"] * 9 + ["revitalized"] * 9 + ["under_recovery"] * 2
LAND_USE = ["industrial"] * 16 + ["warehousing"] * 3 + ["commercial"]


def main():
    ap = argparse.ArgumentParser(description="Write N synthetic non-overlapping parcels (streaming).")
    ap.add_argument("n", nargs="?", type=int, default=1_000_000)
    ap.add_argument("out", nargs="?", default="synthetic.geojson")
    ap.add_argument("--crs-4547", action="store_true",
                    help="write EPSG:4547 metres with an old-style crs member instead of RFC 7946")
    ap.add_argument("--extent-km", type=float, default=30.0)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--buildings-out", help="also write one building on every K-th parcel to this GeoJSON")
    ap.add_argument("--buildings-every", type=int, default=5)
    a = ap.parse_args()
    n = a.n
    if n < 1:
        sys.exit("N must be at least 1")
    rng = random.Random(a.seed)
    rnd = rng.random
    cols = math.ceil(math.sqrt(n))
    extent = a.extent_km * 1000.0
    cell = extent / cols
    rmax = 0.48 * cell
    half = extent / 2.0

    # metres -> degrees at the centre latitude (GRS80-ish radii of curvature)
    phi = math.radians(LAT0)
    e2 = 0.00669438002290
    aa = 6378137.0
    w = math.sqrt(1 - e2 * math.sin(phi) ** 2)
    m_per_deg_lat = math.pi / 180 * aa * (1 - e2) / w ** 3
    m_per_deg_lon = math.pi / 180 * aa * math.cos(phi) / w
    if a.crs_4547:
        sx, sy, ox, oy, fmt = 1.0, 1.0, E0 - half, N0 - half, "%.3f,%.3f"
    else:
        sx, sy = 1.0 / m_per_deg_lon, 1.0 / m_per_deg_lat
        ox, oy, fmt = LON0 - half * sx, LAT0 - half * sy, "%.7f,%.7f"
    fmt = "[" + fmt + "]"

    # unit polygons per vertex count: angle steps for k = 4..8
    two_pi = 2 * math.pi
    id_width = max(7, len(str(n)))
    props_cache = {}
    cos, sin, sqrt = math.cos, math.sin, math.sqrt
    lo, hi = math.log(1.0 * MU), math.log(50.0 * MU)
    exp = math.exp

    with open(a.out, "w", encoding="utf-8", newline="\n", buffering=1 << 20) as f:
        f.write('{"type":"FeatureCollection",')
        if a.crs_4547:
            f.write('"name":"synthetic","crs":{"type":"name","properties":'
                    '{"name":"urn:ogc:def:crs:EPSG::4547"}},')
        f.write('"features":[\n')
        buf = []
        bw = Buildings(a.buildings_out, a.buildings_every, a.seed, a.crs_4547, id_width) if a.buildings_out else None
        for i in range(n):
            row, col = divmod(i, cols)
            cx = (col + 0.5) * cell
            cy = (row + 0.5) * cell
            k = 4 + int(rnd() * 5)
            area = exp(lo + (hi - lo) * rnd())
            r = sqrt(2 * area / (k * sin(two_pi / k)))
            if r > rmax:
                r = rmax
            t0 = rnd() * two_pi
            step = two_pi / k
            pts = []
            for j in range(k):
                t = t0 + step * (j + 0.35 * (rnd() - 0.5))
                rr = r * (0.8 + 0.2 * rnd())
                pts.append(fmt % (ox + (cx + rr * cos(t)) * sx, oy + (cy + rr * sin(t)) * sy))
            pts.append(pts[0])
            if bw:
                bw.add(i, [(ox + (cx + dx * 0.1 * r) * sx, oy + (cy + dy * 0.1 * r) * sy)
                           for dx, dy in ((-1, -1), (1, -1), (1, 1), (-1, 1), (-1, -1))], fmt)
            # zone by quadrant of the extent, the rest random
            z = (2 if cy > half else 0) + (1 if cx > half else 0)
            key = (z, int(rnd() * 20), int(rnd() * 20))
            p = props_cache.get(key)
            if p is None:
                p = ('"properties":{"zone":"%s","status":"%s","land_use":"%s"}'
                     % (ZONES[z], STATUS[key[1]], LAND_USE[key[2]]))
                props_cache[key] = p
            buf.append('{"type":"Feature","id":"SYN-%0*d",%s,"geometry":{"type":"Polygon",'
                       '"coordinates":[[%s]]}}' % (id_width, i + 1, p, ",".join(pts)))
            if len(buf) >= 4096:
                f.write(",\n".join(buf))
                buf.clear()
                if i + 1 < n:
                    f.write(",\n")
        if buf:
            f.write(",\n".join(buf))
        f.write("\n]}\n")
        if bw:
            bw.close()


class Buildings:
    """One factory building on every K-th parcel, attributes from their own generator."""

    def __init__(self, path, every, seed, crs_4547, id_width):
        self.f = open(path, "w", encoding="utf-8", newline="\n", buffering=1 << 20)
        self.every, self.rng, self.id_width, self.first = max(1, every), random.Random(seed + 7919), id_width, True
        self.f.write('{"type":"FeatureCollection",')
        if crs_4547:
            self.f.write('"crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::4547"}},')
        self.f.write('"features":[\n')

    def add(self, i, ring, fmt):
        if i % self.every:
            return
        rnd = self.rng.random
        floor = round(2000 + 58000 * rnd())
        props = {
            "parcel_id": "SYN-%0*d" % (self.id_width, i + 1), "floor_area_m2": floor,
            "vacant_floor_area_m2": round(floor * rnd()), "clear_height_m": round(5 + 9 * rnd(), 1),
            "floor_load_kn_m2": round(10 + 40 * rnd()), "power_kva": round(200 + 4800 * rnd()),
            "crane_t": round(30 * rnd()) if rnd() < 0.4 else 0, "standard_factory": rnd() < 0.5,
            "available_from": "2025-%02d-01" % (1 + int(rnd() * 12)), "status": "revitalized",
        }
        coords = ",".join(fmt % p for p in ring)
        self.f.write(("" if self.first else ",\n") + '{"type":"Feature","id":"SYN-B-%0*d","properties":%s,'
                     '"geometry":{"type":"Polygon","coordinates":[[%s]]}}'
                     % (self.id_width, i + 1, json.dumps(props, separators=(",", ":")), coords))
        self.first = False

    def close(self):
        self.f.write("\n]}\n")
        self.f.close()


if __name__ == "__main__":
    main()
