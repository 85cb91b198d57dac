import TensorKernels

extension Tensor {
    /// The operands of one product of `matmulPair`: `op(lhs) · op(rhs)`, rank 2.
    typealias MatmulOperands = (lhs: Tensor, rhs: Tensor, transposeLHS: Bool, transposeRHS: Bool)

    /// Two independent rank-2 products, recorded and valued exactly as two `matmul` calls. On a
    /// pool of two threads each product runs whole on one thread: a dense layer's input and weight
    /// gradients then cost one hand-over instead of one per product, and neither waits on the
    /// other thread to pack a shared operand.
    static func matmulPair(_ p: MatmulOperands, _ q: MatmulOperands) throws -> (Tensor, Tensor) {
        guard p.lhs.rank == 2, q.lhs.rank == 2 else {
            return (try p.lhs.matmul(p.rhs, transposeSelf: p.transposeLHS, transposeOther: p.transposeRHS),
                    try q.lhs.matmul(q.rhs, transposeSelf: q.transposeLHS, transposeOther: q.transposeRHS))
        }
        let first = try matmulSpec(p.lhs.shape, p.rhs.shape, p.transposeLHS, p.transposeRHS)
        let second = try matmulSpec(q.lhs.shape, q.rhs.shape, q.transposeLHS, q.transposeRHS)
        let c = try allocate([first.m, first.n], "matmul"), c2 = try allocate([second.m, second.n], "matmul")
        Scalar._matmulPairKernel(first, p.lhs.storage.pointer, p.rhs.storage.pointer, c.pointer,
                                 second, q.lhs.storage.pointer, q.rhs.storage.pointer, c2.pointer)
        return (.recorded(c, [first.m, first.n], .matmul(transposeA: p.transposeLHS, transposeB: p.transposeRHS),
                          [p.lhs, p.rhs]),
                .recorded(c2, [second.m, second.n], .matmul(transposeA: q.transposeLHS, transposeB: q.transposeRHS),
                          [q.lhs, q.rhs]))
    }
}

/// Below this many flops (2·m·n·k) a product is not worth a thread of its own: `gemm` runs such
/// products on one thread anyway (`GemmBlocking.minParallelFlops`, 2^20).
private let pairMinFlops = 1 << 20

extension Float {
    /// Implementation hook: two independent products, side by side on a two-thread pool, each on
    /// one thread (`gemm`'s bits do not depend on its team); otherwise one after the other. With
    /// more threads each product gets them all, which beats one thread per product.
    public static func _matmulPairKernel(_ spec: MatmulSpec, _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>,
                                         _ c: UnsafeMutablePointer<Float>, _ spec2: MatmulSpec,
                                         _ a2: UnsafePointer<Float>, _ b2: UnsafePointer<Float>,
                                         _ c2: UnsafeMutablePointer<Float>) {
        let flops = Swift.min(2 * spec.m * spec.n * spec.k, 2 * spec2.m * spec2.n * spec2.k)
        guard let pool = TensorThreading.pool, pool.threadCount == 2, flops >= pairMinFlops else {
            _matmulKernel(spec, a, b, c, bias: nil, relu: false)
            _matmulKernel(spec2, a2, b2, c2, bias: nil, relu: false)
            return
        }
        pool.parallelFor(2) { index, workspace in
            let team = WorkerTeam(serialWith: workspace)
            if index == 0 { serialProduct(spec, a, b, c, team) } else { serialProduct(spec2, a2, b2, c2, team) }
        }
    }

    /// One product on `team` (k > 0 here: the flop bound excludes empty products).
    private static func serialProduct(_ spec: MatmulSpec, _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>,
                                      _ c: UnsafeMutablePointer<Float>, _ team: WorkerTeam) {
        gemm(transA: spec.transposeA ? .transposed : .none, transB: spec.transposeB ? .transposed : .none,
             m: spec.m, n: spec.n, k: spec.k, alpha: 1, a: a, lda: spec.lda, b: b, ldb: spec.ldb,
             beta: 0, c: c, ldc: spec.n, team: team)
    }
}

extension Double {
    /// Implementation hook: two independent products, one after the other.
    public static func _matmulPairKernel(_ spec: MatmulSpec, _ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>,
                                         _ c: UnsafeMutablePointer<Double>, _ spec2: MatmulSpec,
                                         _ a2: UnsafePointer<Double>, _ b2: UnsafePointer<Double>,
                                         _ c2: UnsafeMutablePointer<Double>) {
        _matmulKernel(spec, a, b, c, bias: nil, relu: false)
        _matmulKernel(spec2, a2, b2, c2, bias: nil, relu: false)
    }
}
