"""Reads RESULT lines of the MLP workload (infoscope_mlp and torch_mlp; any order, several rounds)
from stdin and prints one line per thread count. Each side's figure is its best round's median
seconds per epoch (other processes only slow runs down); `rounds` shows our lowest..highest round
median, i.e. the noise. ratio = our seconds per epoch / torch's: below 1 we are faster."""
import sys, json

medians = {}  # (bench, threads) -> [median seconds per epoch of each round]
for line in sys.stdin:
    if line.startswith("RESULT "):
        r = json.loads(line[len("RESULT "):])
        medians.setdefault((r["bench"], r["threads"]), []).append(r["sec_per_epoch_median"])

for (bench, threads), ours in sorted(medians.items(), key=lambda kv: kv[0][1]):
    if bench != "infoscope_mlp":
        continue
    peer = medians.get(("torch_mlp", threads))
    best, torch_best = min(ours), (min(peer) if peer else None)
    ratio = "%.2f" % (best / torch_best) if torch_best else "n/a"
    torch_text = "%.3f" % torch_best if torch_best else "n/a"
    print("mlp 784-256-256-10 threads=%d ours=%.3f (rounds %.3f..%.3f) torch=%s s/epoch ratio=%s"
          % (threads, best, min(ours), max(ours), torch_text, ratio))
