#!/usr/bin/env bash
# Sets up (apt packages, build) and runs the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh debug >/dev/null
export PATH="/opt/swift/usr/bin:$PATH"
swift test 2>&1
