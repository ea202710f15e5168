#!/usr/bin/python3
"""Generate landbank's test fixtures under Fixtures/ (deterministic, byte-reproducible).

    /usr/bin/python3 scripts/gen-fixtures.py [--out DIR]

Standard library only, plus osgeo.osr (python3-gdal) to turn EPSG:4547 coordinates
into WGS84 lon/lat for the RFC 7946 fixtures. Run with Debian's /usr/bin/python3,
which has osgeo; a pyenv python3 usually does not.

The buildings, history and contract fixtures are derived from the ledger (each with its own
random generator), so the earlier outputs stay byte-identical when they change.

Every fixture is generated in EPSG:4547 (CGCS2000 / 3-degree Gauss-Kruger CM 114E,
metres, no zone prefix) as integer millimetres, so areas are exact integers; the
lon/lat files are converted from those. Each fixture occupies its own patch of
ground near Xinyu, so importing several fixtures into one registry never creates
overlaps between files.
"""
import argparse
import csv
import datetime as _dt
import io
import json
import math
import os
import random
from fractions import Fraction

SEED = 20230144
MU_M2 = Fraction(10000, 15)            # 1 mu = 10000/15 m^2 exactly
TARGET_MU = Fraction("3575.105")        # seed 001: about 3575.105 mu disposed of
TOL_MU = Fraction("0.0002")
N_PARCELS = 144                         # seed 001: 144 parcels
FLOOR_TOTAL_M2 = 825854                 # seed 001: idle factory floor space recovered/revitalized

ZONES = [  # name, origin easting/northing (m, EPSG:4547), parcel count
    ("马洪片区", 593000, 3076000, 52),
    ("袁河片区", 588000, 3072000, 38),
    ("光明片区", 596500, 3080000, 30),
    ("高新东区", 600500, 3074000, 24),
]
# Separate patches (EPSG:4547 origin, metres) for the other fixtures.
LONLAT_ORIGIN = (584000, 3080000)
WKT_ORIGIN = (584000, 3082000)
GCJ_ORIGIN = (586500, 3083500)
BAD_ORIGIN = (582000, 3085000)     # each bad file gets its own 400 m column


# ---------------------------------------------------------------- geometry (integer mm)

def area2(ring):
    """Twice the signed shoelace area of an open or closed ring of integer-mm points (mm^2)."""
    s = 0
    n = len(ring)
    for i in range(n):
        x1, y1 = ring[i]
        x2, y2 = ring[(i + 1) % n]
        s += x1 * y2 - x2 * y1
    return s


def open_ring(r):
    return r[:-1] if len(r) > 1 and r[0] == r[-1] else r


def polys_area_mm2(polys):
    """Cadastral area (mm^2, Fraction): |shell| - sum |holes|, summed over parts."""
    total = Fraction(0)
    for rings in polys:
        total += Fraction(abs(area2(open_ring(rings[0]))), 2)
        for h in rings[1:]:
            total -= Fraction(abs(area2(open_ring(h))), 2)
    return total


def mm(v):
    return int(round(v * 1000.0))


def fmt_mm(v):
    """Integer millimetres -> decimal metres with exactly 3 decimals."""
    sign = "-" if v < 0 else ""
    v = abs(v)
    return f"{sign}{v // 1000}.{v % 1000:03d}"


def scaled(norm_pts, w, h):
    return [(mm(x * w), mm(y * h)) for x, y in norm_pts]


def norm_area(pts):
    return abs(area2_float(pts)) / 2.0


def area2_float(pts):
    s = 0.0
    for i in range(len(pts)):
        x1, y1 = pts[i]
        x2, y2 = pts[(i + 1) % len(pts)]
        s += x1 * y2 - x2 * y1
    return s


class Shape:
    """A parcel's geometry in local integer-mm coordinates inside the box [0,W]x[0,H]."""

    def __init__(self, kind, polys, W, H):
        self.kind = kind
        self.polys = polys          # list of polygons, each a list of open rings (CCW shell, CW holes)
        self.W = W
        self.H = H

    @property
    def multipart(self):
        return len(self.polys) > 1

    @property
    def holes(self):
        return sum(len(p) - 1 for p in self.polys)


def clamp_shape(polys):
    """Shift so the bounding box starts at (0,0); return polys, W, H."""
    xs = [x for p in polys for r in p for x, _ in r]
    ys = [y for p in polys for r in p for _, y in r]
    x0, y0 = min(xs), min(ys)
    polys = [[[(x - x0, y - y0) for x, y in r] for r in p] for p in polys]
    return polys, max(xs) - x0, max(ys) - y0


def ccw(r):
    return r if area2(r) > 0 else list(reversed(r))


def cw(r):
    return r if area2(r) < 0 else list(reversed(r))


def make_shape(rng, kind, area_m2, nholes=None):
    """Build a shape of roughly area_m2 (exact area is measured afterwards)."""
    aspect = rng.uniform(0.55, 1.9)
    if kind == "rotated":
        a = math.sqrt(area_m2 * aspect)
        b = area_m2 / a
        t = math.radians(rng.choice([-1, 1]) * rng.uniform(4, 22))
        c, s = math.cos(t), math.sin(t)
        pts = [(x * c - y * s, x * s + y * c) for x, y in [(0, 0), (a, 0), (a, b), (0, b)]]
        ring = [(mm(x), mm(y)) for x, y in pts]
        polys, W, H = clamp_shape([[ccw(ring)]])
        return Shape(kind, polys, W, H)
    if kind == "multipart":
        road = rng.uniform(12, 20)            # a road splits the parcel in two
        f1 = rng.uniform(0.35, 0.65)
        h = math.sqrt(area_m2 / aspect)
        wsum = area_m2 / h
        w1, w2 = wsum * f1, wsum * (1 - f1)
        if rng.random() < 0.5:                # split east-west
            p1 = [(0, 0), (mm(w1), 0), (mm(w1), mm(h)), (0, mm(h))]
            x2 = mm(w1 + road)
            p2 = [(x2, 0), (x2 + mm(w2), 0), (x2 + mm(w2), mm(h)), (x2, mm(h))]
        else:                                 # split north-south, second part a trapezoid
            wt = wsum / 2 * 1.0
            h1, h2 = (h * 2) * f1, (h * 2) * (1 - f1)
            p1 = [(0, 0), (mm(wt), 0), (mm(wt), mm(h1)), (0, mm(h1))]
            y2 = mm(h1 + road)
            cut = mm(wt * rng.uniform(0.1, 0.3))
            p2 = [(0, y2), (mm(wt), y2), (mm(wt) - cut, y2 + mm(h2)), (0, y2 + mm(h2))]
        polys, W, H = clamp_shape([[ccw(p1)], [ccw(p2)]])
        return Shape(kind, polys, W, H)
    if kind == "holed":
        # a retained substation / pump house, or a road reserve, kept out of the parcel
        if rng.random() < 0.6:
            hw, hh = rng.uniform(18, 35), rng.uniform(22, 45)
        else:
            hw, hh = rng.uniform(10, 16), rng.uniform(60, 90)
        if nholes is None:
            nholes = 1
        shell_area = area_m2 + hw * hh * nholes
        base = rng.choice(["rect", "trapezoid"]) if nholes == 1 else "rect"
        aspect = rng.uniform(0.8, 1.5)
        w_est = math.sqrt(area_m2 * aspect)          # keep the holes well inside a small parcel
        hw = min(hw, (w_est - 60) / 3.2)
        hh = min(hh, 0.55 * area_m2 / w_est)
        shell_area = area_m2 + hw * hh * nholes
        if base == "rect":
            norm = [(0, 0), (1, 0), (1, 1), (0, 1)]
        else:
            norm = [(0, 0), (1, 0), (1, 1), (rng.uniform(0.1, 0.25), 1)]
        f = norm_area(norm)
        w = math.sqrt(shell_area / f * aspect)
        h = shell_area / f / w
        assert w > hw * 2 + 60 and h > hh + 40, (w, h, hw, hh)
        shell = scaled(norm, w, h)
        assert nholes == 1 or w > 3 * hw + 60, (w, hw)
        starts = [rng.uniform(0.3, 0.5) * w] if nholes == 1 else \
            [rng.uniform(0.1, 0.2) * w, rng.uniform(0.55, 0.6) * w]
        holes = []
        for x in starts:
            x = min(x, w - hw - 15)
            y = rng.uniform(20, max(21, h - hh - 20))
            hr = [(mm(x), mm(y)), (mm(x + hw), mm(y)), (mm(x + hw), mm(y + hh)), (mm(x), mm(y + hh))]
            holes.append(cw(hr))
        polys, W, H = clamp_shape([[ccw(shell)] + holes])
        return Shape(kind, polys, W, H)
    if kind == "rect":
        norm = [(0, 0), (1, 0), (1, 1), (0, 1)]
    elif kind == "trapezoid":
        t = rng.uniform(0.12, 0.35)
        if rng.random() < 0.5:
            norm = [(0, 0), (1, 0), (1, 1), (t, 1)]
        else:
            norm = [(0, 0), (1, 0), (1 - t / 2, 1), (t / 2, 1)]
    elif kind == "quad":
        norm = [(0, rng.uniform(0.0, 0.12)), (1, 0), (1 - rng.uniform(0.05, 0.2), 1),
                (0, 1 - rng.uniform(0.0, 0.1))]
    elif kind == "lshape":
        p, q = rng.uniform(0.4, 0.7), rng.uniform(0.4, 0.7)
        norm = [(0, 0), (1, 0), (1, p), (q, p), (q, 1), (0, 1)]
    elif kind == "pentagon":
        c1, c2 = rng.uniform(0.15, 0.35), rng.uniform(0.15, 0.35)
        norm = [(0, 0), (1, 0), (1, 1 - c1), (1 - c2, 1), (0, 1)]
    elif kind == "hexagon":
        c1, c2 = rng.uniform(0.1, 0.3), rng.uniform(0.1, 0.3)
        norm = [(0, 0), (1 - c1, 0), (1, c1 * 0.8), (1, 1), (c2, 1), (0, 1 - c2 * 0.9)]
    else:
        raise ValueError(kind)
    f = norm_area(norm)
    w = math.sqrt(area_m2 / f * aspect)
    h = area_m2 / f / w
    polys, W, H = clamp_shape([[ccw(scaled(norm, w, h))]])
    return Shape(kind, polys, W, H)


