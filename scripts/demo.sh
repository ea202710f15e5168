#!/usr/bin/env bash
# Sets up, builds, and runs the main job on the bundled fixture: a registry of the Xinyu high-tech zone's
# 144 disposed idle parcels, its summary, and an RFC 7946 export. Output goes to out/.
set -euo pipefail
cd "$(dirname "$0")/.."
landbank="$(scripts/setup.sh debug | tail -n 1)"
mkdir -p out
rm -f out/xinyu.gpkg
set -x
"$landbank" init out/xinyu.gpkg --crs EPSG:4547
"$landbank" import out/xinyu.gpkg Fixtures/xinyu-hitech-disposed.geojson
"$landbank" stats out/xinyu.gpkg
"$landbank" export out/xinyu.gpkg --out out/xinyu.geojson
