"""OpenBLAS sgemm GFLOP/s on the benchmark shapes, through NumPy (whose PyPI wheels bundle
OpenBLAS; checked at start). Transposed operands are passed as transposed views, so NumPy hands
OpenBLAS the transpose flag instead of copying.
usage: OPENBLAS_NUM_THREADS=N python3 openblas_gemm.py THREADS RUNS [name,...]. Prints RESULT {json}."""
import os, sys, json
threads, runs = int(sys.argv[1]), int(sys.argv[2])
os.environ["OPENBLAS_NUM_THREADS"] = str(threads)  # must precede the numpy import
import numpy as np
from gemm_shapes import SHAPES, measure

config = np.show_config(mode="dicts")["Build Dependencies"]["blas"]
if "openblas" not in config.get("name", "").lower():
    sys.exit("error: this numpy is not linked against OpenBLAS (blas: %s)" % config.get("name"))
wanted = set(sys.argv[3].split(",")) if len(sys.argv) > 3 and sys.argv[3] else None
rng = np.random.default_rng(0)
res = {}
for name, ta, tb, M, N, K in SHAPES:
    if wanted and name not in wanted:
        continue
    A = rng.standard_normal((K, M) if ta else (M, K), dtype=np.float32)
    B = rng.standard_normal((N, K) if tb else (K, N), dtype=np.float32)
    Aop, Bop = (A.T if ta else A), (B.T if tb else B)
    C = np.empty((M, N), dtype=np.float32)
    res[name] = measure(name, 2.0 * M * N * K, lambda: np.matmul(Aop, Bop, out=C), runs)
print("RESULT " + json.dumps({"bench": "openblas_gemm", "openblas": config.get("version"),
                              "threads": threads, "gflops": res}))
