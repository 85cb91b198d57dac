"""Reads RESULT lines (ours, torch, openblas; any order) from stdin and prints one line per shape
and thread count. ratio = our time / OpenBLAS time = OpenBLAS GFLOP/s / our GFLOP/s, so a ratio
below 1 means we are faster; vs_torch is the same ratio against torch.mm (MKL)."""
import sys, json

runs = {}
for line in sys.stdin:
    if line.startswith("RESULT "):
        r = json.loads(line[len("RESULT "):])
        runs[(r["bench"], r["threads"])] = r["gflops"]
for (bench, threads), ours in sorted(runs.items(), key=lambda kv: kv[0][1]):
    if bench != "infoscope_gemm":
        continue
    blas = runs.get(("openblas_gemm", threads), {})
    torch = runs.get(("torch_gemm", threads), {})
    for name, g in ours.items():
        ob, tm = blas.get(name, {}).get("median"), torch.get(name, {}).get("median")
        vs_torch = "%.2f" % (tm / g["median"]) if tm else "n/a"
        ratio = "%.2f" % (ob / g["median"]) if ob else "n/a"
        print("gemm %-14s threads=%d ours=%6.1f openblas=%6s torch=%6s GFLOP/s vs_torch=%s ratio=%s"
              % (name, threads, g["median"], ob, tm, vs_torch, ratio))
