#if canImport(Glibc)
import Glibc
#endif
import TensorKernels

/// Times `gemm` on the benchmark shapes and reports GFLOP/s as medians over several runs.
struct GemmBenchmark {
    var threads: Int
    var runs: Int
    var shapes: [GemmShape]

    /// Each run repeats a product until it has done about this many flops (as torch_gemm.py does),
    /// so that small products are timed over milliseconds, not microseconds.
    static let flopsPerRun = 0.05e9
    /// Calls before timing: pages faulted in, packing buffers grown, threads awake.
    static let warmUpCalls = 3

    /// Measures every shape; returns name → (median, best) GFLOP/s.
    func run(report: (String) -> Void) -> [(name: String, median: Double, best: Double)] {
        let pool = WorkerPool(threadCount: threads)
        return shapes.map { shape in
            let (median, best) = measure(shape, pool: pool)
            report("gemm \(shape.name) threads=\(pool.threadCount) m=\(shape.m) n=\(shape.n) " +
                   "k=\(shape.k) gflops=\(format(median)) best=\(format(best))")
            return (shape.name, median, best)
        }
    }

    private func measure(_ shape: GemmShape, pool: WorkerPool) -> (Double, Double) {
        let operands = GemmOperands(shape)
        defer { operands.release() }
        for _ in 0..<Self.warmUpCalls { operands.multiply(pool: pool) }
        let repetitions = max(1, Int(Self.flopsPerRun / shape.flops))
        var rates: [Double] = []
        for _ in 0..<runs {
            let start = monotonicSeconds()
            for _ in 0..<repetitions { operands.multiply(pool: pool) }
            let seconds = (monotonicSeconds() - start) / Double(repetitions)
            rates.append(shape.flops / seconds / 1e9)
        }
        rates.sort()
        return (rates[rates.count / 2], rates[rates.count - 1])
    }
}

/// Randomly filled, 64-byte aligned operands of one shape.
struct GemmOperands {
    let shape: GemmShape
    let a: UnsafeMutablePointer<Float>
    let b: UnsafeMutablePointer<Float>
    let c: UnsafeMutablePointer<Float>

    init(_ shape: GemmShape) {
        self.shape = shape
        a = Self.randomBuffer(shape.m * shape.k, seed: 1)
        b = Self.randomBuffer(shape.k * shape.n, seed: 2)
        c = Self.randomBuffer(shape.m * shape.n, seed: 3)
    }

    func multiply(pool: WorkerPool) {
        let lda = shape.transA == .none ? shape.k : shape.m
        let ldb = shape.transB == .none ? shape.n : shape.k
        gemm(transA: shape.transA, transB: shape.transB, m: shape.m, n: shape.n, k: shape.k,
             alpha: 1, a: a, lda: lda, b: b, ldb: ldb, beta: 0, c: c, ldc: shape.n, pool: pool)
    }

    func release() {
        for buffer in [a, b, c] { UnsafeMutableRawPointer(buffer).deallocate() }
    }

    private static func randomBuffer(_ count: Int, seed: UInt64) -> UnsafeMutablePointer<Float> {
        let raw = UnsafeMutableRawPointer.allocate(byteCount: count * 4, alignment: 64)
        let floats = raw.bindMemory(to: Float.self, capacity: count)
        var state = seed &* 0x9E37_79B9_7F4A_7C15
        for index in 0..<count {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            floats[index] = Float(Int64(state >> 40) - (1 << 23)) / Float(1 << 23)
        }
        return floats
    }
}

func monotonicSeconds() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return Double(now.tv_sec) + Double(now.tv_nsec) * 1e-9
}

func format(_ value: Double) -> String {
    let tenths = (value * 10).rounded() / 10
    return "\(tenths)"
}
