#!/usr/bin/env python3
"""Write N synthetic parcels around Xinyu that TOUCH, in estates, as one GeoJSON FeatureCollection, streaming:
the matcher's benchmark registry (scripts/bench-match.sh), where joined sites and 500-mu blocks exist.

    scripts/gen-estates.py [N] [OUT.geojson] [--crs-4547] [--extent-km 300] [--seed 1]
                           [--estate 8] [--cell-m 150] [--buildings-out B.geojson --buildings-every 5]

The extent (a square centred on Xinyu high-tech zone, 114.93E 27.80N, as scripts/gen-synthetic.py lays it) is
cut into a square grid of estates, each holding estate x estate parcels (the last estates fill up to N). Inside
an estate the parcels are the cells of a grid of cell-m metres whose inner vertices are moved at random by up to
a quarter of a cell: neighbouring parcels share their edges exactly (they touch), every parcel is a simple
quadrilateral, and its area lies between about 0.56 and 1.9 cells (19-64 mu for 150 m cells: 40-60 mu parcels
are common, no single parcel reaches 80 mu). The estate's outer edge is straight; estates stand apart by the
rest of their grid pitch (1.2 km of open land for 1,000,000 parcels over 300 km), far wider than any joining
tolerance. Zones are the quadrants of the extent, statuses and land uses drawn as gen-synthetic.py draws
them (45% recovered: available by default), so each estate holds a few contiguous blocks of available land.

With --buildings-out, every K-th parcel gets one factory building (gen-synthetic.py's `Buildings`, the same
attributes from the same generator), a square of half-side 0.1 cell at the cell's centre, always inside it.
Output is deterministic for given arguments. Standard library only; memory use does not grow with N.
"""
import argparse
import importlib.util
import math
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
_spec = importlib.util.spec_from_file_location("gen_synthetic", os.path.join(HERE, "gen-synthetic.py"))
synthetic = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(synthetic)


def main():
    ap = argparse.ArgumentParser(description="Write N synthetic touching parcels in estates (streaming).")
    ap.add_argument("n", nargs="?", type=int, default=1_000_000)
    ap.add_argument("out", nargs="?", default="estates.geojson")
    ap.add_argument("--crs-4547", action="store_true",
                    help="write EPSG:4547 metres with an old-style crs member instead of RFC 7946")
    ap.add_argument("--extent-km", type=float, default=300.0)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--estate", type=int, default=8, help="parcels along an estate's side")
    ap.add_argument("--cell-m", type=float, default=150.0, help="a parcel cell's side, m")
    ap.add_argument("--buildings-out", help="also write one building on every K-th parcel to this GeoJSON")
    ap.add_argument("--buildings-every", type=int, default=5)
    a = ap.parse_args()
    n, k, cell = a.n, a.estate, a.cell_m
    if n < 1 or k < 1 or cell <= 0:
        sys.exit("N, --estate and --cell-m must be positive")
    per = k * k
    estates = math.ceil(n / per)
    across = math.ceil(math.sqrt(estates))
    extent = a.extent_km * 1000.0
    pitch = extent / across
    if pitch < k * cell + 20:
        sys.exit("estates of %d x %.0f m do not fit %d across %.1f km with a road between them"
                 % (k, cell, across, a.extent_km))
    half = extent / 2.0
    rng = random.Random(a.seed)
    rnd = rng.random

    phi = math.radians(synthetic.LAT0)
    e2, aa = 0.00669438002290, 6378137.0
    w = math.sqrt(1 - e2 * math.sin(phi) ** 2)
    m_per_deg_lat = math.pi / 180 * aa * (1 - e2) / w ** 3
    m_per_deg_lon = math.pi / 180 * aa * math.cos(phi) / w
    if a.crs_4547:
        sx, sy, ox, oy, fmt = 1.0, 1.0, synthetic.E0 - half, synthetic.N0 - half, "%.3f,%.3f"
    else:
        sx, sy = 1.0 / m_per_deg_lon, 1.0 / m_per_deg_lat
        ox, oy, fmt = synthetic.LON0 - half * sx, synthetic.LAT0 - half * sy, "%.7f,%.7f"
    fmt = "[" + fmt + "]"
    id_width = max(7, len(str(n)))
    jitter = 0.25 * cell

    with open(a.out, "w", encoding="utf-8", newline="\n", buffering=1 << 20) as f:
        f.write('{"type":"FeatureCollection",')
        if a.crs_4547:
            f.write('"name":"estates","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::4547"}},')
        f.write('"features":[\n')
        bw = synthetic.Buildings(a.buildings_out, a.buildings_every, a.seed, a.crs_4547, id_width) \
            if a.buildings_out else None
        first = True
        i = 0
        for e in range(estates):
            erow, ecol = divmod(e, across)
            # The estate's lower-left corner, centred in its pitch.
            x0 = ecol * pitch + (pitch - k * cell) / 2
            y0 = erow * pitch + (pitch - k * cell) / 2
            # Shared vertices: inner ones moved, those on the estate's edge kept on it.
            vx = [[x0 + c * cell + (jitter * (2 * rnd() - 1) if 0 < c < k and 0 < r < k else 0)
                   for c in range(k + 1)] for r in range(k + 1)]
            vy = [[y0 + r * cell + (jitter * (2 * rnd() - 1) if 0 < c < k and 0 < r < k else 0)
                   for c in range(k + 1)] for r in range(k + 1)]
            for cell_i in range(min(per, n - i)):
                r, c = divmod(cell_i, k)
                corners = [(r, c), (r, c + 1), (r + 1, c + 1), (r + 1, c), (r, c)]  # counter-clockwise
                ring = ",".join(fmt % (ox + vx[rr][cc] * sx, oy + vy[rr][cc] * sy) for rr, cc in corners)
                cx, cy = x0 + (c + 0.5) * cell, y0 + (r + 0.5) * cell
                if bw:
                    bw.add(i, [(ox + (cx + dx * 0.1 * cell) * sx, oy + (cy + dy * 0.1 * cell) * sy)
                               for dx, dy in ((-1, -1), (1, -1), (1, 1), (-1, 1), (-1, -1))], fmt)
                z = (2 if cy > half else 0) + (1 if cx > half else 0)
                props = ('"properties":{"zone":"%s","status":"%s","land_use":"%s"}'
                         % (synthetic.ZONES[z], synthetic.STATUS[int(rnd() * 20)], synthetic.LAND_USE[int(rnd() * 20)]))
                f.write(("" if first else ",\n") + '{"type":"Feature","id":"SYN-%0*d",%s,"geometry":{"type":"Polygon",'
                        '"coordinates":[[%s]]}}' % (id_width, i + 1, props, ring))
                first = False
                i += 1
        f.write("\n]}\n")
        if bw:
            bw.close()


if __name__ == "__main__":
    main()