def finish_rings(rng, polys, flip_prob=0.5, rotate=True):
    """Apply winding mix and start-vertex rotation, close rings. Holes wind opposite to their shell."""
    out = []
    for rings in polys:
        flip = rng.random() < flip_prob
        new = []
        for i, r in enumerate(rings):
            r = list(r)
            r = ccw(r) if i == 0 else cw(r)
            if flip:
                r = list(reversed(r))
            if rotate:
                k = rng.randrange(len(r))
                r = r[k:] + r[:k]
            new.append(r + [r[0]])
        out.append(new)
    return out


# ---------------------------------------------------------------- lon/lat

_TRANSFORM = None


def to_lonlat(x_m, y_m):
    global _TRANSFORM
    if _TRANSFORM is None:
        from osgeo import osr
        osr.UseExceptions()
        src = osr.SpatialReference()
        src.ImportFromEPSG(4547)
        dst = osr.SpatialReference()
        dst.ImportFromEPSG(4326)
        for s in (src, dst):
            s.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
        _TRANSFORM = osr.CoordinateTransformation(src, dst)
    lon, lat, _ = _TRANSFORM.TransformPoint(x_m, y_m)
    return lon, lat


def q7(v):
    """Round to 7 decimals, as an integer count of 1e-7 degrees."""
    return int(round(v * 1e7))


def fmt7(n):
    sign = "-" if n < 0 else ""
    n = abs(n)
    return f"{sign}{n // 10000000}.{n % 10000000:07d}"


def polys_lonlat_q7(polys_mm, ox, oy):
    """Local-mm polygons at origin (ox, oy) metres -> lon/lat in 1e-7 degree integers, RFC 7946 winding."""
    out = []
    for rings in polys_mm:
        nr = []
        for i, r in enumerate(rings):
            pts = [(q7(lon), q7(lat)) for lon, lat in
                   (to_lonlat(ox + x / 1000.0, oy + y / 1000.0) for x, y in open_ring(r))]
            pts = ccw(pts) if i == 0 else cw(pts)
            nr.append(pts + [pts[0]])
        out.append(nr)
    return out


def coords_json(polys, fmt):
    """polys: list of polygons (list of closed rings). Returns (type, coordinates-text) GDAL style."""
    def ring_txt(r):
        return "[ " + ", ".join(f"[ {fmt(x)}, {fmt(y)} ]" for x, y in r) + " ]"

    def poly_txt(p):
        return "[ " + ", ".join(ring_txt(r) for r in p) + " ]"

    if len(polys) == 1:
        return "Polygon", poly_txt(polys[0])
    return "MultiPolygon", "[ " + ", ".join(poly_txt(p) for p in polys) + " ]"


def jstr(v):
    return json.dumps(v, ensure_ascii=False)


def props_json(props):
    parts = []
    for k, v in props.items():
        if isinstance(v, RawNumber):
            parts.append(f"{jstr(k)}: {v.text}")
        else:
            parts.append(f"{jstr(k)}: {jstr(v)}")
    return "{ " + ", ".join(parts) + " }"


class RawNumber:
    def __init__(self, text):
        self.text = text


def feature_line(fid, props, gtype, coords_txt, raw_geometry=None):
    head = '{ "type": "Feature", '
    if fid is not None:
        head += f'"id": {jstr(fid)}, '
    geom = raw_geometry if raw_geometry is not None else \
        f'{{ "type": "{gtype}", "coordinates": {coords_txt} }}'
    return head + f'"properties": {props_json(props)}, "geometry": {geom} }}'


def collection_text(name, crs_urn, lines):
    out = ['{', '"type": "FeatureCollection",']
    if name:
        out.append(f'"name": {jstr(name)},')
    if crs_urn:
        out.append(f'"crs": {{ "type": "name", "properties": {{ "name": "{crs_urn}" }} }},')
    out.append('"features": [')
    out.append(",\n".join(lines))
    out.append(']')
    out.append('}')
    return "\n".join(out) + "\n"


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


# ---------------------------------------------------------------- names and attributes

BRAND_CHARS = list("鑫恒瑞泰盛源达宏华晶德丰嘉利博远昌隆安力腾金辉科联创兴鼎旺润邦海诚永富祥")
INDUSTRY = {
    "industrial": ["光伏材料", "锂电科技", "新材料", "钢结构", "机械制造", "电子科技", "纺织", "硅业",
                   "特种钢材", "新能源科技", "精密机械", "建材", "电气设备", "环保科技", "麻纺",
                   "精密模具", "包装材料", "储能科技", "化工", "汽车零部件"],
    "warehousing": ["物流", "仓储", "供应链管理", "冷链物流"],
    "commercial": ["商贸", "置业", "酒店管理"],
}
SUFFIX = ["有限公司", "有限公司", "有限公司", "股份有限公司", "有限责任公司"]


def make_names(rng, land_uses):
    used = set()
    names, holders = [], []
    for lu in land_uses:
        while True:
            brand = "".join(rng.sample(BRAND_CHARS, 2))
            ind = rng.choice(INDUSTRY[lu])
            name = f"新余{brand}{ind}{rng.choice(SUFFIX)}"
            if name not in used:
                used.add(name)
                break
        r = rng.random()
        if r < 0.75:
            holder = name
        elif r < 0.88:       # the certificate is in the parent group's name
            holder = f"江西{brand}{ind}集团有限公司"
        else:                # held under the firm's earlier name
            holder = f"新余市{''.join(rng.sample(BRAND_CHARS, 2))}{ind}厂"
        names.append(name)
        holders.append(holder)
    return names, holders


def random_date(rng, y0, y1):
    import datetime
    d0 = datetime.date(y0, 1, 1).toordinal()
    d1 = datetime.date(y1, 12, 31).toordinal()
    return datetime.date.fromordinal(rng.randint(d0, d1)).isoformat()


# ---------------------------------------------------------------- a) the disposed-land ledger

