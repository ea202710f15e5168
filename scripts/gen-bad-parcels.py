#!/usr/bin/env python3
"""Writes Fixtures/bad/every-problem.geojson: a municipal ledger with one feature for each problem an import
lists (issue 13), and Fixtures/bad/every-problem-registry.geojson, the parcel already in the registry that the
first file repeats. Coordinates in EPSG:4547 (metres), in a patch of their own west of the other bad files.

Features of every-problem.geojson, by position:
   1 P-001  valid
   2 P-002  no geometry (null)                         no_geometry
   3 P-003  empty Polygon                              empty_geometry
   4 P-004  bow-tie (self-intersection)                invalid_polygon; --make-valid refuses (area changes)
   5 P-005  ring touching itself at a vertex           invalid_polygon; --make-valid repairs (area unchanged)
   6 P-001  the id of feature 1 again                  duplicate_id
   7 (none) no id at all                               missing_id
   8 P-008  75 km east of the CRS's area of use        outside_area_of_use
   9 P-009  status_date 2024-13-45                     bad_date
  10 P-010  declared_area_mu "about 12"                bad_number, flagged (imported as given)
  11 P-011  status "abandoned"                         bad_attribute
  12 P-012  valid
  13 P-100  already in the registry                    id_in_registry
  14 P-014  a LineString                               geometry_type
  15 P-015  ring not closed                            bad_geometry

Run: python3 scripts/gen-bad-parcels.py [outdir]   (default: Fixtures)
"""
import json
import os
import sys

ORIGIN = (578000, 3085000)   # EPSG:4547; the other bad files start at 582000
CRS = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::4547"}}


def rect(i, w=50, h=40):
    x, y = ORIGIN[0] + 100 * i, ORIGIN[1]
    return [[[x, y], [x + w, y], [x + w, y + h], [x, y + h], [x, y]]]


def shifted(i, points):
    x, y = ORIGIN[0] + 100 * i, ORIGIN[1]
    return [[[x + dx, y + dy] for dx, dy in points]]


def polygon(coords):
    return {"type": "Polygon", "coordinates": coords}


def props(i, **extra):
    p = {"name": f"测试地块{i}", "zone": "马洪片区", "land_use": "industrial", "status": "idle",
         "disposal_method": "land_recovery"}
    p.update(extra)
    return p


def feature(fid, properties, geometry):
    f = {"type": "Feature"}
    if fid is not None:
        f["id"] = fid
    f["properties"] = properties
    f["geometry"] = geometry
    return f


def collection(features):
    lines = ['{"type":"FeatureCollection","name":"every-problem","crs":' + json.dumps(CRS) + ',"features":[']
    lines.append(",\n".join(json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in features))
    lines.append("]}")
    return "\n".join(lines) + "\n"


def every_problem():
    bow_tie = [(0, 0), (50, 40), (50, 0), (0, 40), (0, 0)]
    # A 60 m square whose right edge folds in to a triangle and back, touching itself at (60, 30): the
    # triangle is a hole drawn as part of the shell (an "inverted" ring, as some CAD exports write it).
    self_touching = [(0, 0), (60, 0), (60, 30), (40, 20), (40, 40), (60, 30), (60, 60), (0, 60), (0, 0)]
    far_east = [[[1000000, 3085000], [1000050, 3085000], [1000050, 3085040], [1000000, 3085040], [1000000, 3085000]]]
    unclosed = rect(15)[0][:-1]
    return [
        feature("P-001", props(1), polygon(rect(1))),
        feature("P-002", props(2), None),
        feature("P-003", props(3), polygon([])),
        feature("P-004", props(4), polygon(shifted(4, bow_tie))),
        feature("P-005", props(5), polygon(shifted(5, self_touching))),
        feature("P-001", props(6), polygon(rect(6))),
        feature(None, props(7), polygon(rect(7))),
        feature("P-008", props(8), polygon(far_east)),
        feature("P-009", props(9, status_date="2024-13-45"), polygon(rect(9))),
        feature("P-010", props(10, declared_area_mu="about 12"), polygon(rect(10))),
        feature("P-011", props(11, status="abandoned"), polygon(rect(11))),
        feature("P-012", props(12), polygon(rect(12))),
        feature("P-100", props(13), polygon(rect(13))),
        feature("P-014", props(14), {"type": "LineString", "coordinates": rect(14)[0]}),
        feature("P-015", props(15), polygon([unclosed])),
    ]


def main():
    outdir = os.path.join(sys.argv[1] if len(sys.argv) > 1 else "Fixtures", "bad")
    os.makedirs(outdir, exist_ok=True)
    files = {
        "every-problem.geojson": collection(every_problem()),
        "every-problem-registry.geojson": collection([feature("P-100", props(100), polygon(rect(20)))]),
    }
    for name, text in files.items():
        with open(os.path.join(outdir, name), "w", encoding="utf-8") as f:
            f.write(text)
    print(f"{outdir}/: {', '.join(sorted(files))}")


if __name__ == "__main__":
    main()
