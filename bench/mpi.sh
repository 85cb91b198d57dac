#!/usr/bin/env bash
# Data-parallel training on this machine: bench/mpi_script.isc alone with 1 and 2 kernel threads
# and as 2 MPI ranks of 1 thread each, in alternating rounds (each configuration keeps its best
# round), then a summary: seconds per epoch, the 2-rank speed-up, the share of a step spent summing
# gradients, and the sum's time alone for 269,322 and 785 parameters (docs/distributed.md).
# usage: bench/mpi.sh [rounds=3]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-3}"
scripts/setup.sh >/dev/null
swift build -c release --traits MPI --scratch-path .build-mpi --product infoscope >/dev/null
binary=.build-mpi/release/infoscope
launcher=(mpirun --allow-run-as-root --oversubscribe --mca btl self,vader --mca btl_vader_single_copy_mechanism none)
mkdir -p bench/out
raw="bench/out/mpi-$(date -u +%Y%m%dT%H%M%SZ).txt"
echo "# $(date -u) $(nproc) CPUs, $(lscpu | sed -n 's/^Model name: *//p'), $("$binary" --version | sed -n 2p)" | tee "$raw"
tag() { sed "s/^RESULT {/RESULT {\"config\": \"$1\", /"; }
for round in $(seq "$rounds"); do
    "$binary" bench/mpi_script.isc --threads 1 --quiet | grep '^RESULT' | tag "1 process, 1 thread" >>"$raw"
    "$binary" bench/mpi_script.isc --threads 2 --quiet | grep '^RESULT' | tag "1 process, 2 threads" >>"$raw"
    "${launcher[@]}" -np 2 "$binary" bench/mpi_script.isc --threads 1 --quiet | grep '^RESULT' | tag "2 ranks, 1 thread each" >>"$raw"
done
python3 - "$raw" <<'PY'
import json, sys
rows = [json.loads(line.split(" ", 1)[1]) for line in open(sys.argv[1]) if line.startswith("RESULT")]
best = {}
for r in rows:
    key = (r["config"], r["bench"])
    metric = "sec_per_epoch" if "sec_per_epoch" in r else "sum_ms_per_step"
    if key not in best or r[metric] < best[key][metric]:
        best[key] = r
configs = ["1 process, 1 thread", "1 process, 2 threads", "2 ranks, 1 thread each"]
for bench in ["mpi_mlp", "mpi_cnn"]:
    times = {c: best[(c, bench)]["sec_per_epoch"] for c in configs if (c, bench) in best}
    two = times.get(configs[2])
    print(f"{bench}: " + ", ".join(f"{c}: {t:.3f} s/epoch" for c, t in times.items()))
    if two:
        print(f"  2 ranks vs 1 thread: speed-up {times[configs[0]] / two:.2f}x; vs 2 threads: ratio {two / times[configs[1]]:.2f}; "
              f"sum share of the 2-rank step {best[(configs[2], bench)]['sum_share']:.1%} "
              f"({best[(configs[2], bench)]['sum_ms_per_step']:.3f} ms per step)")
mlp, tiny = best.get((configs[2], "mpi_sum_mlp")), best.get((configs[2], "mpi_sum_tiny"))
if mlp and tiny:
    # Each rank sends and receives (N-1)/N of the gradient twice (all-to-all, all-gather): with
    # N = 2, P·4 bytes in all per rank.
    latency = tiny["sum_ms_per_step"]
    bandwidth = mlp["parameters"] * 4 / ((mlp["sum_ms_per_step"] - latency) / 1000) / 1e9
    print(f"sum alone, 2 ranks: {mlp['sum_ms_per_step']:.4f} ms for {mlp['parameters']:,} parameters, "
          f"{latency:.4f} ms for {tiny['parameters']:,}; fitted latency {latency:.4f} ms, bandwidth {bandwidth:.2f} GB/s")
PY