def gen_ledger(rng, outdir):
    n = N_PARCELS
    # sizes: log-normal around ~20 mu, clipped to 3..120 mu, plus three large parcels
    sizes = [min(120.0, max(3.0, rng.lognormvariate(math.log(19.0), 0.75))) for _ in range(n)]
    for i in rng.sample(range(n), 3):
        sizes[i] = rng.uniform(150, 240)
    # kinds
    kinds = ["rect"] * n
    idx = list(range(n))
    rng.shuffle(idx)
    big = [i for i in idx if sizes[i] >= 32]
    holed = big[:10]
    multi = [i for i in idx if sizes[i] >= 8 and i not in holed][:8]
    special = set(holed) | set(multi)
    for i in holed:
        kinds[i] = "holed"
    for i in multi:
        kinds[i] = "multipart"
    others = [i for i in idx if i not in special]
    pool = (["rotated"] * 18 + ["trapezoid"] * 16 + ["quad"] * 14 + ["lshape"] * 10 +
            ["pentagon"] * 10 + ["hexagon"] * 6)
    for i, k in zip(others, pool):
        kinds[i] = k
    # the adjusting parcel: an axis-aligned rectangle of middling size
    adjust = next(i for i in others[len(pool):] if 15 <= sizes[i] <= 60)
    # scale to the target (the adjusting parcel absorbs what rounding and shapes leave over)
    scale = float(TARGET_MU) / sum(sizes)
    sizes = [s * scale for s in sizes]
    mu = float(MU_M2)
    shapes = [None] * n
    for i in range(n):
        if i != adjust:
            # the largest holed parcel keeps two holes (a substation and a pump house)
            nh = 2 if kinds[i] == "holed" and sizes[i] == max(sizes[j] for j in holed) else None
            shapes[i] = make_shape(rng, kinds[i], sizes[i] * mu, nh)
    # adjusting rectangle: integer-mm sides W*H as close as possible to what is left
    target_mm2 = TARGET_MU * MU_M2 * 1000000
    rest = target_mm2 - sum(polys_area_mm2(s.polys) for i, s in enumerate(shapes) if i != adjust)
    assert 8 * mu * 1e6 < rest < 90 * mu * 1e6, float(rest) / 1e6 / mu
    w0 = int(round(math.sqrt(float(rest) * 1.3)))
    best = None
    for W in range(w0 - 20000, w0 + 20000):
        H = int(round(rest / W))
        err = abs(W * H - rest)
        if best is None or err < best[0]:
            best = (err, W, H)
    _, W, H = best
    shapes[adjust] = Shape("rect", [[[(0, 0), (W, 0), (W, H), (0, H)]]], W, H)

    # attributes
    zone_of = []
    for z, (zname, _, _, cnt) in enumerate(ZONES):
        zone_of += [z] * cnt
    assert len(zone_of) == n
    rng.shuffle(zone_of)
    land_use = ["industrial"] * 116 + ["warehousing"] * 19 + ["commercial"] * 9
    rng.shuffle(land_use)
    status = ["recovered"] * 62 + ["revitalized"] * 74 + ["under_recovery"] * 8
    rng.shuffle(status)
    method = []
    for s in status:
        if s == "under_recovery":
            method.append(rng.choice(["land_recovery"] * 5 + ["acquisition"] * 3))
        elif s == "recovered":
            method.append("land_recovery" if rng.random() < 0.07 else "acquisition")
        else:
            r = rng.random()
            method.append("lease" if r < 0.5 else "capital_increase" if r < 0.92 else "acquisition")
    names, holders = make_names(rng, land_use)
    contracts = set()
    contract_no = []
    for i in range(n):
        while True:
            c = f"新高土合〔{rng.randint(2006, 2018)}〕{rng.randint(1, 120):03d}号"
            if c not in contracts:
                contracts.add(c)
                break
        contract_no.append(c)
    # idle factory floor space: built-on parcels only, summing to the seed's figure
    floor = [0] * n
    built = [i for i in range(n) if rng.random() < 0.7 and land_use[i] != "commercial"]
    weights = [rng.uniform(0.25, 0.55) * sizes[i] * mu for i in built]
    tot = sum(weights)
    for i, wgt in zip(built, weights):
        floor[i] = int(wgt / tot * FLOOR_TOTAL_M2)
    floor[built[0]] += FLOOR_TOTAL_M2 - sum(floor)
    assert sum(floor) == FLOOR_TOTAL_M2

    # layout: each zone on a grid of blocks, parcels along rows fronting a road
    placed = [None] * n
    for z, (zname, E0, N0, _) in enumerate(ZONES):
        members = [i for i in range(n) if zone_of[i] == z]
        x = y = row_h = 0
        block_start = 0
        for i in members:
            s = shapes[i]
            if x > 0 and x + s.W > 1800000:
                y += row_h + mm(rng.choice([24, 30, 36]))
                x = row_h = block_start = 0
            placed[i] = (E0 * 1000 + x, N0 * 1000 + y)
            x += s.W
            if x - block_start > 450000:
                x += mm(30)                  # a 30 m block road
                block_start = x
            else:
                x += 0 if rng.random() < 0.3 else mm(rng.uniform(5, 15))
            row_h = max(row_h, s.H)

    total_mm2 = Fraction(0)
    lines = []
    declared = []
    for i in range(n):
        s = shapes[i]
        ox, oy = placed[i]
        polys = [[[(ox + x, oy + y) for x, y in r] for r in p] for p in s.polys]
        polys = finish_rings(rng, polys)
        a = polys_area_mm2(polys)
        total_mm2 += a
        a_mu = float(a / 1000000 / MU_M2)
        d = int(round(a_mu * (1 + rng.choice([-1, 1]) * rng.uniform(0.002, 0.02)) * 100))
        if d == int(round(a_mu * 100)):
            d += 1
        declared.append(d)
        props = {
            "name": names[i],
            "zone": ZONES[zone_of[i]][0],
            "land_use": land_use[i],
            "status": status[i],
            "disposal_method": method[i],
            "contract_no": contract_no[i],
            "original_holder": holders[i],
            "disposed_on": random_date(rng, 2021, 2024),
            "declared_area_mu": RawNumber(f"{d // 100}.{d % 100:02d}"),
            "factory_floor_m2": RawNumber(str(floor[i])),
        }
        gtype, ctxt = coords_json(polys, fmt_mm)
        lines.append(feature_line(f"XYGX-2023-{i + 1:03d}", props, gtype, ctxt))
    text = collection_text("xinyu_hitech_disposed", "urn:ogc:def:crs:EPSG::4547", lines)
    path = os.path.join(outdir, "xinyu-hitech-disposed.geojson")
    write(path, text)

    # check, from the written text, exactly as a reader would
    doc = json.loads(text, parse_float=Fraction, parse_int=Fraction)
    assert len(doc["features"]) == N_PARCELS
    m2 = Fraction(0)
    for f in doc["features"]:
        g = f["geometry"]
        parts = [g["coordinates"]] if g["type"] == "Polygon" else g["coordinates"]
        for rings in parts:
            for k, r in enumerate(rings):
                s2 = sum(r[j][0] * r[j + 1][1] - r[j + 1][0] * r[j][1] for j in range(len(r) - 1))
                m2 += abs(s2) / 2 if k == 0 else -abs(s2) / 2
    total_mu = m2 / MU_M2
    assert m2 * 1000000 == total_mm2
    err = total_mu - TARGET_MU
    assert abs(err) < TOL_MU, float(err)
    kinds_count = {}
    for s in shapes:
        kinds_count[s.kind] = kinds_count.get(s.kind, 0) + 1
    sizes_mu = [float(polys_area_mm2(s.polys) / 1000000 / MU_M2) for s in shapes]
    print(f"{path}: {n} parcels, cadastral area sum = {float(m2):.6f} m2 = "
          f"{float(total_mu):.7f} mu (target 3575.105, error {float(err):+.3e} mu)")
    print(f"  exact sum = {total_mu.numerator}/{total_mu.denominator} mu; "
          f"parcel sizes {min(sizes_mu):.3f}..{max(sizes_mu):.3f} mu; "
          f"declared sum {sum(declared) / 100:.2f} mu; floor space {sum(floor)} m2")
    print(f"  shapes: {dict(sorted(kinds_count.items()))}; "
          f"holes in {sum(1 for s in shapes if s.holes)} parcels, "
          f"multipart {sum(1 for s in shapes if s.multipart)}; adjusting parcel "
          f"XYGX-2023-{adjust + 1:03d} ({W / 1000:.3f} x {H / 1000:.3f} m)")
    return doc


# ---------------------------------------------------------------- b) RFC 7946 lon/lat sample

def simple_parcels(rng, count, holes_at=(), multi_at=(), max_mu=40):
    """Small layout of shapes in local mm: returns list of (polys_local_mm) laid out on two rows."""
    mu = float(MU_M2)
    shapes = []
    for i in range(count):
        a = rng.uniform(5, max_mu) * mu
        if i in holes_at:
            sh = make_shape(rng, "holed", max(a, 25 * mu))
        elif i in multi_at:
            sh = make_shape(rng, "multipart", a)
        else:
            sh = make_shape(rng, rng.choice(["rect", "rotated", "trapezoid", "lshape", "pentagon"]), a)
        shapes.append(sh)
    out = []
    x = y = row_h = 0
    per_row = (count + 1) // 2
    for i, sh in enumerate(shapes):
        if i == per_row:
            y += row_h + mm(24)
            x = row_h = 0
        out.append([[[(px + x, py + y) for px, py in r] for r in p] for p in sh.polys])
        x += sh.W + mm(rng.uniform(8, 20))
        row_h = max(row_h, sh.H)
    return out


def lonlat_text(polys_q7):
    # ensure closed rings and winding already done
    return coords_json(polys_q7, fmt7)


def gen_lonlat(rng, outdir):
    polys_list = simple_parcels(rng, 12, holes_at=(3, 8), multi_at=(6,))
    ox, oy = LONLAT_ORIGIN
    lines = []
    for i, local in enumerate(polys_list):
        q = polys_lonlat_q7(local, ox, oy)
        gtype, ctxt = lonlat_text(q)
        code = f"LL-{i + 1:03d}"
        lu = rng.choice(["industrial"] * 4 + ["warehousing"])
        props = {}
        if i % 3 == 1:      # id as property "code" on a third of the features
            props["code"] = code
            fid = None
        else:
            fid = code
        props.update({
            "name": f"新余{''.join(rng.sample(BRAND_CHARS, 2))}{rng.choice(INDUSTRY[lu])}有限公司",
            "zone": rng.choice([z[0] for z in ZONES]),
            "land_use": lu,
            "status": rng.choice(["recovered", "revitalized", "under_recovery"]),
            "disposal_method": rng.choice(["acquisition", "lease", "capital_increase"]),
        })
        lines.append(feature_line(fid, props, gtype, ctxt))
    path = os.path.join(outdir, "lonlat-sample.geojson")
    write(path, collection_text("lonlat_sample", None, lines))
    print(f"{path}: {len(lines)} parcels (RFC 7946)")


# ---------------------------------------------------------------- c) WKT CSV

def wkt_of(polys, fmt):
    def ring(r):
        return "(" + ", ".join(f"{fmt(x)} {fmt(y)}" for x, y in r) + ")"

    def poly(p):
        return "(" + ", ".join(ring(r) for r in p) + ")"

    if len(polys) == 1:
        return "POLYGON " + poly(polys[0])
    return "MULTIPOLYGON (" + ", ".join(poly(p) for p in polys) + ")"


def csv_text(rows):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    for r in rows:
        w.writerow(r)
    return buf.getvalue()


def gen_wkt_csv(rng, outdir):
    polys_list = simple_parcels(rng, 10, holes_at=(4,), multi_at=(7,))
    ox, oy = WKT_ORIGIN
    rows = [["parcel_id", "zone", "land_use", "status", "disposal_method", "name", "wkt"]]
    for i, local in enumerate(polys_list):
        polys = [[[(ox * 1000 + x, oy * 1000 + y) for x, y in r] for r in p] for p in local]
        polys = finish_rings(rng, polys)
        lu = rng.choice(["industrial"] * 4 + ["warehousing", "commercial"])
        name = f"新余{''.join(rng.sample(BRAND_CHARS, 2))}{rng.choice(INDUSTRY[lu])}有限公司"
        if i == 2:
            name += "（原新余市东风机械厂, 破产重整）"    # an ASCII comma inside a quoted field
        rows.append([f"WKT-{i + 1:03d}", rng.choice([z[0] for z in ZONES]), lu,
                     rng.choice(["recovered", "revitalized"]),
                     rng.choice(["acquisition", "lease", "capital_increase", "land_recovery"]),
                     name, wkt_of(polys, fmt_mm)])
    path = os.path.join(outdir, "parcels-wkt.csv")
    write(path, csv_text(rows))
    print(f"{path}: {len(rows) - 1} parcels (WKT, EPSG:4547)")


