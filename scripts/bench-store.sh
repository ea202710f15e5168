#!/usr/bin/env bash
# The store benchmark (issue 16): the same registry in a GeoPackage and in PostgreSQL + PostGIS.
#
#   scripts/bench-store.sh [N=1000000] [WRITERS=8] [EVENTS=10000] [POINTS=200] [PASSES=3]
#
# 1. N touching parcels and N/5 buildings (scripts/gen-estates.py, bench-match's data: 300 km for 1,000,000
#    parcels, scaled as sqrt(N)).
# 2. Import into each store, timed: a new GeoPackage, and a new database on a throwaway PostgreSQL 15 + PostGIS 3
#    server (scripts/pg-local.sh, loopback, its own data directory in out/bench-store/pg, stopped at the end),
#    through `bench-store setup` (init, import, building import, policy import: the library calls the CLI makes).
# 3. The matcher's single-demand p50/p99 on each store (`bench-store single`: bench-match's four demands at POINTS
#    points x PASSES passes); the candidates of the two stores must be the same (the script exits 1 otherwise).
# 4. WRITERS concurrent writer processes recording EVENTS status changes each, one transaction per event
#    (scripts/bench-store: `Registry.record`, as `landbank record`), into each store: events/s, and a check that
#    all WRITERS x EVENTS are there and that `landbank verify` passes.
# Work files live in out/bench-store/ (ignored by git). STAGES (default "setup single writers") picks the parts to
# run: `STAGES=writers scripts/bench-store.sh` measures the writers again on the registries a previous run left.
set -euo pipefail

N=${1:-1000000}
WRITERS=${2:-8}
EVENTS=${3:-10000}
POINTS=${4:-200}
PASSES=${5:-3}
STAGES=${STAGES:-setup single writers}
stage() { [[ " $STAGES " == *" $1 "* ]]; }
for v in "$N" "$WRITERS" "$EVENTS" "$POINTS" "$PASSES"; do
    [[ $v =~ ^[0-9]+$ && $v -gt 0 ]] || { echo "usage: $0 [N] [WRITERS] [EVENTS] [POINTS] [PASSES]" >&2; exit 2; }
done
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
WORK=$ROOT/out/bench-store
PGDIR=$WORK/pg
mkdir -p "$WORK"
POLICIES=$ROOT/Fixtures/policies-xinyu.json
cd "$ROOT"

echo "building (release) ..."
swift build -c release --product landbank >/dev/null || { swift build -c release --product landbank 2>&1 | grep error: >&2; exit 1; }
LB="$(swift build -c release --show-bin-path)/landbank"
(cd scripts/bench-store && swift build -c release --scratch-path "$ROOT/.build" >/dev/null) || {
    (cd scripts/bench-store && swift build -c release --scratch-path "$ROOT/.build" 2>&1 | grep error: >&2); exit 1; }
BENCH="$(cd scripts/bench-store && swift build -c release --scratch-path "$ROOT/.build" --show-bin-path)/bench-store"
MATCH=$BENCH
WRITE=$BENCH

EXTENT=$(python3 -c "import math; print(round(300 * math.sqrt($N / 1e6), 3))")
HALF=$(python3 -c "print($EXTENT / 2)")
gen="N=$N gen=$(cat scripts/gen-estates.py scripts/gen-synthetic.py | md5sum | cut -d' ' -f1)"
if [[ ! -e $WORK/parcels-$N.geojson || "$(cat "$WORK/parcels-$N.stamp" 2>/dev/null)" != "$gen" ]]; then
    echo "generating $N touching parcels and $((N / 5)) buildings over ${EXTENT} km ..."
    python3 scripts/gen-estates.py "$N" "$WORK/parcels-$N.geojson" --crs-4547 --extent-km "$EXTENT" \
        --buildings-out "$WORK/buildings-$N.geojson" --buildings-every 5
    echo "$gen" >"$WORK/parcels-$N.stamp"
fi

BASE=$(scripts/pg-local.sh start "$PGDIR")
trap 'scripts/pg-local.sh stop "$PGDIR" >/dev/null 2>&1 || true' EXIT
PG=${BASE%/*}/bench_store_$N
GPKG=$WORK/reg-$N.gpkg
if stage setup; then
    psql "$BASE" -qc "DROP DATABASE IF EXISTS bench_store_$N" -c "CREATE DATABASE bench_store_$N"
    rm -f "$GPKG" "$GPKG"-wal "$GPKG"-shm
elif [[ ! -e $GPKG ]] || ! psql "$PG" -qAtc "SELECT 1" >/dev/null 2>&1; then
    echo "no registries from a previous run in $WORK: run with the setup stage first" >&2; exit 1
fi
count() {
    if [[ $1 == pg ]]; then psql "$PG" -qAtc "SELECT count(*) FROM events WHERE recorded_by LIKE 'bench-writer-%'"
    else sqlite3 "$GPKG" "SELECT count(*) FROM events WHERE recorded_by LIKE 'bench-writer-%'"; fi
}

LOG=$WORK/run.log
{
echo "$N parcels, $((N / 5)) buildings; $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)"
stage setup && for store in gpkg pg; do
    REG=$GPKG; [[ $store == pg ]] && REG=$PG
    echo "== $store: import"
    /usr/bin/time -f "$store setup (init, import, building import, policies): %e s wall, %M KiB max RSS" \
        "$MATCH" setup "$REG" "$WORK/parcels-$N.geojson" "$WORK/buildings-$N.geojson" "$POLICIES"
done
if stage single; then
cd scripts && /usr/bin/python3 -c "import bench_peers; bench_peers.write_spots('$WORK/points.tsv', $POINTS, $HALF)" && cd "$ROOT"
for store in gpkg pg; do
    REG=$GPKG; [[ $store == pg ]] && REG=$PG
    echo "== $store: single demands, $POINTS points x $PASSES passes"
    "$MATCH" single "$REG" "$WORK/points.tsv" "$PASSES" "$WORK/answers-$store.tsv" | sed "s/^/$store  /"
done
if cmp -s "$WORK/answers-gpkg.tsv" "$WORK/answers-pg.tsv"; then echo "candidates: the same on both stores"
else echo "candidates DIFFER between the stores (see $WORK/answers-*.tsv)"; fi
fi
stage writers && for store in gpkg pg; do
    REG=$GPKG; [[ $store == pg ]] && REG=$PG
    echo "== $store: $WRITERS writer processes x $EVENTS events"
    before=$(count $store)
    t0=$(date +%s.%N)
    pids=()
    for ((w = 0; w < WRITERS; w++)); do "$WRITE" write "$REG" "$w" "$WRITERS" "$EVENTS" >"$WORK/writer-$store-$w.out" & pids+=($!); done
    failed=0
    for p in "${pids[@]}"; do wait "$p" || failed=1; done
    t1=$(date +%s.%N)
    n=$(($(count $store) - before))
    times=$(cat "$WORK"/writer-$store-*.out | tr '\n' ' ')
    echo "$store writers' own seconds: ${times:-none finished}"
    python3 -c "t = $t1 - $t0; print(f'$store writers: {$n} events in {t:.1f} s = {$n / t:.0f} events/s (failed writers: $failed)')"
    [[ $n -eq $((WRITERS * EVENTS)) ]] && echo "$store: all $n events present" || echo "$store: MISSING events: $n of $((WRITERS * EVENTS))"
    "$LB" verify "$REG" | grep -v '^ok' || true
done
} 2>&1 | tee "$LOG"
grep -q "DIFFER\|MISSING" "$LOG" && exit 1 || exit 0
