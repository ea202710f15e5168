#!/usr/bin/env bash
# Server load benchmark (issue 14): `landbank serve` on the N-parcel synthetic registry, wrk against the match
# endpoint and the paged parcels endpoint on loopback (8 connections, bounded in time), while 4 writer clients
# record parcel events and assign sites through the API; then every acknowledged write is looked for in the
# registry file, `landbank verify` must pass, and no answer may be a 5xx.
#
#   scripts/bench-serve.sh [N=1000000] [SECONDS=30]
#
# WRITER_RATE=R (default 10) paces each writer at R writes a second (a write: its ETag read and the write), four
# writers up to 40 a second (half that once their sites are all assigned), far more than a bureau's clerks record; WRITER_RATE=0 lets them write as fast as the server
# answers (a stress load, each writer keeping a request in flight at all times).
#
# The registry is bench-query's (out/bench-query/reg-N.gpkg, made by the same generator and import when missing),
# copied to out/bench-serve/ for each run so the cached one is never written. LANDBANK_BIN=PATH uses that binary
# instead of a release build. Requests/s and p50/p99 come from `wrk --latency`; the load average is printed.
set -euo pipefail

N=${1:-1000000}
SECONDS_EACH=${2:-30}
CONNECTIONS=8
WRITERS=4
WRITER_RATE=${WRITER_RATE:-10}
[[ $WRITER_RATE =~ ^[0-9]+([.][0-9]+)?$ ]] || { echo "WRITER_RATE must be a number of writes a second (0: as fast as answered)" >&2; exit 2; }
[[ $N =~ ^[0-9]+$ && $N -gt 0 && $SECONDS_EACH =~ ^[0-9]+$ ]] || { echo "usage: $0 [N] [SECONDS]" >&2; exit 2; }
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
export PATH="/opt/swift/usr/bin:$PATH"
if ! command -v wrk >/dev/null; then
    SUDO=; [[ $(id -u) -eq 0 ]] || SUDO=sudo
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq wrk >/dev/null
fi
if [[ -n ${LANDBANK_BIN:-} ]]; then LB=$LANDBANK_BIN; else
    swift build -c release --product landbank >/dev/null
    LB="$(swift build -c release --show-bin-path)/landbank"
fi

CACHE=$ROOT/out/bench-query
WORK=$ROOT/out/bench-serve
mkdir -p "$CACHE" "$WORK"
EXTENT=$(python3 -c "import math; print(round(300 * math.sqrt($N / 1e6), 3))")
HALF=$(python3 -c "print($EXTENT / 2)")
SOURCE=$CACHE/reg-$N.gpkg
if [[ ! -e $SOURCE ]]; then
    echo "generating $N parcels over ${EXTENT} km (bench-query's generator) ..."
    python3 scripts/gen-synthetic.py "$N" "$WORK/parcels.geojson" --crs-4547 --extent-km "$EXTENT"
    "$LB" init "$WORK/new.gpkg" --crs EPSG:4547 >/dev/null
    "$LB" import "$WORK/new.gpkg" "$WORK/parcels.geojson" >/dev/null
    mv "$WORK/new.gpkg" "$SOURCE"
    rm -f "$WORK/parcels.geojson"
fi
REG=$WORK/reg.gpkg
rm -f "$REG" "$REG-wal" "$REG-shm"
cp "$SOURCE" "$REG"
# PROJECTS decided projects per writer to give sites to (a zone's project gets a few sites, not hundreds: each
# site assignment is one more event in the project's history, which its page shows whole); tokens for the
# readers (an officer) and the writers.
PROJECTS=20
python3 - "$WORK/projects.csv" $WRITERS $PROJECTS <<'PY'
import csv, sys
with open(sys.argv[1], "w", newline="") as f:
    out = csv.writer(f)
    out.writerow(["project_id", "name", "stage", "stage_date"])
    for w in range(1, int(sys.argv[2]) + 1):
        for p in range(1, int(sys.argv[3]) + 1):
            out.writerow([f"BENCH-{w}-{p}", f"bench project {w}-{p}", "decided", "2026-01-01"])
PY
"$LB" project import "$REG" "$WORK/projects.csv" --by bench >/dev/null
OFFICER=$("$LB" token add "$REG" --role officer --name bench-officer 2>/dev/null)
CLERK=$("$LB" token add "$REG" --role clerk --name bench-clerk 2>/dev/null)

