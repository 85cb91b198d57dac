#!/usr/bin/env bash
# Runs our benchmark and the peers side by side and prints one line per workload ending in
# ratio=<our time / peer time> (below 1: we are faster).
# usage: bench/run.sh [workload=gemm|mlp|cnn|fisher|fisher-script|mlp-script|cnn-script|mnist|script|peak|denormals]
#                     [threads="1 2"] [runs=9; mlp: epochs=3; cnn, fisher: repeats=3; peak: 5; denormals: epochs=5]
#                     [shapes=all|name,name (gemm only)] [rounds=3]
# The peers come from bench/setup.sh. Raw RESULT lines are kept in bench/out/.
# Other processes share the cores and only ever slow a measurement down, so the suites run in
# alternating rounds (ours, torch, OpenBLAS, ours, ...) and each side keeps its best round's median.
set -euo pipefail
cd "$(dirname "$0")/.."
workload="${1:-gemm}"
threads="${2:-1 2}"
runs="${3:-}"
shapes="${4:-}"
rounds="${5:-3}"
python="${PYTHON:-python3}"

case "$workload" in
    gemm) runs="${runs:-9}" ;;
    mlp|cnn|fisher) runs="${runs:-3}" ;;
    # No peers: the machine's multiply-add peak per kernel path, and the saturated/unsaturated
    # training pair under both denormal modes (bench/summarize.py).
    peak|denormals) runs="${runs:-5}" ;;
    # The fisher workload from bench/fisher_script.isc through the release interpreter (15 timed
    # calls per probe, set in the script); runs is unused.
    fisher-script) runs="${runs:-15}" ;;
    # The mlp and cnn workloads declared as scripts (bench/mlp_torch_script.isc, bench/cnn_script.isc)
    # and run by the release interpreter beside the same peers (3 timed epochs, set in the scripts).
    mlp-script|cnn-script) runs="${runs:-3}" ;;
    # Time to accuracy on real MNIST (bench/mnist_script.isc beside bench/peers/torch_mnist.py);
    # the data folder (holding mnist/) is $MNIST_DATA, by default the shared one beside the
    # repository. runs is unused (the epochs are set in both scripts).
    mnist) runs="${runs:-1}" ;;
    # The interpreter's overhead (script vs Swift API); no peers: see bench/script_overhead.sh.
    script) exec bench/script_overhead.sh "${2:-2}" "${5:-3}" ;;
    *) echo "error: unknown workload '$workload' (known: gemm, mlp, cnn, fisher, fisher-script, mlp-script, cnn-script, mnist, script, peak, denormals)" >&2; exit 64 ;;
esac
case "$workload" in
    peak|denormals) ;;
    *) bench/setup.sh >/dev/null ;;
esac
if [[ "$workload" == *-script || "$workload" == mnist ]]; then
    swift build -c release --product infoscope >/dev/null
else
    swift build -c release --product infoscope-bench >/dev/null
fi
mkdir -p bench/out
raw="bench/out/$workload-$(date -u +%Y%m%dT%H%M%SZ).txt"
echo "# $(date -u) $(nproc) CPUs, load: $(cut -d' ' -f1-3 /proc/loadavg)" | tee "$raw"
for round in $(seq "$rounds"); do
    for t in $threads; do
        if [ "$workload" = peak ]; then
            .build/release/infoscope-bench peak --threads "$t" --runs "$runs" | grep '^RESULT' >>"$raw"
            continue
        fi
        if [ "$workload" = denormals ]; then
            for mode in flush keep; do
                INFOSCOPE_DENORMALS=$mode .build/release/infoscope-bench denormals --threads "$t" --runs "$runs" \
                    | grep '^RESULT' >>"$raw"
            done
            continue
        fi
        if [ "$workload" = fisher-script ]; then
            .build/release/infoscope bench/fisher_script.isc --threads "$t" --quiet | grep '^RESULT' \
                | sed "s/^RESULT {/RESULT {\"threads\": $t, /" >>"$raw"
            (cd bench/peers && "$python" torch_fisher.py "$t" "$runs") | grep '^RESULT' >>"$raw"
            continue
        fi
        if [ "$workload" = mnist ]; then
            data="${MNIST_DATA:-$(cd .. && pwd)/shared/data}"
            if [ ! -d "$data/mnist" ]; then
                echo "error: no mnist folder in '$data' (set MNIST_DATA to the folder that holds mnist/)" >&2
                exit 66
            fi
            INFOSCOPE_DATA="$data" .build/release/infoscope bench/mnist_script.isc --threads "$t" --quiet | grep '^RESULT' \
                | sed "s/^RESULT {/RESULT {\"threads\": $t, /" >>"$raw"
            (cd bench/peers && "$python" torch_mnist.py "$data" "$t") | grep '^RESULT' >>"$raw"
            continue
        fi
        if [[ "$workload" == *-script ]]; then
            script="bench/${workload%-script}_script.isc"
            [ "$workload" = mlp-script ] && script=bench/mlp_torch_script.isc
            .build/release/infoscope "$script" --threads "$t" --quiet | grep '^RESULT' \
                | sed "s/^RESULT {/RESULT {\"threads\": $t, /" >>"$raw"
            (cd bench/peers && "$python" "torch_${workload%-script}.py" "$t" "$runs") | grep '^RESULT' >>"$raw"
            continue
        fi
        if [ "$workload" != gemm ]; then
            .build/release/infoscope-bench "$workload" --threads "$t" --runs "$runs" | grep '^RESULT' >>"$raw"
            (cd bench/peers && "$python" "torch_$workload.py" "$t" "$runs") | grep '^RESULT' >>"$raw"
            continue
        fi
        shape_args=()
        [ -n "$shapes" ] && shape_args=(--shapes "$shapes")
        .build/release/infoscope-bench gemm --threads "$t" --runs "$runs" "${shape_args[@]}" \
            | grep '^RESULT' >>"$raw"
        (cd bench/peers && "$python" torch_gemm.py "$t" "$runs" "$shapes") | grep '^RESULT' >>"$raw"
        (cd bench/peers && OPENBLAS_NUM_THREADS="$t" "$python" openblas_gemm.py "$t" "$runs" "$shapes") \
            | grep '^RESULT' >>"$raw"
    done
done
echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)" >>"$raw"
case "$workload" in
    gemm) "$python" bench/peers/compare.py <"$raw" ;;
    mlp) "$python" bench/peers/compare_mlp.py <"$raw" ;;
    mnist) "$python" bench/peers/compare_mnist.py <"$raw" ;;
    peak|denormals) "$python" bench/summarize.py <"$raw" ;;
    *) "$python" bench/peers/compare_runs.py <"$raw" ;;
esac
