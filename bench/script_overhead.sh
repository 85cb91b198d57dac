#!/usr/bin/env bash
# The interpreter's overhead on training: the torch_mlp.py MLP trained from bench/mlp_script.isc
# versus its Swift twin (infoscope-bench mlp-network, the same Learning parts without the
# interpreter). Rounds alternate script, twin, script, ...; each side keeps its best round (other
# processes on the cores only ever slow a run down). Prints ratio = script time / twin time.
# usage: bench/script_overhead.sh [threads=2] [rounds=3]   (3 timed epochs per run)
set -euo pipefail
cd "$(dirname "$0")/.."
threads="${1:-2}"
rounds="${2:-3}"
python="${PYTHON:-python3}"
swift build -c release --product infoscope >/dev/null
swift build -c release --product infoscope-bench >/dev/null
mkdir -p bench/out
raw="bench/out/script-$(date -u +%Y%m%dT%H%M%SZ).txt"
echo "# $(date -u) $(nproc) CPUs, threads $threads, load: $(cut -d' ' -f1-3 /proc/loadavg)" | tee "$raw"
for _ in $(seq "$rounds"); do
    .build/release/infoscope bench/mlp_script.isc --threads "$threads" --quiet | grep '^RESULT' >>"$raw"
    .build/release/infoscope-bench mlp-network --threads "$threads" --runs 3 | grep '^RESULT' >>"$raw"
done
echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$raw"
"$python" - "$raw" <<'PY'
import json, sys
best = {}
for line in open(sys.argv[1]):
    if line.startswith("RESULT "):
        r = json.loads(line[len("RESULT "):])
        best.setdefault(r["bench"], []).append(r["sec_per_epoch"])
script, twin = best["infoscope_mlp_script"], best["infoscope_mlp_network"]
median = lambda xs: sorted(xs)[len(xs) // 2]
print(f"script  s/epoch best {min(script):.4f}  median {median(script):.4f}  all {script}")
print(f"swift   s/epoch best {min(twin):.4f}  median {median(twin):.4f}  all {twin}")
print(f"median ratio={median(script) / median(twin):.4f}")
print(f"ratio={min(script) / min(twin):.4f} (script / Swift; overhead {100 * (min(script) / min(twin) - 1):+.1f}%)")
PY
