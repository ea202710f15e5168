"""What the reference benchmarks (SpatiaLite, PostGIS) share with each other: the random points (Python's
random, seed 42, over the square around Xinyu that bench-query uses) and the timing of the three site queries,
printed in one format (p50/p99 in ms after a warm-up pass)."""
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


def time_queries(label, points, passes, runs):
    """Times each run(lon, lat) -> hits over every point, `passes` times after one warm-up pass; prints p50/p99."""
    for name, run in zip(QUERIES, runs):
        for lon, lat in points:
            run(lon, lat)
        times, hits = [], 0
        for _ in range(passes):
            for lon, lat in points:
                t0 = time.perf_counter()
                hits += run(lon, lat)
                times.append((time.perf_counter() - t0) * 1000)
        times.sort()
        pct = lambda p: times[min(len(times) - 1, math.ceil(len(times) * p) - 1)]
        print("%-11s %-72s p50 %7.3f ms  p99 %7.3f ms  mean hits %.1f"
              % (label, name, pct(0.5), pct(0.99), hits / len(times)))
