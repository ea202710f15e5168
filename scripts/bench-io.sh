#!/usr/bin/env bash
# I/O benchmark: landbank vs GDAL's ogr2ogr on N synthetic parcels (default 1,000,000).
#
#   [STAGES=plain,report,shapefile] scripts/bench-io.sh [N]
#
# Stages (default all, in this order; name some in STAGES to re-run them alone):
# plain      1. import: `landbank init REG.gpkg --crs EPSG:4547` + `landbank import REG.gpkg IN.geojson`
#               vs `ogr2ogr -f GPKG -t_srs EPSG:4547 -lco SPATIAL_INDEX=YES -nln parcels REF.gpkg IN.geojson`
#            2. export: `landbank export REG.gpkg --out OUT.geojson`
#               vs `ogr2ogr -f GeoJSON -lco RFC7946=YES -lco COORDINATE_PRECISION=7 -t_srs EPSG:4326 OUT.geojson REF.gpkg parcels`
# report     import of the same N parcels with 1% bad: scripts/gen-bad-synthetic.py makes one feature in every
#            100 bad (bow-tie, null geometry, duplicate id, unknown status in turn, spread through the file);
#            `landbank import REG.gpkg IN-bad.geojson --skip-invalid --report OUT.csv` is timed (its init is not).
#            It has no ogr2ogr peer: `ogr2ogr -skipfailures` rejects none of these features (it writes all N:
#            bow-ties, null geometries, repeated ids and any status), so timing it would compare unlike work.
#            landbank's time and peak memory are shown alone, beside its plain import's figures.
# shapefile  the same N parcels converted once with ogr2ogr to a shapefile (EPSG:4326 with .prj, UTF-8 .cpg,
#            text fields as wide as their contents);
#            `landbank import REG.gpkg parcels.shp` (init not timed) vs
#            `ogr2ogr -f GPKG -t_srs EPSG:4547 -lco SPATIAL_INDEX=YES -nln parcels REF.gpkg parcels.shp`
# Each step is measured with /usr/bin/time -f '%e %M' (wall seconds, peak RSS in KB), with the load average
# before and after it (the machine may be shared); the results are then checked so the figures prove the work
# was done: feature counts equal N and the cadastral area sums of the two GeoPackages agree (plain, shapefile);
# for report, the registry holds exactly the good features (N minus the bad, none of the bad ones' ids) and
# the report CSV has one row per bad feature, with the position and rule the generator recorded.
#
# Work files live in out/bench/ (ignored by git); the inputs (GeoJSON from scripts/gen-synthetic.py, its
# 1%-bad copy, the shapefile) are made once per N and reused while their generators are unchanged.
#
# Environment:
#   STAGES=LIST            comma-separated stages to run: plain, report, shapefile (default all three)
#   BENCH_SKIP_LANDBANK=1  only run the ogr2ogr side (no build)
#   BENCH_SKIP_BUILD=1     do not run `swift build -c release`; use the binary that is there
#   LANDBANK_BIN=PATH      use this landbank binary (no build)
#   LANDBANK_LAYER=parcels the registry's feature table, for the count and area checks
set -euo pipefail