"$LB" serve "$REG" --port 0 >"$WORK/serve.log" 2>&1 &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true' EXIT
URL=
for _ in $(seq 1 300); do
    URL=$(grep -o 'http://127.0.0.1:[0-9]*/' "$WORK/serve.log" || true)
    [[ -n $URL ]] && break
    kill -0 "$SERVER" 2>/dev/null || { cat "$WORK/serve.log" >&2; exit 1; }
    sleep 0.2
done
[[ -n $URL ]] || { echo "bench-serve: the server did not start" >&2; exit 1; }
echo "registry: $(sqlite3 "$REG" 'SELECT count(*) FROM parcels') parcels; server ${URL}; wrk $CONNECTIONS connections, ${SECONDS_EACH} s an endpoint; $WRITERS writers, $( [[ $WRITER_RATE == 0 ]] && echo "as fast as answered" || echo "$WRITER_RATE writes/s each")"
# Warm the page cache, the reader connections and the computation threads (3 s of matching, not counted), so
# that the figures are of a server in use.
curl -sf -o /dev/null -H "Authorization: Bearer $OFFICER" "${URL}api/parcels?limit=10"
LB_TOKEN=$OFFICER LB_HALF_KM=$HALF LB_QUERY="&near_misses=false" wrk -t2 -c$CONNECTIONS -d3s -s scripts/bench-serve/match.lua "$URL" >/dev/null

python3 scripts/bench-serve/writers.py "$URL" "$CLERK" "$OFFICER" $((3 * SECONDS_EACH + 5)) "$WORK/writes.json" --writers $WRITERS --projects $PROJECTS --rate "$WRITER_RATE" &
WRITERS_PID=$!
sleep 2
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
run() { # NAME SCRIPT QUERY DESCRIPTION
    echo "--- $1: $4"
    LB_TOKEN=$OFFICER LB_HALF_KM=$HALF LB_QUERY=$3 wrk -t2 -c$CONNECTIONS -d"${SECONDS_EACH}s" --timeout 10s --latency \
        -s "scripts/bench-serve/$2.lua" "$URL" | tee "$WORK/wrk-$1.txt" |
        grep -E "Requests/sec|^ +(50|99)%|requests in|5xx|Non-2xx|Socket errors"
    echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
}
run match-candidates match "&near_misses=false" "POST /api/match?near_misses=false, 40-60 mu within 20 km of a random point, 10 candidates"
run parcels parcels "" "GET /api/parcels, pages of 500 following the cursor"
# Last: the full answers take seconds each on a large registry, and those still running when wrk stops would
# slow whatever came next.
run match match "" "the same with excluded counts and near misses (the default)"
wait "$WRITERS_PID"
kill "$SERVER"
wait "$SERVER" 2>/dev/null || true
trap - EXIT

# Every acknowledged write must be in the file's history; no 5xx anywhere; verify passes.
python3 - "$REG" "$WORK/writes.json" <<'PY'
import json, sqlite3, sys
reg, writes = sys.argv[1], json.load(open(sys.argv[2]))
db = sqlite3.connect(f"file:{reg}?mode=ro", uri=True)
lost = 0
for table, key in (("events", "parcel_events"), ("project_events", "project_events")):
    ids = writes["acked"][key]
    found = {r[0] for r in db.execute(f"SELECT id FROM {table}")} if ids else set()
    missing = [i for i in ids if i not in found]
    lost += len(missing)
    print(f"{key}: {len(ids)} acknowledged, {len(ids) - len(missing)} in the history" + (f", MISSING {missing[:10]}" if missing else ""))
fivexx = sum(v for k, v in writes["statuses"].items() if k.startswith("5"))
if fivexx: print(f"writers saw {fivexx} 5xx answers")
sys.exit(1 if lost or fivexx else 0)
PY
if grep -qE "^5xx: [1-9]" "$WORK"/wrk-*.txt; then echo "bench-serve: wrk saw 5xx answers" >&2; exit 1; fi
if grep -qiE "error" "$WORK/serve.log"; then echo "bench-serve: the server logged errors:" >&2; grep -iE "error" "$WORK/serve.log" | head -5 >&2; exit 1; fi
/usr/bin/time -f "verify: %e s" "$LB" verify "$REG" | tail -3