# ---------------------------------------------------------------- d) GCJ-02 sample

GCJ_A = 6378245.0
GCJ_EE = 0.00669342162296594323


def _tlat(x, y):
    r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * math.sqrt(abs(x))
    r += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    r += (20.0 * math.sin(y * math.pi) + 40.0 * math.sin(y / 3.0 * math.pi)) * 2.0 / 3.0
    r += (160.0 * math.sin(y / 12.0 * math.pi) + 320.0 * math.sin(y * math.pi / 30.0)) * 2.0 / 3.0
    return r


def _tlon(x, y):
    r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * math.sqrt(abs(x))
    r += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    r += (20.0 * math.sin(x * math.pi) + 40.0 * math.sin(x / 3.0 * math.pi)) * 2.0 / 3.0
    r += (150.0 * math.sin(x / 12.0 * math.pi) + 300.0 * math.sin(x / 30.0 * math.pi)) * 2.0 / 3.0
    return r


def wgs84_to_gcj02(lon, lat):
    dlat = _tlat(lon - 105.0, lat - 35.0)
    dlon = _tlon(lon - 105.0, lat - 35.0)
    radlat = lat / 180.0 * math.pi
    magic = math.sin(radlat)
    magic = 1 - GCJ_EE * magic * magic
    sqrtmagic = math.sqrt(magic)
    dlat = (dlat * 180.0) / ((GCJ_A * (1 - GCJ_EE)) / (magic * sqrtmagic) * math.pi)
    dlon = (dlon * 180.0) / (GCJ_A / sqrtmagic * math.cos(radlat) * math.pi)
    return lon + dlon, lat + dlat


def gen_gcj(rng, outdir):
    polys_list = simple_parcels(rng, 5, holes_at=(2,))
    ox, oy = GCJ_ORIGIN
    truth_lines, gcj_lines = [], []
    max_shift = 0.0
    for i, local in enumerate(polys_list):
        q = polys_lonlat_q7(local, ox, oy)
        g = [[[(q7(a), q7(b)) for a, b in (wgs84_to_gcj02(x / 1e7, y / 1e7) for x, y in r)]
              for r in p] for p in q]
        for p, pg in zip(q, g):
            for r, rg in zip(p, pg):
                for (x, y), (gx, gy) in zip(r, rg):
                    dx = (gx - x) / 1e7 * 111320 * math.cos(math.radians(y / 1e7))
                    dy = (gy - y) / 1e7 * 110574
                    max_shift = max(max_shift, math.hypot(dx, dy))
                assert area2(rg) * area2(r) > 0
        props = {"name": f"新余{''.join(rng.sample(BRAND_CHARS, 2))}{rng.choice(INDUSTRY['industrial'])}有限公司",
                 "zone": rng.choice([z[0] for z in ZONES]),
                 "land_use": "industrial", "status": "revitalized", "disposal_method": "lease"}
        fid = f"GCJ-{i + 1:03d}"
        t, c = lonlat_text(q)
        truth_lines.append(feature_line(fid, props, t, c))
        t, c = lonlat_text(g)
        gcj_lines.append(feature_line(fid, dict(props, source="amap"), t, c))
    write(os.path.join(outdir, "gcj02-sample.geojson"), collection_text("gcj02_sample", None, gcj_lines))
    write(os.path.join(outdir, "gcj02-sample.truth.geojson"),
          collection_text("gcj02_sample_truth", None, truth_lines))
    print(f"{os.path.join(outdir, 'gcj02-sample.geojson')}: {len(gcj_lines)} parcels, "
          f"GCJ-02 offset up to {max_shift:.1f} m (truth in gcj02-sample.truth.geojson)")


# ---------------------------------------------------------------- e) bad files

def gen_bad(rng, outdir):
    bad = os.path.join(outdir, "bad")
    mu = float(MU_M2)
    column = [0]

    def five_valid():
        """Five valid rectangles in their own column; returns (local polys in mm, origin in m)."""
        ox = BAD_ORIGIN[0] + column[0] * 400
        oy = BAD_ORIGIN[1]
        column[0] += 1
        out = []
        y = 0
        for i in range(5):
            a = rng.uniform(6, 20) * mu
            w = math.sqrt(a * rng.uniform(0.8, 1.4))
            h = a / w
            r = [(0, y), (mm(w), y), (mm(w), y + mm(h)), (0, y + mm(h))]
            out.append([[r]])
            y += mm(h) + mm(20)
        return out, ox, oy

    def props(i, fid=True):
        return {"name": f"测试地块{i}", "zone": "马洪片区", "land_use": "industrial",
                "status": "recovered", "disposal_method": "acquisition"}

    def lonlat_lines(polys_list, ox, oy, override=None):
        lines = []
        for i, local in enumerate(polys_list):
            fid = f"BAD-{i:03d}"
            if override and i in override:
                lines.append(override[i](fid, local, ox, oy))
                continue
            t, c = lonlat_text(polys_lonlat_q7(local, ox, oy))
            lines.append(feature_line(fid, props(i), t, c))
        return lines

    def ring_q7(local, ox, oy):
        return polys_lonlat_q7(local, ox, oy)[0][0]

    def raw(fid, i, gtype, coords_txt):
        return feature_line(fid, props(i), gtype, coords_txt)

    files = {}

    # unreadable: truncated mid-feature 2
    pl, ox, oy = five_valid()
    text = collection_text(None, None, lonlat_lines(pl, ox, oy))
    cut = text.index('"BAD-002"') + 120
    files["unreadable.geojson"] = text[:cut]

    # bad-wkt.csv: third data row has unbalanced parentheses
    pl, ox, oy = five_valid()
    rows = [["parcel_id", "zone", "land_use", "status", "disposal_method", "name", "wkt"]]
    for i, local in enumerate(pl):
        polys = [[[(ox * 1000 + x, oy * 1000 + y) for x, y in r] for r in p] for p in local]
        polys = finish_rings(rng, polys, flip_prob=0, rotate=False)
        w = wkt_of(polys, fmt_mm)
        if i == 2:
            w = w[:-1]                       # drop the final ')'
        rows.append([f"BAD-{i:03d}", "马洪片区", "industrial", "recovered", "acquisition", f"测试地块{i}", w])
    files["bad-wkt.csv"] = csv_text(rows)

    # wrong-type: a LineString
    pl, ox, oy = five_valid()
    files["wrong-type.geojson"] = collection_text(None, None, lonlat_lines(pl, ox, oy, {
        2: lambda fid, local, ox, oy: raw(fid, 2, "LineString", "[ " + ", ".join(
            f"[ {fmt7(x)}, {fmt7(y)} ]" for x, y in ring_q7(local, ox, oy)[:3]) + " ]")}))

    # unclosed-ring: last position differs from the first
    def unclosed(fid, local, ox, oy):
        r = ring_q7(local, ox, oy)[:-1]
        return raw(fid, 2, "Polygon", "[ [ " + ", ".join(f"[ {fmt7(x)}, {fmt7(y)} ]" for x, y in r) + " ] ]")
    pl, ox, oy = five_valid()
    files["unclosed-ring.geojson"] = collection_text(None, None, lonlat_lines(pl, ox, oy, {2: unclosed}))

    # too-short-ring: 3 positions (closed, so only two distinct points)
    def short(fid, local, ox, oy):
        r = ring_q7(local, ox, oy)
        r = [r[0], r[1], r[0]]
        return raw(fid, 2, "Polygon", "[ [ " + ", ".join(f"[ {fmt7(x)}, {fmt7(y)} ]" for x, y in r) + " ] ]")
    pl, ox, oy = five_valid()
    files["too-short-ring.geojson"] = collection_text(None, None, lonlat_lines(pl, ox, oy, {2: short}))

    # self-intersection: bow-tie
    def bowtie(fid, local, ox, oy):
        r = ring_q7(local, ox, oy)[:-1]
        r = ccw(r)
        r = [r[0], r[2], r[1], r[3], r[0]]
        return raw(fid, 2, "Polygon", "[ [ " + ", ".join(f"[ {fmt7(x)}, {fmt7(y)} ]" for x, y in r) + " ] ]")
    pl, ox, oy = five_valid()
    files["self-intersection.geojson"] = collection_text(None, None, lonlat_lines(pl, ox, oy, {2: bowtie}))

    # nan-coordinate (1e999 -> infinity) and nan-literal (NaN, not JSON at all)
    def nonfinite(token):
        def f(fid, local, ox, oy):
            r = ring_q7(local, ox, oy)
            pts = [f"[ {fmt7(x)}, {fmt7(y)} ]" for x, y in r]
            pts[1] = f"[ {fmt7(r[1][0])}, {token} ]"
            return raw(fid, 2, "Polygon", "[ [ " + ", ".join(pts) + " ] ]")
        return f
    pl, ox, oy = five_valid()
    files["nan-coordinate.geojson"] = collection_text(None, None, lonlat_lines(pl, ox, oy, {2: nonfinite("1e999")}))
    pl, ox, oy = five_valid()
    files["nan-literal.geojson"] = collection_text(None, None, lonlat_lines(pl, ox, oy, {2: nonfinite("NaN")}))

    # swapped-latlon: feature 2 written [lat, lon]
    def swapped(fid, local, ox, oy):
        r = ring_q7(local, ox, oy)
        r = list(reversed(r))   # keep it counter-clockwise once the axes are swapped back
        return raw(fid, 2, "Polygon", "[ [ " + ", ".join(f"[ {fmt7(y)}, {fmt7(x)} ]" for x, y in r) + " ] ]")
    pl, ox, oy = five_valid()
    files["swapped-latlon.geojson"] = collection_text(None, None, lonlat_lines(pl, ox, oy, {2: swapped}))

    # duplicate-ids: feature 2 has feature 0's id
    def dup(fid, local, ox, oy):
        t, c = lonlat_text(polys_lonlat_q7(local, ox, oy))
        return feature_line("BAD-000", props(2), t, c)
    pl, ox, oy = five_valid()
    files["duplicate-ids.geojson"] = collection_text(None, None, lonlat_lines(pl, ox, oy, {2: dup}))

    # unknown-crs: EPSG:4547-like metres, crs EPSG::999999 (file-level error)
    pl, ox, oy = five_valid()
    lines = []
    for i, local in enumerate(pl):
        polys = [[[(ox * 1000 + x, oy * 1000 + y) for x, y in r] for r in p] for p in local]
        polys = finish_rings(rng, polys, flip_prob=0, rotate=False)
        t, c = coords_json(polys, fmt_mm)
        lines.append(feature_line(f"BAD-{i:03d}", props(i), t, c))
    files["unknown-crs.geojson"] = collection_text("unknown_crs", "urn:ogc:def:crs:EPSG::999999", lines)

    # hole-outside-shell: feature 2's hole lies wholly outside its shell (east of it)
    def hole_out(fid, local, ox, oy):
        shell = local[0][0]
        xs = [x for x, _ in shell]
        ys = [y for _, y in shell]
        x1, y0 = max(xs), min(ys)
        hole = [(x1 + mm(20), y0 + mm(10)), (x1 + mm(20), y0 + mm(40)),
                (x1 + mm(50), y0 + mm(40)), (x1 + mm(50), y0 + mm(10))]
        q = polys_lonlat_q7([[shell, hole]], ox, oy)
        t, c = lonlat_text(q)
        return raw(fid, 2, t, c)
    pl, ox, oy = five_valid()
    files["hole-outside-shell.geojson"] = collection_text(None, None, lonlat_lines(pl, ox, oy, {2: hole_out}))

    for name, text in files.items():
        write(os.path.join(bad, name), text)
    print(f"{bad}/: {len(files)} files: {', '.join(sorted(files))}")


