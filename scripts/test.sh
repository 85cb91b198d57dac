#!/usr/bin/env bash
# The test command of the README: set up what is missing, build infoscope with the MPI trait (its
# tests launch it under mpirun), then run the whole suite (swift test), then the Jupyter kernel's
# tests (scripts/test-jupyter.sh). Arguments go to `swift test`; given any (a --filter, say), only
# that part of the Swift suite runs and the kernel's tests are left out.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
swift build --traits MPI --scratch-path .build-mpi --product infoscope
export INFOSCOPE_MPI_BINARY="$PWD/.build-mpi/debug/infoscope"
# The suite is written with XCTest; Swift Testing is switched off so its empty summary is not
# mistaken for the result.
swift test --disable-swift-testing "$@"
if [ $# -eq 0 ]; then
    scripts/test-jupyter.sh
fi
