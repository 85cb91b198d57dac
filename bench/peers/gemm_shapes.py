"""The GEMM benchmark shapes, kept in step with Sources/infoscope-bench/GemmShape.swift.
Each entry: (name, transA, transB, M, N, K) for C[MxN] = op(A)[MxK] @ op(B)[KxN]."""
SHAPES = [
    ("sq256", 0, 0, 256, 256, 256), ("sq512", 0, 0, 512, 512, 512), ("sq1024", 0, 0, 1024, 1024, 1024),
    ("mlp_fc1_fwd", 0, 1, 128, 256, 784), ("mlp_fc1_dW", 1, 0, 256, 784, 128),
    ("mlp_fc2_fwd", 0, 1, 128, 256, 256), ("mlp_fc2_dW", 1, 0, 256, 256, 128),
    ("mlp_fc2_dX", 0, 0, 128, 256, 256), ("mlp_fc3_fwd", 0, 1, 128, 10, 256),
    ("mlp_fc3_dW", 1, 0, 10, 256, 128), ("mlp_fc3_dX", 0, 0, 128, 256, 10),
    ("cnn_conv1_fwd", 0, 1, 73728, 32, 25), ("cnn_conv1_dW", 1, 0, 32, 25, 73728),
    ("cnn_conv2_fwd", 0, 1, 8192, 64, 800), ("cnn_conv2_dW", 1, 0, 64, 800, 8192),
    ("cnn_conv2_dX", 0, 0, 8192, 800, 64), ("cnn_fc1_fwd", 0, 1, 128, 128, 1024),
    ("cnn_fc1_dW", 1, 0, 128, 1024, 128), ("cnn_fc1_dX", 0, 0, 128, 1024, 128),
    ("cnn_fc2_fwd", 0, 1, 128, 10, 128), ("cnn_fc2_dW", 1, 0, 10, 128, 128),
    ("cnn_fc2_dX", 0, 0, 128, 128, 10),
]
FLOPS_PER_RUN = 0.05e9  # each timed run repeats a product up to ~50 MFLOP, as the Swift side does


def measure(name, flop, call, runs):
    """Median and best GFLOP/s of `call` over `runs` timed runs, after 3 warm-up calls."""
    import time
    for _ in range(3):
        call()
    reps = max(1, int(FLOPS_PER_RUN / flop))
    rates = []
    for _ in range(runs):
        t0 = time.perf_counter()
        for _ in range(reps):
            call()
        rates.append(flop * reps / (time.perf_counter() - t0) / 1e9)
    rates.sort()
    return {"median": round(rates[len(rates) // 2], 1), "best": round(rates[-1], 1)}
