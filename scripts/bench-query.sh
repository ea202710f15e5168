#!/usr/bin/env bash
# Site-query benchmark (issue 10): N synthetic parcels and N/5 buildings, three queries timed in process
# through the library and the same three in SpatiaLite on the same GeoPackage.
#
#   scripts/bench-query.sh [N=1000000] [POINTS=200] [PASSES=3]
#
# 1. scripts/gen-synthetic.py N --crs-4547 --extent-km E --buildings-out ... (E = 300 km for 1,000,000
#    parcels: 300 m cells, so parcels of up to ~50 mu exist and 80-120 mu ones do not; scaled as sqrt(N)
#    for other N to keep the same parcel sizes).
# 2. landbank init + import + building import (release build).
# 3. scripts/bench-query/ (a separate SwiftPM package over the main one): 200 random points x 3 passes,
#    p50/p99 of: parcels 40-60 mu within 20 km nearest 10; parcels 80-120 mu within 20 km nearest 10;
#    buildings >= 20,000 m2 vacant, >= 8 m clear height, >= 2,000 kVA within 30 km nearest 10.
# 4. scripts/bench-query-spatialite.py: the same three queries through mod_spatialite, one connection.
# 5. Concurrency: 8 reader threads sharing one Registry run the three queries round-robin, on the idle registry
#    and while `landbank import` adds N/10 more parcels (a generated file, ids renamed ADD-) from another
#    process, on a copy of the registry; then the same import alone on a fresh copy. CONCURRENCY=0 skips it.
# LANDBANK_BIN=PATH imports with that landbank binary instead of building a release one.
# Work files live in out/bench-query/ (ignored by git); the registry is reused while N and the generator
# are unchanged.
set -euo pipefail

N=${1:-1000000}
POINTS=${2:-200}
PASSES=${3:-3}
[[ $N =~ ^[0-9]+$ && $N -gt 0 ]] || { echo "usage: $0 [N] [POINTS] [PASSES]" >&2; exit 2; }
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
WORK=$ROOT/out/bench-query
mkdir -p "$WORK"

# shellcheck source=peer-deps.sh
source "$ROOT/scripts/peer-deps.sh"
peer_deps

cd "$ROOT"
if [[ -n ${LANDBANK_BIN:-} ]]; then LB=$LANDBANK_BIN; else
    swift build -c release --product landbank >/dev/null
    LB="$(swift build -c release --show-bin-path)/landbank"
fi
(cd scripts/bench-query && swift build -c release >/dev/null)
BENCH="$(cd scripts/bench-query && swift build -c release --show-bin-path)/bench-query"

EXTENT=$(python3 -c "import math; print(round(300 * math.sqrt($N / 1e6), 3))")
HALF=$(python3 -c "print($EXTENT / 2)")
REG=$WORK/reg-$N.gpkg
# The registry is rebuilt when the generator or the schema (migrations, index loaders, import writers) changes.
schema=$(cat Sources/LandbankRegistry/GeoPackage/Schema/*.swift Sources/LandbankRegistry/GeoPackage/Index/*.swift \
    Sources/LandbankRegistry/GeoPackage/Import/*.swift | md5sum | cut -d' ' -f1)
stamp="N=$N gen=$(md5sum <scripts/gen-synthetic.py | cut -d' ' -f1) schema=$schema"
if [[ ! -e $REG || "$(cat "$REG.stamp" 2>/dev/null)" != "$stamp" ]]; then
    rm -f "$REG" "$REG.stamp"
    gen="N=$N gen=$(md5sum <scripts/gen-synthetic.py | cut -d' ' -f1)"
    if [[ ! -e $WORK/parcels.geojson || "$(cat "$WORK/parcels.stamp" 2>/dev/null)" != "$gen" ]]; then
        echo "generating $N parcels and $((N / 5)) buildings over ${EXTENT} km ..."
        python3 scripts/gen-synthetic.py "$N" "$WORK/parcels.geojson" --crs-4547 --extent-km "$EXTENT" \
            --buildings-out "$WORK/buildings.geojson" --buildings-every 5
        echo "$gen" >"$WORK/parcels.stamp"
    fi
    "$LB" init "$REG" --crs EPSG:4547 >/dev/null
    /usr/bin/time -f "import parcels: %e s" "$LB" import "$REG" "$WORK/parcels.geojson" >/dev/null
    /usr/bin/time -f "import buildings: %e s" "$LB" building import "$REG" "$WORK/buildings.geojson" >/dev/null
    echo "$stamp" >"$REG.stamp"
fi
echo "registry: $(sqlite3 "$REG" 'SELECT count(*) FROM parcels') parcels, $(sqlite3 "$REG" 'SELECT count(*) FROM buildings') buildings; $POINTS points x $PASSES passes"
"$BENCH" "$REG" "$POINTS" "$PASSES" "$HALF"
/usr/bin/python3 scripts/bench-query-spatialite.py "$REG" "$POINTS" "$PASSES" "$HALF"

[[ ${CONCURRENCY:-1} == 0 ]] && exit 0
ADD=$((N / 10))
ADDFILE=$WORK/add-$ADD.geojson
if [[ ! -e $ADDFILE ]]; then
    python3 scripts/gen-synthetic.py "$ADD" "$WORK/add.tmp" --crs-4547 --seed 2 \
        --extent-km "$(python3 -c "import math; print(round(300 * math.sqrt($ADD / 1e6), 3))")"
    sed 's/"id":"SYN-/"id":"ADD-/' "$WORK/add.tmp" >"$ADDFILE" && rm "$WORK/add.tmp"
fi
rm -f "$WORK"/conc.gpkg*
cp "$REG" "$WORK/conc.gpkg"
"$BENCH" --concurrency "$WORK/conc.gpkg" "$LB" "$ADDFILE" 8 10 "$HALF"
# A fresh copy (and no -wal left by the run above, which SQLite would replay into it).
rm -f "$WORK"/conc.gpkg*
cp "$REG" "$WORK/conc.gpkg"
/usr/bin/time -f "import of $(basename "$ADDFILE") alone: %e s" "$LB" import "$WORK/conc.gpkg" "$ADDFILE" >/dev/null
rm -f "$WORK"/conc.gpkg*
