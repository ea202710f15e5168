"""What the reference benchmarks (SpatiaLite, PostGIS) share with each other: the random points (Python's
random, seed 42, over the square around Xinyu that bench-query uses), the timing of the site queries, printed in
one format (p50/p99 in ms after a warm-up pass), and for the matcher's benchmark (bench-match) its four demands
as the peers ask them: the statuses a zone offers by default and the zones' gates as SQL conditions."""
import math
import random
import time

QUERIES = ["parcels 40-60 mu within 20 km nearest 10",
           "parcels 80-120 mu within 20 km nearest 10",
           "buildings >=20000 m2 vacant, >=8 m, >=2000 kVA within 30 km nearest 10"]


def spots(points, half_km):
    """`points` lon/lat pairs drawn uniformly within half_km of (114.93E, 27.80N)."""
    rng = random.Random(42)
    dlat, dlon = half_km / 110.95, half_km / (111.32 * math.cos(math.radians(27.8)))
    return [(114.93 + rng.uniform(-dlon, dlon), 27.80 + rng.uniform(-dlat, dlat)) for _ in range(points)]


# bench-match's demands, named as scripts/bench-match/Sources/Workload.swift names them.
MATCH_QUERIES = ["parcels 40-60 mu within 20 km nearest 10",
                 "parcels 80-120 mu within 20 km (assembly)",
                 "buildings >=20000 m2 vacant, >=8 m, >=2000 kVA within 30 km nearest 10",
                 "parcels 40-60 mu within 20 km, zone gates, nearest 10"]
# ZonePolicy's defaults: the land statuses and the building statuses a zone offers.
LAND_STATUSES = ("idle", "recovered", "approved_not_supplied")
FLOOR_STATUSES = ("idle", "recovered", "revitalized")
# The gated demand's figures (Workload.swift's q4), yuan and tce a year.
GATE_DEMAND = {"industry": "chemicals", "investment_yuan": 1e8, "annual_tax_yuan": 2e7,
               "annual_output_yuan": 5e8, "energy_tce_per_year": 1e4, "plot_ratio": 1.5}


def gate_condition(policies, demand, zone_col, mu_col):
    """The zones' gates (a policies JSON as `landbank policy import` reads it) on `demand` as one SQL condition:
    a zone that refuses the industry or whose energy or plot-ratio gate fails is left out; in the others the
    per-mu gates (万元 per mu) cap the area at figure / 10,000 / gate. Zones without a policy pass."""
    parts, named = [], []
    for zone, p in sorted(policies.items()):
        named.append("'%s'" % zone)
        if demand["industry"] in p.get("refused_industries", []):
            continue
        energy = p.get("max_energy_tce_per_wan_output")
        if energy is not None and demand["energy_tce_per_year"] / (demand["annual_output_yuan"] / 1e4) > energy:
            continue
        if demand["plot_ratio"] < p.get("min_plot_ratio", 0):
            continue
        caps = [demand[k] / 1e4 / p[g] for k, g in [("investment_yuan", "min_investment_intensity_wan_per_mu"),
                                                     ("annual_tax_yuan", "min_tax_wan_per_mu_year"),
                                                     ("annual_output_yuan", "min_output_wan_per_mu_year")] if p.get(g)]
        cap = " AND %s <= %.17g" % (mu_col, min(caps)) if caps else ""
        parts.append("(%s = '%s'%s)" % (zone_col, zone, cap))
    parts.append("%s IS NULL OR %s NOT IN (%s)" % (zone_col, zone_col, ", ".join(named)))
    return "(" + " OR ".join(parts) + ")"


def write_spots(path, points, half_km):
    """The points as "lon<TAB>lat" lines, for bench-match, which must ask about the same ones."""
    with open(path, "w") as f:
        for lon, lat in spots(points, half_km):
            f.write("%r\t%r\n" % (lon, lat))


def time_queries(label, points, passes, runs, names=QUERIES, answers=None):
    """Times each run(lon, lat) -> hits over every point, `passes` times after one warm-up pass; prints p50/p99.
    A run may return its rows (id, metres) instead of a count: with `answers` (a dict), the first timed pass's rows
    are kept there under (query name, point index)."""
    for name, run in zip(names, runs):
        for lon, lat in points:
            run(lon, lat)
        times, hits = [], 0
        for p in range(passes):
            for i, (lon, lat) in enumerate(points):
                t0 = time.perf_counter()
                rows = run(lon, lat)
                times.append((time.perf_counter() - t0) * 1000)
                if isinstance(rows, int):
                    hits += rows
                    continue
                hits += len(rows)
                if answers is not None and p == 0:
                    answers[(name, i)] = rows
        times.sort()
        pct = lambda p: times[min(len(times) - 1, math.ceil(len(times) * p) - 1)]
        print("%-11s %-72s p50 %7.3f ms  p99 %7.3f ms  mean hits %.1f"
              % (label, name, pct(0.5), pct(0.99), hits / len(times)))
