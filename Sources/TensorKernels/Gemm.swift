import KernelTiles

/// Whether a matrix operand of `gemm` is read as stored or transposed.
public enum Transpose: Sendable {
    case none
    case transposed
}

/// An element-wise function applied to each output of `gemm` after bias, fused into the write.
public enum GemmActivation: Sendable {
    case identity
    case relu
}

/// Row-major single-precision matrix multiply: `C = alpha * op(A) * op(B) + beta * C`, then
/// optionally `C[i, j] += bias[j]` and an activation, all in one pass over `C`.
///
/// `op(A)` is `m × k` and `op(B)` is `k × n`. `lda`, `ldb` and `ldc` are the row strides of the
/// matrices as stored (so for `transA == .transposed`, `A` is stored `k × m` with row stride `lda`).
/// When `beta == 0`, `C` is not read, so it may hold garbage (including NaN). When `k == 0` or
/// `alpha == 0`, `A` and `B` are not read.
///
/// With a `pool`, the work is shared among its threads; the result is bit-identical for every
/// thread count (each element of `C` sums the same products in the same order). Without one, the
/// product runs on the calling thread with scratch memory allocated for this call; callers that
/// multiply often should pass a pool (even of one thread), which keeps its packing buffers.
///
/// `kernelPath` chooses the kernel variant (tests compare them); it must run on this CPU.
///
/// The caller guarantees that the buffers are large enough; the runtime above validates shapes.
public func gemm(
    transA: Transpose, transB: Transpose,
    m: Int, n: Int, k: Int,
    alpha: Float,
    a: UnsafePointer<Float>, lda: Int,
    b: UnsafePointer<Float>, ldb: Int,
    beta: Float,
    c: UnsafeMutablePointer<Float>, ldc: Int,
    bias: UnsafePointer<Float>? = nil,
    activation: GemmActivation = .identity,
    pool: WorkerPool? = nil,
    kernelPath: KernelPath = .active
) {
    guard let pool else {
        DenormalMode.prepareCurrentThread()
        gemm(transA: transA, transB: transB, m: m, n: n, k: k, alpha: alpha, a: a, lda: lda,
             b: b, ldb: ldb, beta: beta, c: c, ldc: ldc, bias: bias, activation: activation,
             team: WorkerTeam(serialWith: Workspace()), kernelPath: kernelPath)
        return
    }
    pool.withTeam { team in
        gemm(transA: transA, transB: transB, m: m, n: n, k: k, alpha: alpha, a: a, lda: lda,
             b: b, ldb: ldb, beta: beta, c: c, ldc: ldc, bias: bias, activation: activation,
             team: team, kernelPath: kernelPath)
    }
}

/// `gemm` on a team that a caller already holds: inside a `parallelFor` body, pass
/// `WorkerTeam(serialWith: workspace)` to multiply on that thread with its reusable buffers.
package func gemm(
    transA: Transpose, transB: Transpose,
    m: Int, n: Int, k: Int,
    alpha: Float,
    a: UnsafePointer<Float>, lda: Int,
    b: UnsafePointer<Float>, ldb: Int,
    beta: Float,
    c: UnsafeMutablePointer<Float>, ldc: Int,
    bias: UnsafePointer<Float>? = nil,
    activation: GemmActivation = .identity,
    team: WorkerTeam,
    kernelPath: KernelPath = .active
) {
    kernelPath.requireRunsHere()
    let problem = GemmProblem(
        m: m, n: n, k: k,
        a: GemmOperand(base: a, stride: lda, transposed: transA == .transposed),
        b: GemmOperand(base: b, stride: ldb, transposed: transB == .transposed),
        c: c, ldc: ldc, alpha: alpha, beta: beta, bias: bias, relu: activation == .relu,
        kernels: kernelPath.gemmKernels(columns: n))
    guard m > 0 && n > 0 else { return }
    if k == 0 || alpha == 0 {
        gemmScaleOnly(problem)
    } else if GemmSplitDepth.applies(to: problem) {
        GemmSplitDepth.run(problem, team: team)
    } else {
        gemmBlocked(problem, team: team)
    }
}

/// The same contract as `gemm`, computed by the textbook triple loop with Float64 accumulation.
/// It is the oracle the fast kernels are tested against, so it stays simple on purpose.
public func referenceGemm(
    transA: Transpose, transB: Transpose,
    m: Int, n: Int, k: Int,
    alpha: Float,
    a: UnsafePointer<Float>, lda: Int,
    b: UnsafePointer<Float>, ldb: Int,
    beta: Float,
    c: UnsafeMutablePointer<Float>, ldc: Int,
    bias: UnsafePointer<Float>? = nil,
    activation: GemmActivation = .identity
) {
    for i in 0..<m {
        for j in 0..<n {
            var sum = 0.0
            for p in 0..<k {
                let aip = transA == .none ? a[i * lda + p] : a[p * lda + i]
                let bpj = transB == .none ? b[p * ldb + j] : b[j * ldb + p]
                sum += Double(aip) * Double(bpj)
            }
            var value = Float(Double(alpha) * sum)
            if beta != 0 { value += beta * c[i * ldc + j] }
            if let bias { value += bias[j] }
            if activation == .relu { value = max(value, 0) }
            c[i * ldc + j] = value
        }
    }
}