N=${1:-1000000}
[[ $N =~ ^[0-9]+$ && $N -gt 0 ]] || { echo "usage: $0 [N]   (N a positive integer)" >&2; exit 2; }
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
WORK=$ROOT/out/bench
SKIP_LB=${BENCH_SKIP_LANDBANK:-0}
LAYER=${LANDBANK_LAYER:-parcels}
STAGES=${STAGES:-plain,report,shapefile}
for s in ${STAGES//,/ }; do
    [[ $s == plain || $s == report || $s == shapefile ]] ||
        { echo "STAGES: unknown stage '$s' (plain, report, shapefile)" >&2; exit 2; }
done
stage() { [[ ,$STAGES, == *,$1,* ]]; }
mkdir -p "$WORK/log"
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
echo "load average (1/5/15 min) at start: $(loadavg); stages: $STAGES"

# ---- tools ----------------------------------------------------------------------------
missing=()
command -v ogr2ogr >/dev/null 2>&1 && command -v ogrinfo >/dev/null 2>&1 || missing+=(gdal-bin)
[[ -x /usr/bin/time ]] || missing+=(time)
command -v python3 >/dev/null 2>&1 || missing+=(python3)
if ((${#missing[@]})); then
    SUDO=; [[ $(id -u) -eq 0 ]] || SUDO=sudo
    echo "installing: ${missing[*]}"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

LB=${LANDBANK_BIN:-}
[[ $SKIP_LB == 1 ]] && LB=
if [[ $SKIP_LB != 1 && -z $LB ]]; then
    cd "$ROOT"
    if [[ ${BENCH_SKIP_BUILD:-0} != 1 ]]; then
        echo "building release ..."
        # setup.sh installs the -dev packages the build needs on a fresh machine, then builds.
        "$ROOT/scripts/setup.sh" release >/dev/null
    fi
    LB="$(swift build -c release --show-bin-path)/landbank"
    [[ -x $LB ]] || { echo "no landbank binary at $LB (set BENCH_SKIP_LANDBANK=1 for ogr2ogr only)" >&2; exit 1; }
fi

# ---- inputs ---------------------------------------------------------------------------
# made FILE STAMP: whether FILE exists and was made from the inputs STAMP describes (then it is reused).
made() { [[ -f $1 && -f $1.stamp && $(cat "$1.stamp") == "$2" ]] && echo "reusing $1"; }
since() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f s", b - a }'; }
GEN=$ROOT/scripts/gen-synthetic.py
IN=$WORK/in-$N.geojson
stamp="N=$N gen=$(md5sum <"$GEN" | cut -d' ' -f1)"
if ! made "$IN" "$stamp"; then
    echo "generating $N parcels into $IN ..."
    rm -f "$IN" "$IN.stamp"
    t0=$(date +%s.%N)
    python3 "$GEN" "$N" "$IN.tmp"
    mv "$IN.tmp" "$IN"
    echo "$stamp" >"$IN.stamp"
    echo "generated in $(since "$t0")"
fi
echo "input: $(du -h "$IN" | cut -f1), $N features; $(ogrinfo --version); $(nproc) cores"

BAD=$WORK/in-$N-bad.geojson BAD_LIST=$WORK/in-$N-bad.csv
if stage report && [[ -n $LB ]]; then
    BADGEN=$ROOT/scripts/gen-bad-synthetic.py
    bstamp="$stamp bad=$(md5sum <"$BADGEN" | cut -d' ' -f1) seed=1 every=100"
    if ! made "$BAD" "$bstamp"; then
        echo "making 1% of them bad into $BAD ..."
        rm -f "$BAD" "$BAD.stamp"
        t0=$(date +%s.%N)
        python3 "$BADGEN" "$IN" "$BAD.tmp" "$BAD_LIST" --every 100 --seed 1
        mv "$BAD.tmp" "$BAD"
        echo "$bstamp" >"$BAD.stamp"
        echo "made in $(since "$t0")"
    fi
fi

SHP_DIR=$WORK/shp-$N SHP=$WORK/shp-$N/parcels.shp
if stage shapefile; then
    # RESIZE=YES fits the .dbf's text fields to their contents (GDAL gives text from GeoJSON 80 characters),
    # as a survey office's file would be; ENCODING=UTF-8 writes a .cpg for the Chinese zone names.
    SHP_LCO=(-lco ENCODING=UTF-8 -lco RESIZE=YES)
    sstamp="$stamp $(ogrinfo --version) ${SHP_LCO[*]}"
    if ! made "$SHP" "$sstamp"; then
        echo "converting the $N parcels to $SHP ..."
        rm -rf "$SHP_DIR"
        mkdir -p "$SHP_DIR"
        t0=$(date +%s.%N)
        # The feature id becomes the `id` field, where landbank finds the parcel id.
        ogr2ogr -f "ESRI Shapefile" "${SHP_LCO[@]}" -nln parcels "$SHP" "$IN"
        echo "$sstamp" >"$SHP.stamp"
        echo "converted in $(since "$t0")"
    fi
    echo "shapefile: $(du -ch "$SHP_DIR"/parcels.* | tail -n 1 | cut -f1) in $(ls "$SHP_DIR" | grep -v stamp | tr '\n' ' ')"
fi

# ---- timing -----------------------------------------------------------------------------
# timed LABEL CMD...: runs CMD, sets SECS and KB; on failure shows its log and exits.
timed() {
    local label=$1; shift
    local tf=$WORK/log/$label.time before
    before=$(loadavg)
    if ! /usr/bin/time -f '%e %M' -o "$tf" "$@" >"$WORK/log/$label.out" 2>"$WORK/log/$label.err"; then
        echo "FAILED ($label): $*" >&2
        tail -n 20 "$WORK/log/$label.err" >&2
        exit 1
    fi
    read -r SECS KB < <(tail -n 1 "$tf")
    awk -v l="$label" -v s="$SECS" -v k="$KB" -v a="$before" -v b="$(loadavg)" \
        'BEGIN { printf "  %-16s %8.2f s %8.1f MB   load before %s, after %s\n", l, s, k / 1024, a, b }'
}
# untimed LABEL CMD...: runs CMD for its effect (an init), logging like timed; on failure shows its log and exits.
untimed() {
    local label=$1; shift
    "$@" >"$WORK/log/$label.out" 2>"$WORK/log/$label.err" ||
        { echo "FAILED ($label): $*" >&2; tail -n 20 "$WORK/log/$label.err" >&2; exit 1; }
}
warm() { cat "$@" >/dev/null; }   # the page cache holds the input, so no tool pays for the first read

# ---- checks -------------------------------------------------------------------------------
fail=0
count() { # FILE [LAYER] -> feature count
    if [[ -n ${2:-} ]]; then ogrinfo -ro -so "$1" "$2"; else ogrinfo -ro -so -al "$1"; fi 2>/dev/null |
        awk -F': ' '/^Feature Count/ {print $2; exit}'
}
area_mu() { # GPKG LAYER -> planar area sum in mu
    local g
    g=$(ogrinfo -ro -so "$1" "$2" 2>/dev/null | awk -F'= ' '/^Geometry Column/ {print $2; exit}')
    ogrinfo -ro -q -dialect sqlite -sql "SELECT sum(ST_Area(\"${g:-geom}\")) * 15 / 10000 AS mu FROM \"$2\"" "$1" 2>/dev/null |
        awk -F'= ' '/mu \(Real\)/ {print $2; exit}'
}
check() { # label got [expected]
    local want=${3:-$N}
    if [[ $2 == "$want" ]]; then echo "  ok   $1: $2 features"; else echo "  FAIL $1: ${2:-?} features, expected $want"; fail=1; fi
}
has_layer() { # GPKG: whether the registry has the layer LAYER (else says so and fails)
    ogrinfo -ro -q "$1" 2>/dev/null | grep -q "^[0-9]*: $LAYER\b" && return 0
    echo "  FAIL landbank GeoPackage $1 has no layer '$LAYER' (set LANDBANK_LAYER); layers:"
    ogrinfo -ro -q "$1" | sed 's/^/         /'
    fail=1
    return 1
}
same_area() { # REF REG: the cadastral area sums of ogr2ogr's and landbank's GeoPackages agree
    local ref_mu lb_mu
    ref_mu=$(area_mu "$1" parcels) lb_mu=$(area_mu "$2" "$LAYER")
    if awk -v a="$ref_mu" -v b="$lb_mu" 'BEGIN { d = a - b; if (d < 0) d = -d; exit !(a > 0 && d / a < 1e-9) }'; then
        echo "  ok   area sums agree: ogr2ogr $ref_mu mu, landbank $lb_mu mu"
    else
        echo "  FAIL area sums differ: ogr2ogr $ref_mu mu, landbank $lb_mu mu"; fail=1
    fi
}

declare -A S M   # seconds and peak KB per "tool/task"

# ---- stage: plain import and export ----------------------------------------------------------
if stage plain; then
    echo "== plain: GeoJSON import and export"
    REF=$WORK/ref.gpkg REG=$WORK/reg.gpkg
    REF_OUT=$WORK/ref-out.geojson LB_OUT=$WORK/lb-out.geojson
    rm -f "$REF" "$REG" "$REF_OUT" "$LB_OUT" "$REF"-* "$REG"-*
    warm "$IN"
    timed ogr-import ogr2ogr -f GPKG -t_srs EPSG:4547 -lco SPATIAL_INDEX=YES -nln parcels "$REF" "$IN"
    S[ogr/import]=$SECS M[ogr/import]=$KB
    if [[ -n $LB ]]; then
        timed lb-init "$LB" init "$REG" --crs EPSG:4547
        s1=$SECS k1=$KB
        timed lb-import "$LB" import "$REG" "$IN"
        S[lb/import]=$(awk -v a="$s1" -v b="$SECS" 'BEGIN { print a + b }') S[lb/import-only]=$SECS M[lb/import-only]=$KB
        M[lb/import]=$((k1 > KB ? k1 : KB))
    fi
    timed ogr-export ogr2ogr -f GeoJSON -lco RFC7946=YES -lco COORDINATE_PRECISION=7 -t_srs EPSG:4326 \
        "$REF_OUT" "$REF" parcels
    S[ogr/export]=$SECS M[ogr/export]=$KB
    if [[ -n $LB ]]; then
        timed lb-export "$LB" export "$REG" --out "$LB_OUT"
        S[lb/export]=$SECS M[lb/export]=$KB
    fi
    echo "checks:"
    check "ogr2ogr GeoPackage" "$(count "$REF" parcels)"
    check "ogr2ogr export" "$(count "$REF_OUT")"
    if [[ -n $LB ]]; then
        if has_layer "$REG"; then
            check "landbank GeoPackage ($LAYER)" "$(count "$REG" "$LAYER")"
            same_area "$REF" "$REG"
        fi
        check "landbank export" "$(count "$LB_OUT")"
    else
        echo "  --   area sum (ogr2ogr GeoPackage): $(area_mu "$REF" parcels) mu"
    fi
fi

# ---- stage: import with 1% bad features, --skip-invalid --report ---------------------------------
if stage report && [[ -n $LB ]]; then
    echo "== report: GeoJSON import, 1% bad, --skip-invalid --report"
    REG=$WORK/reg-bad.gpkg CSV=$WORK/report-$N.csv
    rm -f "$REG" "$REG"-* "$CSV"
    untimed lb-init-bad "$LB" init "$REG" --crs EPSG:4547
    warm "$BAD"
    timed lb-report "$LB" import "$REG" "$BAD" --skip-invalid --report "$CSV"
    S[lb/report]=$SECS M[lb/report]=$KB
    echo "checks:"
    if has_layer "$REG"; then
        # The registry holds exactly the good features: N minus the bad ones, none of the ids the bad ones
        # had in the plain file (a duplicate's first holder stays), all distinct; the report lists each bad
        # feature once, by the position and rule the generator wrote down, and nothing else.
        python3 - "$REG" "$LAYER" "$BAD_LIST" "$CSV" "$N" <<'EOF' || fail=1
import csv, sqlite3, sys
reg, layer, manifest, report, n = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])
with open(manifest, newline="", encoding="utf-8") as f:
    bad = list(csv.DictReader(f))
db = sqlite3.connect(f"file:{reg}?mode=ro", uri=True)
db.execute("CREATE TEMP TABLE bad(id TEXT PRIMARY KEY)")
db.executemany("INSERT INTO bad VALUES (?)", [(b["original_id"],) for b in bad])
rows, distinct = db.execute(f'SELECT count(*), count(DISTINCT parcel_id) FROM "{layer}"').fetchone()
held = db.execute(f'SELECT count(*) FROM "{layer}" WHERE parcel_id IN (SELECT id FROM bad)').fetchone()[0]
ok = True
def say(good, text):
    global ok
    ok = ok and good
    print(("  ok   " if good else "  FAIL ") + text)
say(rows == n - len(bad) and distinct == rows,
    f"landbank GeoPackage ({layer}): {rows} features ({distinct} distinct ids), expected {n} - {len(bad)} bad = {n - len(bad)}")
say(held == 0, f"none of the {len(bad)} bad features' ids in the registry ({held} found)")
with open(report, newline="", encoding="utf-8") as f:
    listed = list(csv.DictReader(f))
want = {(int(b["position"]), b["rule"]) for b in bad}
got = [(int(r["position"] or 0), r["rule"]) for r in listed]
rejected = sum(r["action"] == "rejected" for r in listed)
say(len(got) == len(bad) and set(got) == want and rejected == len(bad),
    f"report CSV: {len(got)} rows ({rejected} rejected) for {len(bad)} bad features"
    + ("" if set(got) == want else f"; unexpected {sorted(set(got) - want)[:5]}, missing {sorted(want - set(got))[:5]}"))
kinds = {}
for b in bad:
    kinds[b["rule"]] = kinds.get(b["rule"], 0) + 1
print("       bad by rule: " + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())))
sys.exit(0 if ok else 1)
EOF
    fi
