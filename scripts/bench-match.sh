#!/usr/bin/env bash
# The matcher's benchmark (issue 11): N synthetic parcels that touch (in estates) and N/5 buildings; the same
# demands through the library, in SpatiaLite and in PostGIS in one run, the answers checked equal; blocks of
# available land against PostGIS's ST_ClusterDBSCAN; a batch of demands assigned jointly.
#
#   scripts/bench-match.sh [N=1000000] [POINTS=200] [PASSES=3] [BATCH=500]
#
# 1. scripts/gen-estates.py N --crs-4547 --extent-km E --buildings-out ... (E = 300 km for 1,000,000 parcels,
#    bench-query's density, scaled as sqrt(N) for other N): estates of 8 x 8 touching parcels of 19-64 mu, so
#    40-60 mu parcels are common, no single parcel reaches 80 mu, and contiguous available land exists.
# 2. What landbank init --crs EPSG:4547, import, building import and policy import Fixtures/policies-xinyu.json
#    (the zones' gates, for the gated demand) do, through the same library calls (`bench-match setup`, so that no
#    release build of the CLI and its server is needed). Reused while N, the generators, the schema and the
#    policies are unchanged.
# 3. scripts/bench-match/ (a separate SwiftPM package over the main one, LandbankMatching's Matcher in process):
#    POINTS points (bench_peers.spots) x PASSES passes after a warm-up pass, p50/p99 of four demands whose only
#    soft wish is nearness: parcels 40-60 mu within 20 km; parcels 80-120 mu within 20 km (joined parcels:
#    none single); buildings >= 20,000 m2 vacant, >= 8 m, >= 2,000 kVA within 30 km; 40-60 mu with the zones'
#    gates. The ten candidates of each are written out.
# 4. scripts/bench-match-peers.py: the same demands in SpatiaLite (one connection, R*Tree joined) and PostGIS
#    (PostgreSQL 15 + PostGIS 3 started here on loopback by scripts/pg-local.sh, GiST index, jit=off), p50/p99,
#    and their nearest ten written out; then ST_ClusterDBSCAN(geom, eps := 5, minpoints := 1) over the available
#    parcels, areas summed per cluster, clusters of >= 500 mu.
# 5. `BlockFinder.find` (what `landbank blocks --min-mu 500` runs) on the whole registry, timed.
# 6. BATCH demands (scripts/bench-match/Sources/Batch.swift) assigned jointly (`match --batch`): time, objective,
#    status, and greedy best-first's objective.
# 7. scripts/bench-match-report.py: landbank's candidates must be the peers' nearest ten (ties within 2e-4 of the
#    distance + 1 m, ellipsoid vs plane) and the blocks the same; prints the final table with ratios (landbank p99
#    / best peer p99) against the targets. Exits 1 when the answers differ.
# PG=0 skips PostGIS.
# Work files live in out/bench-match/ (ignored by git).
set -euo pipefail

N=${1:-1000000}
POINTS=${2:-200}
PASSES=${3:-3}
BATCH=${4:-500}
for v in "$N" "$POINTS" "$PASSES" "$BATCH"; do
    [[ $v =~ ^[0-9]+$ && $v -gt 0 ]] || { echo "usage: $0 [N] [POINTS] [PASSES] [BATCH]" >&2; exit 2; }
done
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
WORK=$ROOT/out/bench-match
mkdir -p "$WORK"
POLICIES=$ROOT/Fixtures/policies-xinyu.json

# shellcheck source=peer-deps.sh
source "$ROOT/scripts/peer-deps.sh"
peer_deps

cd "$ROOT"
# A release build over the main package's own .build (scratch path): what it already compiled in release is reused.
# The bench shares landbank's build folder (no second release build of everything); a build of the root package
# in between can leave the bench's own objects compiled against a library's older layout (a crash in a copy of
# Candidate, seen once), so its sources are always compiled anew (15 s).
touch scripts/bench-match/Sources/*.swift
(cd scripts/bench-match && swift build -c release --scratch-path "$ROOT/.build" >/dev/null)
BENCH="$(cd scripts/bench-match && swift build -c release --scratch-path "$ROOT/.build" --show-bin-path)/bench-match"

EXTENT=$(python3 -c "import math; print(round(300 * math.sqrt($N / 1e6), 3))")
HALF=$(python3 -c "print($EXTENT / 2)")
REG=$WORK/reg-$N.gpkg
schema=$(cat Sources/LandbankRegistry/GeoPackage/Schema/*.swift Sources/LandbankRegistry/GeoPackage/Index/*.swift \
    Sources/LandbankRegistry/GeoPackage/Import/*.swift | md5sum | cut -d' ' -f1)
gen="N=$N gen=$(cat scripts/gen-estates.py scripts/gen-synthetic.py | md5sum | cut -d' ' -f1)"
stamp="$gen schema=$schema policies=$(md5sum <"$POLICIES" | cut -d' ' -f1)"
if [[ ! -e $REG || "$(cat "$REG.stamp" 2>/dev/null)" != "$stamp" ]]; then
    rm -f "$REG" "$REG.stamp"
    if [[ ! -e $WORK/parcels-$N.geojson || "$(cat "$WORK/parcels-$N.stamp" 2>/dev/null)" != "$gen" ]]; then
        echo "generating $N touching parcels and $((N / 5)) buildings over ${EXTENT} km ..."
        python3 scripts/gen-estates.py "$N" "$WORK/parcels-$N.geojson" --crs-4547 --extent-km "$EXTENT" \
            --buildings-out "$WORK/buildings-$N.geojson" --buildings-every 5
        echo "$gen" >"$WORK/parcels-$N.stamp"
    fi
    "$BENCH" setup "$REG" "$WORK/parcels-$N.geojson" "$WORK/buildings-$N.geojson" "$POLICIES"
    echo "$stamp" >"$REG.stamp"
fi

LOG=$WORK/run.log
rm -f "$WORK"/answers-*.tsv "$WORK"/blocks-*.tsv
{
echo "registry: $(sqlite3 "$REG" 'SELECT count(*) FROM parcels') parcels, $(sqlite3 "$REG" 'SELECT count(*) FROM buildings') buildings; $POINTS points x $PASSES passes"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) cores)"
} | tee "$LOG"
cd "$ROOT/scripts" && /usr/bin/python3 -c "import bench_peers; bench_peers.write_spots('$WORK/points.tsv', $POINTS, $HALF)" && cd "$ROOT"

"$BENCH" single "$REG" "$WORK/points.tsv" "$PASSES" "$WORK/answers-landbank.tsv" | tee -a "$LOG"

URL=()
if [[ ${PG:-1} != 0 ]]; then
    PGDIR=$WORK/pg
    trap 'scripts/pg-local.sh stop "$PGDIR" >/dev/null 2>&1 || true' EXIT
    URL=(--url "$(scripts/pg-local.sh start "$PGDIR" | tail -1)" --blocks 500)
fi
/usr/bin/python3 scripts/bench-match-peers.py "$REG" "$POINTS" "$PASSES" "$HALF" --answers "$WORK" \
    --policies "$POLICIES" "${URL[@]}" | tee -a "$LOG"

"$BENCH" blocks "$REG" 500 "$WORK/blocks-landbank.tsv" | tee -a "$LOG"
"$BENCH" batch "$REG" "$BATCH" "$HALF" | tee -a "$LOG"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$LOG"
/usr/bin/python3 scripts/bench-match-report.py "$LOG" "$WORK"
