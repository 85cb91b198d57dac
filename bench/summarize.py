"""Reads RESULT lines of the workloads that have no peer (several rounds, any order) from stdin
and prints one line per figure. Each figure is its best round (other processes only slow a run
down); `rounds` shows the spread.

peak:      infoscope_peak: the multiply-add peak of each kernel path, GFLOP/s per thread count.
denormals: infoscope_denormals: seconds per epoch of the saturated and the unsaturated side, per
           thread count and denormal mode (flush, keep), ending in ratio=<saturated / unsaturated>
           (target with flushing: at most 1.1)."""
import sys, json

results = [json.loads(line[len("RESULT "):]) for line in sys.stdin if line.startswith("RESULT ")]

peaks = {}  # (path, threads) -> [best GFLOP/s of each round]
for r in results:
    if r["bench"] == "infoscope_peak":
        for path, figures in r["gflops"].items():
            peaks.setdefault((path, r["threads"]), []).append(figures["best"])
for (path, threads), rounds in sorted(peaks.items(), key=lambda kv: (kv[0][1], kv[0][0])):
    print("peak path=%s threads=%d gflops=%.1f (rounds %.1f..%.1f)"
          % (path, threads, max(rounds), min(rounds), max(rounds)))

pairs = {}  # (threads, mode) -> [(saturated, unsaturated, saturated loss, unsaturated loss, share)]
for r in results:
    if r["bench"] == "infoscope_denormals":
        pairs.setdefault((r["threads"], r["mode"]), []).append(r)
for (threads, mode), rounds in sorted(pairs.items()):
    s = min(r["saturated_sec_per_epoch"] for r in rounds)
    u = min(r["unsaturated_sec_per_epoch"] for r in rounds)
    ratios = [r["ratio"] for r in rounds]
    share = max(r["saturated_subnormal_share"] for r in rounds)
    print("denormals threads=%d mode=%s saturated=%.4f s (loss %.4f, %.1f%% of the loss gradient subnormal) "
          "unsaturated=%.4f s (loss %.4f) per-round ratios %.3f..%.3f ratio=%.3f"
          % (threads, mode, s, rounds[-1]["saturated_loss"], 100 * share, u, rounds[-1]["unsaturated_loss"],
             min(ratios), max(ratios), s / u))
