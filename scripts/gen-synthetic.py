#!/usr/bin/env python3
"""Write N synthetic parcels around Xinyu as one GeoJSON FeatureCollection, streaming.

    scripts/gen-synthetic.py [N] [OUT.geojson] [--crs-4547] [--extent-km 30] [--seed 1]

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
"""
import argparse
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


if __name__ == "__main__":
    main()