elif stage report; then
    echo "== report: skipped (landbank only; BENCH_SKIP_LANDBANK=1)"
fi

# ---- stage: shapefile import ----------------------------------------------------------------------
if stage shapefile; then
    echo "== shapefile: import of the same parcels from a shapefile"
    REF=$WORK/ref-shp.gpkg REG=$WORK/reg-shp.gpkg
    rm -f "$REF" "$REG" "$REF"-* "$REG"-*
    warm "$SHP_DIR"/parcels.*
    timed ogr-shp ogr2ogr -f GPKG -t_srs EPSG:4547 -lco SPATIAL_INDEX=YES -nln parcels "$REF" "$SHP"
    S[ogr/shapefile]=$SECS M[ogr/shapefile]=$KB
    if [[ -n $LB ]]; then
        untimed lb-init-shp "$LB" init "$REG" --crs EPSG:4547
        timed lb-shp "$LB" import "$REG" "$SHP"
        S[lb/shapefile]=$SECS M[lb/shapefile]=$KB
    fi
    echo "checks:"
    check "ogr2ogr GeoPackage from the shapefile" "$(count "$REF" parcels)"
    if [[ -n $LB ]] && has_layer "$REG"; then
        check "landbank GeoPackage from the shapefile ($LAYER)" "$(count "$REG" "$LAYER")"
        same_area "$REF" "$REG"
    fi
