#!/usr/bin/env bash
# Installs what a fresh Debian machine with the Swift toolchain lacks for building Infoscope,
# Open MPI for the build with the MPI trait (docs/distributed.md), and Python with venv for the
# Jupyter kernel's tests (their packages come from PyPI, into a virtual environment, in
# scripts/test-jupyter.sh).
# Safe to run again: it installs only what is missing.
set -euo pipefail

packages=(libreadline-dev zlib1g-dev binutils python3 python3-venv pkg-config libopenmpi-dev openmpi-bin)
missing=()
for p in "${packages[@]}"; do
    dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    echo "installing: ${missing[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"
fi
command -v swift >/dev/null || { echo "error: swift is not on PATH (Swift 6.0 or later is needed)" >&2; exit 1; }
