#!/usr/bin/env python3
"""Writes the Xinyu hi-tech zone's efficiency fixtures (issue 15) from Fixtures/xinyu-hitech-disposed.geojson and
Fixtures/xinyu-hitech-buildings.geojson:

- Fixtures/xinyu-efficiency-enterprises-2024.csv: 2024 figures of firms on the zone's revitalized parcels, for
  `landbank enterprise import REG FILE --year 2024` and `landbank grade REG --year 2024 --policy
  Fixtures/grading-xinyu.json`. Most firms hold a whole parcel; two parcels with factory buildings host three
  floor-space tenants each (floor_space_m2 splits the parcel's building floor area 50/30/20); one firm uses two
  parcels (its figures on the first row only); one firm leaves energy_tce empty and one value_added_yuan (missing,
  never zero); one firm had a major safety incident and one a major environment incident (vetoes); two firms
  exceed every benchmark by far (both score the cap, a tie broken by enterprise id).
- Fixtures/xinyu-efficiency-batches.geojson: approval batches (农用地转用/土地征收) drawn around clusters of ledger
  parcels of each zone, EPSG:4547 like the ledger, GDAL-style old GeoJSON with a `crs` member; one batch has a
  hole; each declares its approved area in mu (rounded to 0.01 from the planar area, one batch 1.5 mu off so
  that `batch import` has a difference to report).

Figures are per mu as zones publish them (tax 万元/亩 around the policy's 15, value added around 60…), drawn
from a fixed seed. Deterministic: re-running it rewrites byte-identical files. No dependencies.
"""
import csv
import io
import json
import math
import os
import random

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Fixtures")
MU = 10000 / 15


def shoelace(ring):
    return abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:]))) / 2


def polygons(geom):
    return [geom["coordinates"]] if geom["type"] == "Polygon" else geom["coordinates"]


def area_m2(geom):
    """Planar (cadastral) area in EPSG:4547: outer rings less holes."""
    return sum(shoelace(p[0]) - sum(shoelace(h) for h in p[1:]) for p in polygons(geom))


def load():
    parcels = json.load(open(os.path.join(ROOT, "xinyu-hitech-disposed.geojson"), encoding="utf-8"))["features"]
    buildings = json.load(open(os.path.join(ROOT, "xinyu-hitech-buildings.geojson"), encoding="utf-8"))["features"]
    floor = {}
    for b in buildings:
        floor[b["properties"]["parcel_id"]] = floor.get(b["properties"]["parcel_id"], 0) + b["properties"]["floor_area_m2"]
    return parcels, floor


def figures(rng, mu, quality):
    """Yearly figures of a firm using `mu` mu, of a quality around 1 (the policy's benchmarks)."""
    va = quality * 60 * mu * 10000 * rng.uniform(0.85, 1.15)
    rate = rng.uniform(0.18, 0.34)
    sales = va / rate
    return {
        "tax_yuan": round(quality * 15 * mu * 10000 * rng.uniform(0.8, 1.2), 2),
        "value_added_yuan": round(va, 2),
        "sales_yuan": round(sales, 2),
        "rd_yuan": round(sales * rng.uniform(0.004, 0.045), 2),
        "investment_yuan": round(quality * 200 * mu * 10000 * rng.uniform(0.7, 1.3), 2),
        "energy_tce": round(va / 10000 * rng.uniform(0.2, 1.1) / max(quality, 0.3), 1),
        "emissions_t": round(va / 10000 * rng.uniform(0.005, 0.04), 2),
        "employees": max(5, int(va / 10000 / rng.uniform(12, 40))),
        "safety_incidents": rng.choice([0, 0, 0, 0, 1]),
        "environment_incidents": rng.choice([0, 0, 0, 0, 0, 1]),
        "major_safety_incidents": 0,
        "major_environment_incidents": 0,
    }


COLUMNS = ["enterprise_id", "name", "parcel_id", "floor_space_m2", "tax_yuan", "value_added_yuan", "sales_yuan", "rd_yuan",
           "investment_yuan", "energy_tce", "emissions_t", "employees", "safety_incidents", "environment_incidents", "major_safety_incidents",
           "major_environment_incidents"]
TRADES = ["锂电", "光伏", "新材料", "装备制造", "电子信息", "钢铁深加工", "生物医药", "纺织"]


