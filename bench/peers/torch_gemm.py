"""torch.mm float32 GFLOP/s on the benchmark shapes (torch's CPU wheel runs sgemm through MKL).
usage: python3 torch_gemm.py THREADS RUNS [name,name,...]. Prints one line: RESULT {json}."""
import sys, json
import torch
from gemm_shapes import SHAPES, measure

threads, runs = int(sys.argv[1]), int(sys.argv[2])
wanted = set(sys.argv[3].split(",")) if len(sys.argv) > 3 and sys.argv[3] else None
torch.set_num_threads(threads)
torch.manual_seed(0)
res = {}
for name, ta, tb, M, N, K in SHAPES:
    if wanted and name not in wanted:
        continue
    A = torch.randn(K, M) if ta else torch.randn(M, K)
    B = torch.randn(N, K) if tb else torch.randn(K, N)
    Aop, Bop = (A.t() if ta else A), (B.t() if tb else B)
    C = torch.empty(M, N)
    res[name] = measure(name, 2.0 * M * N * K, lambda: torch.mm(Aop, Bop, out=C), runs)
print("RESULT " + json.dumps({"bench": "torch_gemm", "torch": torch.__version__, "threads": threads, "gflops": res}))