# ---------------------------------------------------------------- f) idle factory buildings on the ledger

AS_OF = _dt.date(2025, 6, 30)          # the date the contract verdicts and the history run to
CRANE_INDUSTRIES = ("特种钢材", "钢结构", "机械制造", "建材", "硅业", "精密机械", "汽车零部件")
TRANSFORMERS = [315, 400, 500, 630, 800, 1000, 1250, 1600, 2000, 2500, 3150, 4000]


def ledger_parts_mm(geometry):
    """A ledger feature's geometry (parsed with Fraction) -> list of polygons of closed integer-mm rings."""
    parts = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    return [[[(int(x * 1000), int(y * 1000)) for x, y in r] for r in p] for p in parts]


def parcel_direction(parts):
    """Integer direction u = (p, q), |u| about 1000 mm, along the parcel's main edges (angle in [-45, 45) deg)."""
    edges = []
    for p in parts:
        r = p[0]
        for k in range(len(r) - 1):
            dx, dy = r[k + 1][0] - r[k][0], r[k + 1][1] - r[k][1]
            a = math.degrees(math.atan2(dy, dx)) % 90.0
            edges.append((math.hypot(dx, dy), a - 90.0 if a >= 45.0 else a))
    longest = max(e[0] for e in edges)
    if any(e[0] >= 0.6 * longest and e[1] == 0.0 for e in edges):
        return 1000, 0
    t = math.radians(max(edges)[1])
    return int(round(1000 * math.cos(t))), int(round(1000 * math.sin(t)))


def _scan(rings, y):
    """Even-odd inside intervals of the horizontal line at y (local frame)."""
    xs = []
    for r in rings:
        for k in range(len(r) - 1):
            (x1, y1), (x2, y2) = r[k], r[k + 1]
            if (y1 <= y) != (y2 <= y):
                xs.append(x1 + (y - y1) * (x2 - x1) / (y2 - y1))
    xs.sort()
    return list(zip(xs[0::2], xs[1::2]))


def _intersect(a, b):
    out = []
    i = j = 0
    while i < len(a) and j < len(b):
        lo, hi = max(a[i][0], b[j][0]), min(a[i][1], b[j][1])
        if lo < hi:
            out.append((lo, hi))
        if a[i][1] < b[j][1]:
            i += 1
        else:
            j += 1
    return out


class Site:
    """A parcel in its own frame: unit vectors u, v = (-q, p) of about 1 m; cells of 1 x 1 unit that lie at
    least `setback` units inside the parcel (holes and the road between two parts excluded)."""

    def __init__(self, parts, setback):
        self.p, self.q = parcel_direction(parts)
        self.n2 = self.p * self.p + self.q * self.q
        self.ox, self.oy = parts[0][0][0]
        rings = []
        for poly in parts:
            for r in poly:
                rings.append([self.local(x, y) for x, y in r])
        xs = [a for r in rings for a, _ in r]
        ys = [b for r in rings for _, b in r]
        self.i0, self.j0 = math.floor(min(xs)), math.floor(min(ys))
        self.ni, self.nj = math.ceil(max(xs)) - self.i0, math.ceil(max(ys)) - self.j0
        s = setback
        self.ok = [[0] * self.ni for _ in range(self.nj)]
        steps = int(round((1 + 2 * s) / 0.25))
        for jj in range(self.nj):
            j = self.j0 + jj
            iv = None
            for t in range(steps + 1):
                row = _scan(rings, j - s + t * 0.25)
                iv = row if iv is None else _intersect(iv, row)
            for lo, hi in iv:
                for i in range(math.ceil(lo + s), math.floor(hi - s - 1) + 1):
                    self.ok[jj][i - self.i0] = 1
        self._prefix()

    def local(self, x, y):
        dx, dy = x - self.ox, y - self.oy
        return (dx * self.p + dy * self.q) / self.n2, (-dx * self.q + dy * self.p) / self.n2

    def _prefix(self):
        S = [[0] * (self.ni + 1) for _ in range(self.nj + 1)]
        for jj in range(self.nj):
            acc = 0
            row, prev, out = self.ok[jj], S[jj], S[jj + 1]
            for ii in range(self.ni):
                acc += row[ii]
                out[ii + 1] = prev[ii + 1] + acc
        self.S = S

    def fits(self, k, m, corner):
        """First (ii, jj) from `corner` where a k x m cell block is all free, or None."""
        S = self.S
        jr = range(self.nj - m + 1)
        ir = range(self.ni - k + 1)
        if corner & 1:
            ir = reversed(ir)
        if corner & 2:
            jr = reversed(jr)
        ir = list(ir)
        need = k * m
        for jj in jr:
            a, b = S[jj], S[jj + m]
            for ii in ir:
                if b[ii + k] - a[ii + k] - b[ii] + a[ii] == need:
                    return ii, jj
        return None

    def occupy(self, ii, jj, k, m, gap):
        for y in range(max(0, jj - gap), min(self.nj, jj + m + gap)):
            row = self.ok[y]
            for x in range(max(0, ii - gap), min(self.ni, ii + k + gap)):
                row[x] = 0
        self._prefix()

    def ring(self, ii, jj, k, m):
        """Closed CCW ring (integer mm) of the block of k x m cells at (ii, jj)."""
        p, q = self.p, self.q
        i, j = self.i0 + ii, self.j0 + jj

        def pt(a, b):
            return self.ox + a * p - b * q, self.oy + a * q + b * p
        return [pt(i, j), pt(i + k, j), pt(i + k, j + m), pt(i, j + m), pt(i, j)]


def split_int(rng, total, n, lo=0.6, hi=1.4):
    w = [rng.uniform(lo, hi) for _ in range(n)]
    s = sum(w)
    parts = [int(total * x / s) for x in w]
    parts[0] += total - sum(parts)
    return parts