fi

# ---- table -----------------------------------------------------------------------------------
echo
echo "load average (1/5/15 min) at end: $(loadavg)"
printf '%-9s %-9s %9s %12s %9s %16s\n' tool task seconds features/s 'peak MB' 'landbank/ogr2ogr'
for task in import export report shapefile; do
    for tool in ogr lb; do
        [[ -n ${S[$tool/$task]:-} ]] || continue
        name=$([[ $tool == ogr ]] && echo ogr2ogr || echo landbank)
        ratio=-
        [[ $tool == lb && -n ${S[ogr/$task]:-} ]] &&
            ratio=$(awk -v a="${S[lb/$task]}" -v b="${S[ogr/$task]}" 'BEGIN { printf (b > 0 ? "%.2f" : "-"), a / b }')
        [[ $task == report ]] && ratio='no peer*'
        awk -v n="$N" -v s="${S[$tool/$task]}" -v k="${M[$tool/$task]}" -v tool="$name" -v task="$task" -v r="$ratio" \
            'BEGIN { printf "%-9s %-9s %9.2f %12.0f %9.1f %16s\n", tool, task, s, (s > 0 ? n / s : 0), k / 1024, r }'
    done
done
if [[ -n ${S[lb/report]:-} ]]; then
    echo "* report: $N features, 1% bad, --skip-invalid --report (init not timed); ogr2ogr -skipfailures would"
    echo "  reject none of the bad features, so it is not timed."
    if [[ -n ${S[lb/import-only]:-} ]]; then
        awk -v a="${S[lb/report]}" -v b="${S[lb/import-only]}" -v c="${M[lb/report]}" -v d="${M[lb/import-only]}" \
            'BEGIN { printf "  beside landbank'\''s plain import (%.2f s, %.1f MB without its init): %.2fx its time, %.2fx its peak memory\n",
                     b, d / 1024, a / b, c / d }'
    else
        echo "  (run with STAGES=plain,report for landbank's plain import beside it)"
    fi
fi
[[ -n ${S[lb/shapefile]:-} ]] && echo "shapefile: landbank's init not timed; features/s counts the N parcels read"
[[ $SKIP_LB == 1 ]] && echo "(landbank skipped: BENCH_SKIP_LANDBANK=1)"
echo "ratio < 1 means landbank is faster; logs in $WORK/log/"
exit $fail
