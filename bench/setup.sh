#!/usr/bin/env bash
# Installs the peers the benchmarks compare against: PyTorch (CPU-only) and NumPy.
# PyTorch comes from the CPU-only wheel that the machine image carries: the default PyPI torch
# pulls in gigabytes of CUDA packages. NumPy's PyPI wheels bundle OpenBLAS, which is the
# OpenBLAS peer (torch's CPU wheel uses MKL for sgemm, so it is not).
# Safe to run again. Override the interpreter with PYTHON=..., the wheel with TORCH_WHEEL=...
set -euo pipefail
python="${PYTHON:-python3}"

if ! "$python" -c "import torch" 2>/dev/null; then
    wheel="${TORCH_WHEEL:-}"
    if [ -z "$wheel" ]; then
        wheel="$(find / -name 'torch-*+cpu-*.whl' -not -path '/proc/*' 2>/dev/null | sort | tail -n 1 || true)"
    fi
    if [ -z "$wheel" ]; then
        echo "error: no CPU-only torch wheel (torch-*+cpu-*.whl) found; set TORCH_WHEEL=path" >&2
        exit 1
    fi
    echo "installing $wheel"
    "$python" -m pip install --quiet "$wheel"
fi
if ! "$python" -c "import numpy" 2>/dev/null; then
    echo "installing numpy"
    "$python" -m pip install --quiet numpy
fi
"$python" -c "import torch, numpy; print('peers: torch', torch.__version__, '/ numpy', numpy.__version__)"
