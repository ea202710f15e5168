#!/usr/bin/env python3
"""Copy a file from scripts/gen-synthetic.py with one feature in every K made bad, for the import-with-report
benchmark (issue 13), and list the bad ones.

    scripts/gen-bad-synthetic.py IN.geojson OUT.geojson MANIFEST.csv [--every 100] [--seed 1]

In each block of K features (default 100: 1% of the file) one feature, at a position drawn from the seed
(never the block's first, so the feature before a bad one is always good), is given one problem that
`landbank import` rejects, the four kinds taking turns block by block:

    bow_tie        two neighbouring vertices of the ring swapped, so two edges cross   invalid_polygon
    null_geometry  "geometry": null                                                     no_geometry
    duplicate_id   the id of the feature before it (a mistyped parcel number)           duplicate_id
    bad_status     status "abandoned", a status the lifecycle does not know            bad_attribute

Every other feature is copied byte for byte, so the good features are exactly those of IN at the same
positions. MANIFEST.csv has one row per bad feature: position (1-based, as the import log counts),
feature_id (as written in OUT), original_id (the id IN gives there, which the registry must not hold
afterwards), kind and rule (the issue log's rule). The input must be gen-synthetic.py's layout (one feature
a line); anything else is refused. Deterministic for a given (IN, K, seed); memory does not grow with N.
"""
import argparse
import csv
import json
import random
import sys

KINDS = [("bow_tie", "invalid_polygon"), ("null_geometry", "no_geometry"),
         ("duplicate_id", "duplicate_id"), ("bad_status", "bad_attribute")]
FEATURE_PREFIX = '{"type":"Feature",'


def crosses(a, b, c, d):
    """Whether segments ab and cd cross at a point inside both (a proper crossing)."""
    def orient(p, q, r):
        v = (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])
        return (v > 0) - (v < 0)
    return orient(a, b, c) * orient(a, b, d) < 0 and orient(c, d, a) * orient(c, d, b) < 0


def bow_tie(geometry):
    """The ring with vertices 1 and 2 swapped: edges 0-2 and 1-3 then cross (the ring is star-shaped around
    its centre with vertices in angular order). Falls back to the ring's bounding box drawn as a bow-tie."""
    ring = geometry["coordinates"][0]
    pts = ring[:-1]
    if len(pts) >= 4:
        p0, p1, p2, p3 = pts[0], pts[1], pts[2], pts[3]
        if crosses(p0, p2, p1, p3):
            pts = [p0, p2, p1] + pts[3:]
            return {"type": "Polygon", "coordinates": [pts + [pts[0]]]}
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    return {"type": "Polygon", "coordinates": [[[x0, y0], [x1, y1], [x1, y0], [x0, y1], [x0, y0]]]}


def main():
    ap = argparse.ArgumentParser(description="Make one feature in every K of a gen-synthetic.py file bad.")
    ap.add_argument("input")
    ap.add_argument("output")
    ap.add_argument("manifest")
    ap.add_argument("--every", type=int, default=100, help="one bad feature in every K (default 100: 1%%)")
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    if a.every < 2:
        sys.exit("--every must be at least 2")
    rng = random.Random(a.seed)
    index = 0            # 0-based position of the next feature
    bad_at = None        # 0-based position of the current block's bad feature
    previous = None      # the line before, for the duplicate's id
    rows = 0
    with open(a.input, encoding="utf-8") as src, \
            open(a.output, "w", encoding="utf-8", newline="\n", buffering=1 << 20) as out, \
            open(a.manifest, "w", encoding="utf-8", newline="") as mf:
        man = csv.writer(mf, lineterminator="\n")
        man.writerow(["position", "feature_id", "original_id", "kind", "rule"])
        for line in src:
            if not line.startswith(FEATURE_PREFIX):
                out.write(line)
                continue
            if index % a.every == 0:
                bad_at = index + rng.randrange(1, a.every)
            if index != bad_at:
                out.write(line)
                previous = line
                index += 1
                continue
            body = line.rstrip("\n")
            comma = body.endswith(",")
            f = json.loads(body[:-1] if comma else body)
            original = f.get("id")
            kind, rule = KINDS[(index // a.every) % len(KINDS)]
            if kind == "bow_tie":
                f["geometry"] = bow_tie(f["geometry"])
            elif kind == "null_geometry":
                f["geometry"] = None
            elif kind == "duplicate_id":
                p = previous.rstrip("\n")
                f["id"] = json.loads(p[:-1] if p.endswith(",") else p)["id"]
            else:
                f["properties"]["status"] = "abandoned"
            out.write(json.dumps(f, ensure_ascii=False, separators=(",", ":")) + ("," if comma else "") + "\n")
            man.writerow([index + 1, f.get("id"), original, kind, rule])
            rows += 1
            previous = line
            index += 1
    if index == 0:
        sys.exit(f"{a.input}: no features in gen-synthetic.py's layout (one feature a line)")
    print(f"{rows} bad features of {index} ({a.output}; list in {a.manifest})")


if __name__ == "__main__":
    main()
