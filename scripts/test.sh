#!/usr/bin/env bash
# Sets up (apt packages, build) and runs the whole test suite, then schemathesis against the server.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh debug >/dev/null
# The browser test of the web map: headless Chromium and a CJK font for the Chinese page (it skips without them).
for p in chromium fonts-wqy-microhei; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" && continue
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$p" >/dev/null || echo "test: could not install $p; the browser test will skip" >&2
done
export PATH="/opt/swift/usr/bin:$PATH"
# The PostgreSQL store's suite runs against a throwaway PostgreSQL 15 + PostGIS 3 on loopback (installed from Debian
# when missing, its own data directory in /tmp, which the postgres user can reach whatever the clone's parents
# allow; stopped and removed at the end whatever happens).
PGDIR="$(mktemp -d /tmp/landbank-pg-test.XXXXXX)"
chmod 755 "$PGDIR"
# The tests' scratch folders (one or more per test, a few hundred MB in all) go into one folder of this run, removed
# at the end, rather than piling up in /tmp run after run.
SCRATCH="$(mktemp -d /tmp/landbank-test-run.XXXXXX)"
trap 'scripts/pg-local.sh stop "$PGDIR" >/dev/null 2>&1 || true; rm -rf "$PGDIR" "$SCRATCH"' EXIT
LANDBANK_TEST_PG_URL="$(scripts/pg-local.sh start "$PGDIR" | tail -1)"
export LANDBANK_TEST_PG_URL
# The long-request tests watch a computation's thread come and go within seconds. In the parallel run the
# hundreds of command-line tests, each waiting for its process on one of Swift's few shared threads, can hold
# those tests' tasks back for minutes, until the computation they watch has ended (seen in CI): they run alone, first.
TMPDIR="$SCRATCH" swift test --filter ComputationTests 2>&1
TMPDIR="$SCRATCH" swift test --skip ComputationTests 2>&1
# The API against its own OpenAPI document: schemathesis from PyPI in out/schemathesis-venv, about 4 minutes at most
# (a 5xx, an undocumented status or a response off its schema fails the run; SKIP_API_FUZZ=1 skips it).
[ "${SKIP_API_FUZZ:-0}" = 1 ] || scripts/api-fuzz.sh
