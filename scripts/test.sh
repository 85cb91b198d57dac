#!/usr/bin/env bash
# The test command of the README: set up what is missing, then run the whole suite (swift test).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
# The suite is written with XCTest; Swift Testing is switched off so its empty summary is not
# mistaken for the result.
swift test --disable-swift-testing "$@"