def enterprises(parcels, floor):
    rng = random.Random(15)
    used = [p for p in parcels if p["properties"]["status"] == "revitalized"]
    mu = {p["id"]: area_m2(p["geometry"]) / MU for p in used}
    shared = [p["id"] for p in used if floor.get(p["id"], 0) > 0][:2]
    whole = [p["id"] for p in used if p["id"] not in shared][:36]
    rows = []
    n = 0

    def firm(parcel, land, floor_space=None, quality=None, name=None):
        nonlocal n
        n += 1
        q = quality if quality is not None else rng.choice([0.2, 0.3, 0.45, 0.55, 0.7, 0.8, 0.95, 1.1, 1.3])
        row = {"enterprise_id": "XY-E%03d" % n, "name": name or "新余%s%s有限公司" % (rng.choice(TRADES), "ABCDEFGHJKLMNPQRSTUVWXYZ"[n % 24] + str(n)),
               "parcel_id": parcel, "floor_space_m2": floor_space if floor_space is not None else ""}
        row.update(figures(rng, land, q))
        rows.append(row)
        return row

    for i, pid in enumerate(whole):
        row = firm(pid, mu[pid])
        if i == 1:
            row["investment_yuan"] = ""  # no investment in the file: taken from its supply contracts when it has one
        if i == 3:
            row["energy_tce"] = ""  # not reported by the statistics bureau: missing, scored 0
        if i == 5:
            row["value_added_yuan"] = ""  # missing: value added per mu, rate, energy and emissions per value added
        if i == 7:
            row["major_safety_incidents"] = 1  # veto: at best D
        if i == 9:
            row["major_environment_incidents"] = 1  # veto: at best D
        if i in (11, 12):
            # Far above every benchmark: both reach the cap, 150.00, a tie broken by enterprise id.
            row.update({k: v for k, v in figures(rng, mu[pid], 4.0).items() if k != "energy_tce"})
            row["energy_tce"] = round(float(row["value_added_yuan"]) / 10000 * 0.05, 1)
            row["sales_yuan"] = round(float(row["value_added_yuan"]) / 0.4, 2)
            row["rd_yuan"] = round(float(row["sales_yuan"]) * 0.06, 2)
            row["emissions_t"] = round(float(row["value_added_yuan"]) / 10000 * 0.005, 2)
            row["safety_incidents"] = 0
            row["employees"] = max(5, int(float(row["value_added_yuan"]) / 10000 / 60))
    # One firm on two parcels: its figures on the first row, the second row names the land only.
    a, b = whole[-2], whole[-1]
    rows = [r for r in rows if r["parcel_id"] not in (a, b)]
    two = firm(a, mu[a] + mu[b], name="新余双厂区精密制造有限公司")
    second = {c: "" for c in COLUMNS}
    second.update({"enterprise_id": two["enterprise_id"], "name": two["name"], "parcel_id": b})
    rows.append(second)
    # Floor-space tenants: 50/30/20 of the parcel's building floor area.
    for pid in shared:
        for share in (0.5, 0.3, 0.2):
            firm(pid, mu[pid] * share, floor_space=int(floor[pid] * share))
    rows.sort(key=lambda r: (r["enterprise_id"], r["parcel_id"]))
    out = io.StringIO()
    w = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    w.writeheader()
    for r in rows:
        w.writerow(r)
    return out.getvalue(), rows


def batches(parcels):
    rng = random.Random(1515)
    boxes = {}
    for p in parcels:
        pts = [c for poly in polygons(p["geometry"]) for c in poly[0]]
        xs, ys = [c[0] for c in pts], [c[1] for c in pts]
        boxes[p["id"]] = (min(xs), min(ys), max(xs), max(ys), p["properties"]["zone"])
    zones = sorted({b[4] for b in boxes.values()})
    chosen = []
    features = []
    k = 0
    for zone in zones:
        ids = sorted(i for i, b in boxes.items() if b[4] == zone)
        for _ in range(2):
            seed = rng.choice(ids)
            sx, sy = (boxes[seed][0] + boxes[seed][2]) / 2, (boxes[seed][1] + boxes[seed][3]) / 2
            near = sorted(ids, key=lambda i: math.hypot((boxes[i][0] + boxes[i][2]) / 2 - sx, (boxes[i][1] + boxes[i][3]) / 2 - sy))
            members = near[: rng.choice([2, 3, 4])]
            x0 = min(boxes[i][0] for i in members) - 30
            y0 = min(boxes[i][1] for i in members) - 30
            x1 = max(boxes[i][2] for i in members) + 30
            y1 = max(boxes[i][3] for i in members) + 30
            if (x1 - x0) * (y1 - y0) > 4_000_000 or any(not (x1 < c[0] or c[2] < x0 or y1 < c[1] or c[3] < y0) for c in chosen):
                continue  # too spread out, or overlapping a batch already drawn
            chosen.append((x0, y0, x1, y1))
            k += 1
            outer = [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]
            rings = [outer]
            area = (x1 - x0) * (y1 - y0)
            if k == 2:
                # A hole (land left out of the batch), 20 m square in the corner margin, clockwise.
                hx, hy = x0 + 5, y0 + 5
                rings.append([[hx, hy], [hx, hy + 20], [hx + 20, hy + 20], [hx + 20, hy], [hx, hy]])
                area -= 400
            declared = round(area / MU, 2) + (1.5 if k == 3 else 0)
            year = 2015 + (k * 3) % 10
            features.append({
                "type": "Feature", "id": "赣国土资〔%d〕%03d号" % (year, 100 + k),
                "properties": {"approval_no": "赣国土资〔%d〕%03d号" % (year, 100 + k), "name": "新余高新区%d年第%d批次" % (year, k),
                               "kind": "农用地转用" if k % 2 else "土地征收", "approved_on": "%d-%02d-%02d" % (year, 1 + k % 12, 1 + (7 * k) % 28),
                               "zone": zone, "approved_area_mu": round(declared, 2), "parcels_inside": members},
                "geometry": {"type": "Polygon", "coordinates": [[[round(x, 3), round(y, 3)] for x, y in r] for r in rings]},
            })
    lines = ['{', '"type": "FeatureCollection",', '"name": "xinyu_efficiency_batches",',
             '"crs": { "type": "name", "properties": { "name": "urn:ogc:def:crs:EPSG::4547" } },', '"features": [']
    lines.append(",\n".join(json.dumps(f, ensure_ascii=False) for f in features))
    lines.append("]", )
    lines.append("}")
    return "\n".join(lines) + "\n", features


def main():
    parcels, floor = load()
    text, rows = enterprises(parcels, floor)
    open(os.path.join(ROOT, "xinyu-efficiency-enterprises-2024.csv"), "w", encoding="utf-8").write(text)
    gj, features = batches(parcels)
    open(os.path.join(ROOT, "xinyu-efficiency-batches.geojson"), "w", encoding="utf-8").write(gj)
    firms = len({r["enterprise_id"] for r in rows})
    print("enterprises: %d rows, %d firms; batches: %d" % (len(rows), firms, len(features)))


if __name__ == "__main__":
    main()
