#!/usr/bin/env bash
# The quick start of the README: set up what is missing, build optimised, run the tour script.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
swift run -c release infoscope examples/quickstart.isc
