#!/usr/bin/python3
"""Generate landbank's test fixtures under Fixtures/ (deterministic, byte-reproducible).

    /usr/bin/python3 scripts/gen-fixtures.py [--out DIR]

Standard library only, plus osgeo.osr (python3-gdal) to turn EPSG:4547 coordinates
into WGS84 lon/lat for the RFC 7946 fixtures. Run with Debian's /usr/bin/python3,
which has osgeo; a pyenv python3 usually does not.

Every fixture is generated in EPSG:4547 (CGCS2000 / 3-degree Gauss-Kruger CM 114E,
metres, no zone prefix) as integer millimetres, so areas are exact integers; the
lon/lat files are converted from those. Each fixture occupies its own patch of
ground near Xinyu, so importing several fixtures into one registry never creates
overlaps between files.
"""
import argparse
import csv
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


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--out", default=os.path.join(here, "..", "Fixtures"))
    args = ap.parse_args()
    outdir = os.path.normpath(args.out)
    # one generator per fixture so changing one leaves the others byte-identical
    gen_ledger(random.Random(SEED), outdir)
    gen_lonlat(random.Random(SEED + 1), outdir)
    gen_wkt_csv(random.Random(SEED + 2), outdir)
    gen_gcj(random.Random(SEED + 3), outdir)
    gen_bad(random.Random(SEED + 4), outdir)


if __name__ == "__main__":
    main()
