#!/usr/bin/env bash
# Sets up, builds, and runs the main job on the bundled fixtures: a registry of the Xinyu high-tech zone's
# 144 disposed idle parcels with their factory buildings, later history and supply contracts; its summary,
# the zone's disposal report, the idle-land check, the zones' admission policies, a pipeline of 24 investors'
# demands assigned sites jointly (match --batch), the contiguous blocks of available land, per-mu grading of the
# zone's enterprises and the approval batches' 批而未供 / 供而未用 ledger, an RFC 7946 export and
# a check of the whole registry (verify).
# Output goes to out/.
set -euo pipefail
cd "$(dirname "$0")/.."
landbank="$(scripts/setup.sh debug | tail -n 1)"
mkdir -p out
rm -f out/xinyu.gpkg
set -x
"$landbank" init out/xinyu.gpkg --crs EPSG:4547
"$landbank" import out/xinyu.gpkg Fixtures/xinyu-hitech-disposed.geojson --by demo
"$landbank" building import out/xinyu.gpkg Fixtures/xinyu-hitech-buildings.geojson --by demo
"$landbank" record out/xinyu.gpkg --csv Fixtures/xinyu-hitech-history.csv
"$landbank" contract import out/xinyu.gpkg Fixtures/xinyu-hitech-contracts.csv --date 2025-06-30 --by demo
"$landbank" stats out/xinyu.gpkg
"$landbank" report out/xinyu.gpkg --to 2025-06-30
"$landbank" idle-check out/xinyu.gpkg --as-of 2025-06-30
"$landbank" policy import out/xinyu.gpkg Fixtures/policies-xinyu.json --by demo
"$landbank" match out/xinyu.gpkg --batch Fixtures/demands-xinyu.json
"$landbank" blocks out/xinyu.gpkg --min-mu 60
# Per-mu grading (亩均) of the zone's enterprises, and the approval batches' 批而未供 / 供而未用 ledger.
"$landbank" enterprise import out/xinyu.gpkg Fixtures/xinyu-efficiency-enterprises-2024.csv --year 2024 --by demo
"$landbank" grade out/xinyu.gpkg --year 2024 --policy Fixtures/grading-xinyu.json
"$landbank" batch import out/xinyu.gpkg Fixtures/xinyu-efficiency-batches.geojson --by demo
"$landbank" batch report out/xinyu.gpkg --as-of 2025-06-30 --geojson out/xinyu-unsupplied.geojson
"$landbank" export out/xinyu.gpkg --out out/xinyu.geojson
"$landbank" verify out/xinyu.gpkg