def plan_parcel(rng, parts, floor, area_m2, heavy, warehouse, standard, new_build, attempt):
    """Buildings for one parcel: list of (floor_m2, storeys, ring_mm, footprint_m2). None if nothing fits."""
    big = area_m2 > 9000
    site = Site(parts, 3)
    gap = 10 if big else 6
    ratio = floor / area_m2
    cov = (0.55 if big else 0.45) + (0.05 if heavy or warehouse else 0.0)
    smin = max(1, math.ceil(ratio / cov - 1e-9)) + attempt // 6
    if smin > 4:
        raise RuntimeError("cannot place the buildings")
    if floor < 3000:
        n = 1
    elif floor < 8000:
        n = rng.choice([1, 2])
    elif floor < 16000:
        n = rng.choice([2, 2, 3])
    elif floor < 30000:
        n = rng.choice([2, 3, 4])
    else:
        n = rng.choice([3, 4, 5, 6])
    n += attempt % 6 // 2                  # retries: more, smaller buildings
    floors = sorted(split_int(rng, floor, n), reverse=True)
    corner = rng.randrange(4)
    out = []
    for fb in floors:
        if new_build:                                     # new standard factories: 3-4 storeys
            choices = [s for s in rng.choice([(3, 4), (4, 3), (3, 2)]) if s >= smin]
        elif standard:
            choices = rng.choice([(1, 2), (1, 2), (2, 3), (3, 2), (2, 1)])
            choices = [s for s in choices if s >= smin]
        elif smin == 1 and (heavy or warehouse or rng.random() < 0.6):
            choices = [1]
        else:
            choices = [s for s in rng.choice([(smin, smin + 1), (smin + 1, smin)]) if s <= 4]
        placed = None
        for st in choices + [s for s in range(smin, 5) if s not in choices]:
            a = fb / st * rng.uniform(0.94, 1.06)
            if st == 1:
                widths = [18, 24, 30, 36, 42, 48, 54, 60, 72, 84, 96]
            else:
                widths = [15, 18, 21, 24, 27, 30, 36, 42]
            widths = [w for w in widths if a / w >= w * 0.9 and a / w <= w * 6]
            widths = widths or [max(6, int(math.sqrt(a)))]
            rng.shuffle(widths)
            for w in widths:
                L = int(round(a * 1e6 / site.n2 / w))
                for k, m in ((L, w), (w, L)):
                    if k < 6 or m < 6:
                        continue
                    fp = Fraction(k * m * site.n2, 1000000)
                    if not 0.9 <= float(fp * st / fb) <= 1.1:
                        continue
                    pos = site.fits(k, m, corner)
                    if pos:
                        placed = (fb, st, site.ring(pos[0], pos[1], k, m), fp)
                        site.occupy(pos[0], pos[1], k, m, gap)
                        break
                if placed:
                    break
            if placed:
                break
        if placed is None:
            return None
        out.append(placed)
    return out


def nice_kva(x):
    for t in TRANSFORMERS:
        if t >= x:
            return t
    return TRANSFORMERS[-1]


def gen_buildings(rng, outdir, ledger):
    from osgeo import ogr
    ogr.UseExceptions()
    feats = ledger["features"]
    lines = []
    records = []          # (building props dict as python values, parcel props)
    parcels_built = [f for f in feats if int(f["properties"]["factory_floor_m2"]) > 0]
    # which parcels' buildings are standard factories (标准厂房), and which of those are new builds (2023+)
    std_p = {"lease": 0.6, "acquisition": 0.5, "capital_increase": 0.3, "land_recovery": 0.15}
    for f in parcels_built:
        pr = f["properties"]
        fid = f["id"]
        floor = int(pr["factory_floor_m2"])
        parts = ledger_parts_mm(f["geometry"])
        area_m2 = float(polys_area_mm2(parts)) / 1e6
        heavy = any(s in pr["name"] for s in CRANE_INDUSTRIES)
        warehouse = pr["land_use"] == "warehousing"
        disposed = _dt.date.fromisoformat(pr["disposed_on"])
        cyear = int(pr["contract_no"][5:9])
        status, method = pr["status"], pr["disposal_method"]
        standard = status != "under_recovery" and rng.random() < std_p[method]
        new_build = standard and disposed < _dt.date(2024, 7, 1) and rng.random() < 0.4
        plan = None
        attempt = 0
        while plan is None:
            plan = plan_parcel(rng, parts, floor, area_m2, heavy, warehouse, standard, new_build, attempt)
            attempt += 1
        for b, (fb, st, ring, fp) in enumerate(plan):
            if new_build:
                year = rng.randint(max(2023, disposed.year), 2024)
            elif rng.random() < 0.12:
                year = rng.randint(max(1998, cyear - 10), cyear - 1)     # built by the earlier occupant
            else:
                year = rng.randint(cyear, min(cyear + 5, disposed.year - 1, 2022))
            if st == 1:
                if warehouse:
                    crane = 0
                elif heavy:
                    crane = rng.choice([10, 16, 20, 32, 10, 16])
                else:
                    crane = rng.choice([0, 0, 0, 5, 5, 10])
                structure = "brick_concrete" if year < 2006 and crane == 0 and rng.random() < 0.6 else "steel"
                lo = 9.0 if crane >= 10 or warehouse else 7.0
                clear = rng.uniform(lo, 12.0)
                load = rng.choice([15, 20, 25, 30]) if (crane or warehouse) else rng.choice([10, 12, 15, 20])
            else:
                crane = 0
                structure = "brick_concrete" if (year < 2006 or (year < 2011 and fb < 4000)) \
                    and rng.random() < 0.7 else "concrete"
                clear = rng.uniform(6.0, 8.0)
                load = rng.choice([5, 6, 8, 8, 10, 12])
            kva = nice_kva(fb * rng.uniform(0.05, 0.09) * (1.5 if crane >= 10 else 1.0))
            if status == "under_recovery":
                vac = fb
            elif standard:
                vac = None                                   # set below, to hit the occupancy figures
            elif status == "recovered":
                vac = fb if rng.random() < 0.7 else int(fb * rng.uniform(0.4, 0.9))
            elif method == "lease":
                vac = 0 if rng.random() < 0.7 else int(fb * rng.uniform(0.1, 0.35))
            else:
                vac = 0 if rng.random() < 0.6 else int(fb * rng.uniform(0.05, 0.3))
            if status == "under_recovery" or (method == "capital_increase" and rng.random() < 0.7) \
                    or rng.random() < 0.1:
                rent = None
            elif standard and new_build:
                rent = rng.uniform(14.0, 22.0)
            elif standard:
                rent = rng.uniform(10.0, 16.0)
            else:
                rent = rng.uniform(8.0, 14.0)
            label = "仓库" if warehouse else "厂房"
            records.append({
                "fid": f"{fid}-B{b + 1}", "ring": ring, "fp": fp, "parcel": f,
                "parcel_id": fid, "name": f"{b + 1}号{label}", "floor_area_m2": fb, "storeys": st,
                "clear_height_m": round(clear, 1), "floor_load_kn_m2": load, "power_kva": kva,
                "crane_t": crane, "structure": structure, "year_built": year, "standard_factory": standard,
                "vacant_floor_area_m2": vac, "rent": None if rent is None else round(rent, 1),
                "status": status, "disposal_method": method, "status_date": pr["disposed_on"],
            })

    # standard factories: old stock about 90 % let, new builds about half
    def occupancy(group):
        fl = sum(r["floor_area_m2"] for r in group)
        return Fraction(fl - sum(r["vacant_floor_area_m2"] for r in group), fl)

    for new, (lo, hi), shares in ((False, (0.88, 0.92), [0, 0, 0, 0.05, 0.1, 0.15, 0.2, 0.3]),
                                  (True, (0.47, 0.53), [0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 1.0])):
        group = [r for r in records if r["standard_factory"] and (r["year_built"] >= 2023) == new]
        for r in group:
            r["vacant_floor_area_m2"] = int(r["floor_area_m2"] * rng.choice(shares))
        while not lo <= occupancy(group) <= hi:
            r = rng.choice(group)
            step = rng.choice(shares)
            cur = occupancy(group)
            cand = int(r["floor_area_m2"] * step)
            if (cur < lo and cand < r["vacant_floor_area_m2"]) or (cur > hi and cand > r["vacant_floor_area_m2"]):
                r["vacant_floor_area_m2"] = cand
    occ_old = occupancy([r for r in records if r["standard_factory"] and r["year_built"] < 2023])
    occ_new = occupancy([r for r in records if r["standard_factory"] and r["year_built"] >= 2023])

    for r in records:
        if r["vacant_floor_area_m2"] > 0 and r["status"] != "under_recovery":
            start = max(_dt.date.fromisoformat(r["status_date"]), _dt.date(r["year_built"], 12, 31)) \
                + _dt.timedelta(days=rng.randint(30, 240))
            avail = start.isoformat()
        else:
            avail = None
        props = {
            "parcel_id": r["parcel_id"], "name": r["name"], "floor_area_m2": r["floor_area_m2"],
            "storeys": r["storeys"], "clear_height_m": RawNumber(f"{r['clear_height_m']:.1f}"),
            "floor_load_kn_m2": r["floor_load_kn_m2"], "power_kva": r["power_kva"], "crane_t": r["crane_t"],
            "structure": r["structure"], "year_built": r["year_built"], "standard_factory": r["standard_factory"],
            "vacant_floor_area_m2": r["vacant_floor_area_m2"],
            "rent_yuan_m2_month": None if r["rent"] is None else RawNumber(f"{r['rent']:.1f}"),
            "available_from": avail, "status": r["status"], "disposal_method": r["disposal_method"],
            "status_date": r["status_date"],
        }
        gtype, ctxt = coords_json([[r["ring"]]], fmt_mm)
        lines.append(feature_line(r["fid"], props, gtype, ctxt))
    text = collection_text("xinyu_hitech_buildings", "urn:ogc:def:crs:EPSG::4547", lines)
    path = os.path.join(outdir, "xinyu-hitech-buildings.geojson")
    write(path, text)

    # check, from the written text: inside the parcel (GDAL), no overlaps, floor sums, footprint x storeys
    doc = json.loads(text)
    parcel_geom = {f["id"]: ogr.CreateGeometryFromJson(json.dumps(f["geometry"], default=float)) for f in feats}
    by_parcel = {}
    for f in doc["features"]:
        by_parcel.setdefault(f["properties"]["parcel_id"], []).append(f)
    for pid, fs in by_parcel.items():
        inner = parcel_geom[pid].Buffer(-1.0)
        gs = [ogr.CreateGeometryFromJson(json.dumps(f["geometry"])) for f in fs]
        for f, g in zip(fs, gs):
            assert inner.Contains(g), f["id"]
            p = f["properties"]
            ratio = g.GetArea() * p["storeys"] / p["floor_area_m2"]
            assert 0.85 <= ratio <= 1.15, (f["id"], ratio)
            assert 0 <= p["vacant_floor_area_m2"] <= p["floor_area_m2"]
        for a in range(len(gs)):
            for b in range(a + 1, len(gs)):
                assert not gs[a].Intersects(gs[b]), (fs[a]["id"], fs[b]["id"])
    for f in feats:
        want = int(f["properties"]["factory_floor_m2"])
        got = sum(b["properties"]["floor_area_m2"] for b in by_parcel.get(f["id"], []))
        assert got == want, (f["id"], got, want)
    total = sum(f["properties"]["floor_area_m2"] for f in doc["features"])
    assert total == FLOOR_TOTAL_M2

    def tally(key):
        t = {}
        for f in doc["features"]:
            p = f["properties"]
            c = t.setdefault(p[key], [0, 0])
            c[0] += p["floor_area_m2"]
            c[1] += 1
        return ", ".join(f"{k} {v[0]} ({v[1]})" for k, v in sorted(t.items(), key=lambda kv: -kv[1][0]))

    std = [r for r in records if r["standard_factory"]]
    old = [r for r in std if r["year_built"] < 2023]
    new = [r for r in std if r["year_built"] >= 2023]

    def fl(g):
        return sum(r["floor_area_m2"] for r in g)

    def vac(g):
        return sum(r["vacant_floor_area_m2"] for r in g)
    print(f"{path}: {len(records)} buildings on {len(by_parcel)} parcels, floor area {total} m2, "
          f"vacant {sum(r['vacant_floor_area_m2'] for r in records)} m2")
    print(f"  floor by status: {tally('status')}")
    print(f"  floor by disposal_method: {tally('disposal_method')}")
    print(f"  storeys: {tally('storeys')}; structure: {tally('structure')}")
    print(f"  standard factories {len(std)} of {len(records)} buildings, {fl(std)} m2: "
          f"old stock (built < 2023) {len(old)} buildings {fl(old)} m2, vacant {vac(old)} m2, "
          f"occupancy {float(occ_old) * 100:.2f}%; new builds (2023+) {len(new)} buildings {fl(new)} m2, "
          f"vacant {vac(new)} m2, occupancy {float(occ_new) * 100:.2f}%")


