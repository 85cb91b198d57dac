#!/usr/bin/env bash
# The Jupyter kernel's tests: the conformance checks of jupyter_kernel_test, interrupts and a
# crashed child (jupyter/tests), then every notebook under examples/ executed with nbconvert.
#
# They run in a virtual environment of their own (.build/jupyter-venv) with the pinned packages
# of jupyter/requirements-test.txt, against the debug build of infoscope, and with Jupyter's
# user folders pointed at a scratch directory so no kernel installed by the user interferes.
set -euo pipefail
cd "$(dirname "$0")/.."

venv=.build/jupyter-venv
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
fi
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r jupyter/requirements-test.txt
# Reinstalled every time (it is small), so the tests always run the kernel as it is now.
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-deps --force-reinstall ./jupyter

swift build --product infoscope
INFOSCOPE_BINARY="$(swift build --show-bin-path)/infoscope"
export INFOSCOPE_BINARY

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
export JUPYTER_DATA_DIR="$scratch/data" JUPYTER_CONFIG_DIR="$scratch/config" JUPYTER_RUNTIME_DIR="$scratch/runtime"
export INFOSCOPE_HISTORY=""
"$venv/bin/python" -m infoscope_kernel.install --sys-prefix >/dev/null

"$venv/bin/python" -m unittest discover --start-directory jupyter/tests --top-level-directory jupyter/tests

for notebook in examples/*.ipynb; do
    echo "executing $notebook"
    "$venv/bin/jupyter" nbconvert --to notebook --execute "$notebook" --output-dir "$scratch/notebooks" \
        --ExecutePreprocessor.timeout=600 --log-level=WARN
done
