#!/usr/bin/env bash
# Installs what landbank needs on Debian 12 (only what is missing) and builds it.
# Usage: scripts/setup.sh [debug|release]
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(libsqlite3-dev libproj-dev proj-data libgeos-dev libglpk-dev libgdal-dev libpq-dev pkg-config sqlite3 gdal-bin python3-gdal libjs-leaflet)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}" >&2
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

export PATH="/opt/swift/usr/bin:$PATH"
config="${1:-debug}"
swift build -c "$config" --product landbank 2>&1 | grep -Ev '^\[[0-9]+/[0-9]+\]' >&2
echo "$(swift build -c "$config" --show-bin-path)/landbank"