# ---------------------------------------------------------------- g) supply contracts and h) later history

def add_years(d, n):
    """Same month and day n years on; Feb 29 becomes Feb 28 in a common year."""
    try:
        return d.replace(year=d.year + n)
    except ValueError:
        return d.replace(year=d.year + n, day=28)


def fen_round(x):
    """Fraction of yuan -> integer fen, half away from zero."""
    f = x * 100
    n = abs(f)
    q = int(n)
    if n - q >= Fraction(1, 2):
        q += 1
    return q if f >= 0 else -q


def yuan_text(fen, decimals=None):
    """Integer fen -> yuan text; decimals None: as few as needed (0, 1 or 2)."""
    sign = "-" if fen < 0 else ""
    a = abs(fen)
    if decimals is None:
        decimals = 0 if a % 100 == 0 else 1 if a % 10 == 0 else 2
    whole, cents = divmod(a, 100)
    if decimals == 0:
        return f"{sign}{whole}"
    if decimals == 1:
        return f"{sign}{whole}.{cents // 10}"
    return f"{sign}{whole}.{cents:02d}"


def contract_verdict(c, as_of=AS_OF):
    """The idle-land rule (DOMAIN.md) on one contract: (verdict, reference date or None, full years, fee in fen).
    ref = agreed start (not started) or the stop (started, under 1/3 developed or 25 % invested, stopped);
    idle when as_of > ref + 1 year, recoverable when as_of > ref + 2 years; a government or force-majeure
    delay is excluded (no fee, no recovery)."""
    if not c["actual_start"]:
        ref = c["agreed_start"]
    elif c["stopped_on"] and (3 * c["developed_area_m2"] < c["total_area_m2"] or
                              4 * c["investment_made_fen"] < c["total_investment_fen"]):
        ref = c["stopped_on"]
    else:
        return "not_idle", None, 0, 0
    years = 0
    while as_of > add_years(ref, years + 1):
        years += 1
    if years == 0:
        return "not_idle", ref, 0, 0
    if c["delay_cause"]:
        return "excluded", ref, years, 0
    fee = fen_round(Fraction(c["land_price_fen"], 100) / 5)
    return ("recoverable" if years >= 2 else "idle_fee"), ref, years, fee


D = _dt.date.fromisoformat

# The cases, by parcel. "orig": the ledger's own supply contract (contract_no, original_holder);
# otherwise a new contract signed when the recovered parcel was assigned to a new project (see the history).
# dev / inv: developed area and investment made as fractions of the totals.
CONTRACT_CASES = [
    # parcel, contract_no (None = the ledger's), agreed_start, actual_start, stopped_on, dev, inv, delay, case
    ("051", None, "2013-03-01", None, None, 0, 0, "", "not started > 2 years"),
    ("053", None, "2009-06-30", None, None, 0, 0, "", "not started > 2 years (commercial land)"),
    ("055", None, "2010-04-15", None, None, 0, 0, "", "not started > 2 years"),
    ("094", None, "2014-01-20", None, None, 0, 0, "", "not started > 2 years"),
    ("057", None, "2012-05-10", "2012-09-03", "2015-08-31", Fraction(1, 4), Fraction(2, 5), "",
     "stopped > 2 years, developed 1/4 < 1/3"),
    ("099", None, "2019-02-01", "2019-04-01", "2021-10-15", Fraction(9, 20), Fraction(9, 50), "",
     "stopped > 2 years, investment 18% < 25%"),
    ("069", None, "2019-01-10", "2019-03-15", "2023-09-15", Fraction(7, 25), Fraction(21, 100), "",
     "stopped 1-2 years, developed 28%, investment 21%"),
    ("093", None, "2012-06-30", None, None, 0, 0, "government", "not started, government delay"),
    ("126", None, "2013-04-01", "2013-05-20", "2020-01-25", Fraction(3, 10), Fraction(1, 5), "force_majeure",
     "stopped, force majeure"),
    ("007", "新高土合〔2023〕031号", "2023-10-08", None, None, 0, 0, "", "new contract, not started 1-2 years"),
    ("016", "新高土合〔2023〕078号", "2024-02-29", None, None, 0, 0, "",
     "new contract, not started 1-2 years (Feb 29 start)"),
    ("059", "新高土合〔2024〕055号", "2024-12-16", None, None, 0, 0, "", "new contract, not started < 1 year"),
    ("085", "新高土合〔2024〕019号", "2024-06-30", None, None, 0, 0, "",
     "new contract, not started exactly 1 year (not over it)"),
    ("132", "新高土合〔2023〕046号", "2023-12-01", "2024-03-18", "2024-09-10", Fraction(1, 5), Fraction(3, 20), "",
     "new contract, stopped < 1 year"),
    ("140", "新高土合〔2022〕064号", "2022-12-01", "2023-02-20", "2023-11-20", Fraction(1, 3), Fraction(1, 4), "",
     "new contract, stopped > 1 year, developed exactly 1/3, investment exactly 25%"),
    ("070", "新高土合〔2023〕022号", "2023-07-01", "2023-06-26", None, Fraction(11, 20), Fraction(12, 25), "",
     "new contract, building (not stopped)"),
]
DELAY_NOTES = {
    "093": "征地拆迁未完成，区管委会未能按合同约定时间交付净地（新高管字〔2013〕52号确认）",
    "126": "2020年1月新冠肺炎疫情停工，经区管委会认定为不可抗力（新高管字〔2020〕18号）",
}
# when each new contract's parcel was assigned to its new project (history event recovered -> assigned)
ASSIGNED_ON = {"007": "2023-06-20", "016": "2023-12-08", "059": "2024-09-12", "085": "2024-03-22",
               "132": "2023-08-15", "140": "2022-09-06", "070": "2023-04-10"}
NEW_PROJECTS = {"007": "新余博创储能科技有限公司", "016": "江西晶泰锂电材料有限公司",
                "059": "新余海泰新能源科技有限公司", "085": "新余联达精密模具有限公司",
                "132": "江西鑫锋电池装备有限公司", "140": "新余瑞达电子科技有限公司",
                "070": "新余顺达冷链物流有限公司"}
CLERKS = ["王敏", "李建国", "陈晓燕", "刘洋", "周志强"]


