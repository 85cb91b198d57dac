"""Reads RESULT lines (ours, torch, openblas; any order, several rounds) from stdin and prints one
line per shape and thread count. Each side's figure is its best round's median GFLOP/s (other
processes only slow runs down); `rounds` shows our lowest..highest round median, i.e. the noise.
ratio = our time / OpenBLAS time = OpenBLAS GFLOP/s / our GFLOP/s, so a ratio below 1 means we
are faster; vs_torch is the same ratio against torch.mm (MKL)."""
import sys, json

medians = {}  # (bench, threads) -> shape -> [median of each round]
for line in sys.stdin:
    if line.startswith("RESULT "):
        r = json.loads(line[len("RESULT "):])
        table = medians.setdefault((r["bench"], r["threads"]), {})
        for name, g in r["gflops"].items():
            table.setdefault(name, []).append(g["median"])


def best(bench, threads, name):
    values = medians.get((bench, threads), {}).get(name)
    return max(values) if values else None


for (bench, threads), ours in sorted(medians.items(), key=lambda kv: kv[0][1]):
    if bench != "infoscope_gemm":
        continue
    for name, values in ours.items():
        g = max(values)
        ob, tm = best("openblas_gemm", threads, name), best("torch_gemm", threads, name)
        vs_torch = "%.2f" % (tm / g) if tm else "n/a"
        ratio = "%.2f" % (ob / g) if ob else "n/a"
        print("gemm %-14s threads=%d ours=%6.1f (rounds %5.1f..%5.1f) openblas=%6s torch=%6s GFLOP/s"
              " vs_torch=%s ratio=%s" % (name, threads, g, min(values), max(values), ob, tm,
                                         vs_torch, ratio))
