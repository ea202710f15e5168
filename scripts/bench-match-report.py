#!/usr/bin/python3
"""bench-match's closing step: checks the matcher's answers against the peers' and prints the final table.

    scripts/bench-match-report.py LOG DIR

LOG is the run's output (the p50/p99 lines of bench-match and bench-match-peers.py, the blocks and batch lines),
DIR holds answers-{landbank,spatialite,postgis}.tsv and blocks-{landbank,postgis}.tsv. Exits 1 when the check fails.

The check: for every demand whose only soft wish is nearness (all but the 80-120 mu one, which the peers cannot
join), landbank's ten candidates must be each peer's nearest ten, in order. landbank measures on the ellipsoid,
the peers in the EPSG:4547 plane, whose scale differs from 1 by up to ~1e-4 and varies across the grid; so two
sites whose distances differ by less than TOL (2e-4 of the distance + 1 m) may trade places, or places at the
tenth rank or at the radius, and are counted as ties, not mismatches. Blocks: the same sets of parcel ids.
"""
import collections
import re
import sys

TOL_REL, TOL_ABS = 2e-4, 1.0
RADIUS_M = {"parcels": 20000.0, "buildings": 30000.0}
LINE = re.compile(r"^(landbank|candidates|spatialite|postgis)\s+(.+?)\s+p50\s+([\d.]+) ms\s+p99\s+([\d.]+) ms\s+mean hits ([\d.]+)")


def read_answers(path, scale):
    out = collections.defaultdict(list)
    with open(path, encoding="utf-8") as f:
        next(f)
        for line in f:
            q, i, _, ident, d = line.rstrip("\n").split("\t")
            out[(q, int(i))].append((ident, float(d) * scale))
    return out


def tol(d):
    return TOL_REL * d + TOL_ABS


def compare(ours, theirs, radius):
    """(mismatches, ties) between two nearest-ten lists of (id, metres): ours ellipsoidal, theirs planar."""
    mine, peer = dict(ours), dict(theirs)
    common = [i for i in mine if i in peer]
    ratios = sorted(peer[i] / mine[i] for i in common if mine[i] > 0)
    s = ratios[len(ratios) // 2] if ratios else 1.0
    bad = ties = 0
    last_peer = theirs[-1][1] if len(theirs) == 10 else radius
    last_mine = ours[-1][1] if len(ours) == 10 else radius
    for i, d in ours:
        if i not in peer:
            if s * d >= last_peer - tol(last_peer):
                ties += 1
            else:
                bad += 1
    for i, d in theirs:
        if i not in mine:
            if d / s >= last_mine - tol(last_mine):
                ties += 1
            else:
                bad += 1
    order = [i for i, _ in theirs if i in mine]
    for a, b in zip(common, order):
        if a != b:
            if abs(peer[a] - peer[b]) <= tol(max(peer[a], peer[b])):
                ties += 1
            else:
                bad += 1
    return bad, ties


def read_blocks(path):
    with open(path, encoding="utf-8") as f:
        return {frozenset(line.rstrip("\n").split("\t")[1].split()) for line in f if line.strip()}


def main():
    log, dirname = sys.argv[1], sys.argv[2]
    times = collections.defaultdict(dict)
    extra = []
    with open(log, encoding="utf-8") as f:
        for line in f:
            m = LINE.match(line)
            if m:
                times[m.group(2)][m.group(1)] = (float(m.group(3)), float(m.group(4)), float(m.group(5)))
            elif re.match(r"^(landbank|postgis)\s+(blocks|ST_Cluster|match --batch)", line):
                extra.append(line.rstrip())
    failed = False
    ours = read_answers(dirname + "/answers-landbank.tsv", 1000.0)
    print("\ncheck: landbank's candidates against each peer's nearest ten (ties: within %g of the distance + %g m)"
          % (TOL_REL, TOL_ABS))
    for peer in ("spatialite", "postgis"):
        try:
            theirs = read_answers("%s/answers-%s.tsv" % (dirname, peer), 1.0)
        except FileNotFoundError:
            print("  %-10s no answers" % peer)
            continue
        for q in sorted({q for q, _ in ours} | {q for q, _ in theirs}):
            if "assembly" in q:
                continue
            radius = RADIUS_M["buildings" if q.startswith("buildings") else "parcels"]
            points = sorted({i for qq, i in list(ours) + list(theirs) if qq == q})
            bad = ties = 0
            for i in points:
                b, t = compare(ours.get((q, i), []), theirs.get((q, i), []), radius)
                bad, ties = bad + b, ties + t
            failed |= bad > 0
            print("  %-10s %-72s %s (%d points, %d ties)" % (peer, q, "EQUAL" if bad == 0 else "%d MISMATCHES" % bad,
                                                            len(points), ties))
    try:
        a, b = read_blocks(dirname + "/blocks-landbank.tsv"), read_blocks(dirname + "/blocks-postgis.tsv")
        same = a == b
        failed |= not same
        print("  blocks     landbank %d, PostGIS %d: %s" % (len(a), len(b), "the same blocks" if same else
              "%d only in landbank, %d only in PostGIS: MISMATCH" % (len(a - b), len(b - a))))
    except FileNotFoundError:
        print("  blocks     not compared (no PostGIS blocks)")

    # "landbank": the whole answer (candidates, `excluded`, near misses); "candidates": the candidates only
    # (explain off), the work the peers do. Ratios: p99 over the best peer's p99.
    engines = ("landbank", "candidates", "spatialite", "postgis")
    print("\n%-72s %17s %17s %17s %17s %8s %8s %s" % ("single demand (p50 / p99 ms)", "landbank (whole)", "candidates only",
                                                      "spatialite", "postgis", "whole", "cand.", "target (whole / candidates)"))
    for q, row in times.items():
        cells = [("%7.3f / %7.3f" % row[e][:2]) if e in row else "%17s" % "-" for e in engines]
        peers = [row[e][1] for e in ("spatialite", "postgis") if e in row]
        ratios = ["%8.2f" % (row[e][1] / min(peers)) if peers and e in row and min(peers) > 0 else "%8s" % "-"
                  for e in ("landbank", "candidates")]
        limit = 20.0 if "assembly" in q else 2.0
        met = ["met" if e in row and row[e][1] <= limit and (not peers or row[e][1] < min(peers)) else "MISSED"
               for e in ("landbank", "candidates")]
        note = " (peers: single parcels only, none)" if "assembly" in q else ""
        print("%-72s %17s %17s %17s %17s %s %s p99 <= %g ms, below peers: %s / %s%s" % (q, *cells, *ratios, limit, *met, note))
    for line in extra:
        print(line)
    sec = lambda text: float(re.search(r"in ([\d.]+) s", text).group(1))
    lb = [l for l in extra if l.startswith("landbank") and "blocks" in l]
    pg = [l for l in extra if l.startswith("postgis")]
    if lb and pg:
        print("blocks: landbank / PostGIS = %.2f (target < 1: %s)" % (sec(lb[0]) / sec(pg[0]),
              "met" if sec(lb[0]) < sec(pg[0]) else "MISSED"))
    batch = [l for l in extra if "match --batch" in l]
    if batch:
        s = float(re.search(r": ([\d.]+) s", batch[0]).group(1))
        print("batch: %.2f s, %s (target optimal in < 10 s: %s)" % (s, "optimal" if "status optimal" in batch[0] else "not proven optimal",
              "met" if s < 10 and "status optimal" in batch[0] else "MISSED"))
    if failed:
        print("\nFAILED: landbank's answers differ from the peers' (see above)")
        sys.exit(1)


if __name__ == "__main__":
    main()