def gen_contracts_history(rng, outdir, ledger):
    feats = {f["id"][-3:]: f for f in ledger["features"]}
    contracts = []
    for pid, cno, agreed, actual, stopped, dev, inv, delay, case in CONTRACT_CASES:
        f = feats[pid]
        pr = f["properties"]
        area = polys_area_mm2(ledger_parts_mm(f["geometry"])) / 1000000        # m^2, exact
        mu_ = area / MU_M2
        new = cno is not None
        if pr["land_use"] == "commercial":
            unit = rng.randint(60, 90) * 10000
        elif new:
            unit = rng.randint(22, 30) * 10000 + rng.choice([0, 5000])
        else:
            unit = rng.randint(15, 22) * 10000 + rng.choice([0, 5000])
        land_fen = fen_round(unit * mu_)
        total_area = int(round(area))
        if dev == Fraction(1, 3):
            total_area = 3 * int(round(area / 3))
        intensity = rng.randint(200, 400) if pr["land_use"] != "commercial" else rng.randint(400, 600)
        total_inv_fen = int(round(intensity * mu_)) * 10000 * 100             # whole 万元
        dev_area = math.floor(total_area * dev)              # exact for the 1/3 case
        assert dev != Fraction(1, 3) or 3 * dev_area == total_area
        inv_fen = fen_round(Fraction(total_inv_fen, 100) * inv)
        if inv == Fraction(1, 4):
            assert 4 * inv_fen == total_inv_fen
        a = D(agreed)
        if new:
            assert D(pr["disposed_on"]) < D(ASSIGNED_ON[pid]) < a, pid
            assert pr["status"] == "recovered" and int(pr["factory_floor_m2"]) == 0, pid
        else:
            assert int(pr["contract_no"][5:9]) <= a.year, pid
        if not actual:
            assert pr["status"] != "revitalized" and (new or int(pr["factory_floor_m2"]) == 0), pid
        contracts.append({
            "pid": f["id"], "contract_no": cno or pr["contract_no"],
            "holder": NEW_PROJECTS[pid] if new else pr["original_holder"],
            "land_price_fen": land_fen, "agreed_start": a, "agreed_completion": add_years(a, 2),
            "actual_start": D(actual) if actual else None, "stopped_on": D(stopped) if stopped else None,
            "developed_area_m2": int(dev_area), "total_area_m2": total_area,
            "investment_made_fen": inv_fen, "total_investment_fen": total_inv_fen,
            "delay_cause": delay, "delay_note": DELAY_NOTES.get(pid, ""), "case": case, "mu": mu_, "unit": unit,
        })
    rows = [["parcel_id", "contract_no", "holder", "land_price_yuan", "agreed_start", "agreed_completion",
             "actual_start", "stopped_on", "developed_area_m2", "total_area_m2", "investment_made_yuan",
             "total_investment_yuan", "delay_cause", "delay_note"]]
    for c in contracts:
        rows.append([c["pid"], c["contract_no"], c["holder"], yuan_text(c["land_price_fen"], 2),
                     c["agreed_start"].isoformat(), c["agreed_completion"].isoformat(),
                     c["actual_start"].isoformat() if c["actual_start"] else "",
                     c["stopped_on"].isoformat() if c["stopped_on"] else "",
                     str(c["developed_area_m2"]) if c["actual_start"] else "0", str(c["total_area_m2"]),
                     yuan_text(c["investment_made_fen"], 2), yuan_text(c["total_investment_fen"], 2),
                     c["delay_cause"], c["delay_note"]])
    path = os.path.join(outdir, "xinyu-hitech-contracts.csv")
    write(path, csv_text(rows))
    print(f"{path}: {len(contracts)} contracts; verdicts as of {AS_OF} "
          f"(idle when as_of > ref + 1 year; fee 20% of land price; recoverable when as_of > ref + 2 years):")
    print(f"  {'parcel':<14} {'land_price':>12} {'ref date':<10} {'years':>5} {'verdict':<11} {'fee_yuan':>11}  case")
    cbyp = {}
    for c in contracts:
        v, ref, years, fee = contract_verdict(c)
        c["verdict"], c["ref"], c["fee_fen"] = v, ref, fee
        cbyp[c["pid"][-3:]] = c
        print(f"  {c['pid']:<14} {yuan_text(c['land_price_fen'], 2):>12} {ref.isoformat() if ref else '-':<10} "
              f"{years:>5} {v:<11} {yuan_text(fee, 2) if fee else '-':>11}  {c['case']}")
    fees = [c["fee_fen"] for c in contracts if c["verdict"] in ("idle_fee", "recoverable")]
    print(f"  idle (fee due): {len(fees)} contracts, fees {yuan_text(sum(fees), 2)} yuan; recoverable "
          f"{sum(1 for c in contracts if c['verdict'] == 'recoverable')}; excluded "
          f"{sum(1 for c in contracts if c['verdict'] == 'excluded')}; not idle "
          f"{sum(1 for c in contracts if c['verdict'] == 'not_idle')}")

    # ---- history: later lifecycle events of ledger parcels
    ev = []   # (parcel, date, status, method, amount_fen, note)

    def add(pid, date, status, method, amount_fen, note):
        ev.append((pid, D(date), status, method, amount_fen, note))

    def comp(pid, per_mu, per_m2):
        f = feats[pid]
        mu_ = polys_area_mm2(ledger_parts_mm(f["geometry"])) / 1000000 / MU_M2
        return -fen_round(per_mu * mu_ + per_m2 * int(f["properties"]["factory_floor_m2"]))

    # six of the eight parcels under recovery are recovered
    add("051", "2024-03-20", "recovered", "land_recovery", 0,
        "超过出让合同约定动工日期满两年未动工，依法无偿收回国有建设用地使用权，注销不动产权证书")
    add("053", "2023-02-16", "recovered", "land_recovery", 0,
        "商业用地闲置满两年，无偿收回，纳入区土地储备")
    c093 = cbyp["093"]
    add("093", "2024-10-28", "recovered", "acquisition",
        -(c093["land_price_fen"] + fen_round(Fraction(c093["land_price_fen"], 100) * Fraction(37, 100))),
        "政府原因造成闲置，协议有偿收回：退还土地出让价款并按同期贷款利率补偿利息")
    add("098", "2024-06-18", "recovered", "acquisition", comp("098", 185000, 680),
        "与原土地使用权人签订收购协议，按评估价收购土地及地上仓库")
    add("099", "2023-12-26", "recovered", "land_recovery", 0,
        "停工满两年且投资额不足总投资25%，依法无偿收回，地上在建厂房一并收回")
    add("126", "2025-01-15", "recovered", "acquisition", comp("126", 160000, 520),
        "不可抗力停工，企业申请退出，区管委会协议收购土地及厂房")
    add("098", "2025-04-01", "revitalized", "lease", fen_round(Fraction(5633 * 115, 10) * 6),
        "整体出租给新余顺嘉供应链管理有限公司，收取首期半年租金")
    # recovered parcels assigned to new projects (the new contracts in xinyu-hitech-contracts.csv)
    for pid, day in sorted(ASSIGNED_ON.items(), key=lambda kv: kv[1]):
        c = cbyp[pid]
        add(pid, day, "assigned", "", c["land_price_fen"],
            f"挂牌出让给{c['holder']}，签订{c['contract_no']}，收取土地出让价款")
    c007 = cbyp["007"]
    assert c007["verdict"] == "idle_fee"
    add("007", "2025-03-18", "idle", "", c007["fee_fen"],
        "超过约定动工日期满一年未动工，认定为闲置土地，按出让价款20%征收土地闲置费")
    # recovered parcels revitalized, revitalized parcels moving on
    add("038", "2022-04-15", "revitalized", "lease", fen_round(Fraction(14993 * 9, 1) * 12),
        "仓库整体出租，租期五年，收取首年租金")
    add("125", "2022-09-01", "revitalized", "lease", fen_round(Fraction(7160 * 12, 1) * 3 + 50000),
        "厂房出租给锂电池配套企业，收取首季度租金及押金5万元")
    add("047", "2023-03-10", "revitalized", "capital_increase", 0,
        "引进战略投资者增资扩股，区国资平台以厂房作价入股")
    add("129", "2025-04-22", "under_recovery", "", 0,
        "承租企业连续六个月欠缴租金，解除租赁合同，启动收回程序")
    add("138", "2024-06-05", "assigned", "", 0,
        "增资扩股完成后新项目公司落地，土地使用权变更至项目公司名下")

    ev.sort(key=lambda e: (e[1], e[0]))
    last = {}
    for pid, date, status, method, amt, note in ev:
        f = feats[pid]
        assert date > D(f["properties"]["disposed_on"]) and date <= AS_OF, (pid, date)
        assert date > last.get(pid, date - _dt.timedelta(days=1)), (pid, date)
        last[pid] = date
    ur = [p for p in feats if feats[p]["properties"]["status"] == "under_recovery"]
    assert sum(1 for e in ev if e[0] in ur and e[2] == "recovered") == 6 and len(ur) == 8
    rows = [["parcel_id", "date", "status", "disposal_method", "legal_basis", "amount_yuan", "recorded_by", "note"]]
    numbers = {}
    for pid, date, status, method, amt, note in ev:
        numbers[date.year] = numbers.get(date.year, rng.randint(3, 12)) + rng.randint(2, 9)
        rows.append([feats[pid]["id"], date.isoformat(), status, method,
                     f"新高管字〔{date.year}〕{numbers[date.year]}号", yuan_text(amt), rng.choice(CLERKS), note])
    path = os.path.join(outdir, "xinyu-hitech-history.csv")
    write(path, csv_text(rows))
    received = sum(e[4] for e in ev if e[4] > 0)
    paid = sum(e[4] for e in ev if e[4] < 0)
    print(f"{path}: {len(ev)} events on {len(last)} parcels, {ev[0][1]}..{ev[-1][1]}; "
          f"received {yuan_text(received, 2)} yuan, paid {yuan_text(-paid, 2)} yuan, "
          f"net {yuan_text(received + paid, 2)} yuan")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--out", default=os.path.join(here, "..", "Fixtures"))
    args = ap.parse_args()
    outdir = os.path.normpath(args.out)
    # one generator per fixture so changing one leaves the others byte-identical
    ledger = gen_ledger(random.Random(SEED), outdir)
    gen_lonlat(random.Random(SEED + 1), outdir)
    gen_wkt_csv(random.Random(SEED + 2), outdir)
    gen_gcj(random.Random(SEED + 3), outdir)
    gen_bad(random.Random(SEED + 4), outdir)
    gen_buildings(random.Random(SEED + 5), outdir, ledger)
    gen_contracts_history(random.Random(SEED + 6), outdir, ledger)


if __name__ == "__main__":
    main()
