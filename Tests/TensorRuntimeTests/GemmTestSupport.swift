import XCTest
import TensorKernels

/// One gemm call to check: shape, transposes, scalars, epilogue and padding of the strides.
struct GemmCase: CustomStringConvertible {
    var m: Int
    var n: Int
    var k: Int
    var transA: Transpose = .none
    var transB: Transpose = .none
    var alpha: Float = 1
    var beta: Float = 0
    var bias = false
    var activation: GemmActivation = .identity
    /// Extra floats per stored row, so leading dimensions exceed the logical widths.
    var padding = 0

    var description: String {
        "m=\(m) n=\(n) k=\(k) transA=\(transA) transB=\(transB) alpha=\(alpha) beta=\(beta) " +
            "bias=\(bias) activation=\(activation) padding=\(padding)"
    }

    var storedA: (rows: Int, columns: Int) { transA == .none ? (m, k) : (k, m) }
    var storedB: (rows: Int, columns: Int) { transB == .none ? (k, n) : (n, k) }
    var lda: Int { storedA.columns + padding }
    var ldb: Int { storedB.columns + padding }
    var ldc: Int { n + padding }
}

/// Operands and results of one `GemmCase`, filled from a fixed seed.
struct GemmFixture {
    /// The value padding cells of C hold; gemm must leave them alone.
    static let sentinel: Float = -12345

    let testCase: GemmCase
    var a: [Float]
    var b: [Float]
    var bias: [Float]
    var initialC: [Float]

    init(_ testCase: GemmCase, seed: UInt64) {
        self.testCase = testCase
        var random = SplitMix(seed: seed)
        a = (0..<max(1, testCase.storedA.rows * testCase.lda)).map { _ in random.nextSigned() }
        b = (0..<max(1, testCase.storedB.rows * testCase.ldb)).map { _ in random.nextSigned() }
        bias = (0..<max(1, testCase.n)).map { _ in random.nextSigned() }
        initialC = (0..<max(1, testCase.m * testCase.ldc)).map { index in
            if index % testCase.ldc >= testCase.n { return Self.sentinel }
            // beta == 0 must not read C: NaN would poison any result that did.
            return testCase.beta == 0 ? .nan : random.nextSigned()
        }
    }

    /// Runs `gemm` (with `pool`, if any) on the kernel variant `path` and returns C.
    func runGemm(pool: WorkerPool?, path: KernelPath = .active) -> [Float] {
        var c = initialC
        let t = testCase
        a.withUnsafeBufferPointer { ap in
            b.withUnsafeBufferPointer { bp in
                bias.withUnsafeBufferPointer { biasp in
                    c.withUnsafeMutableBufferPointer { cp in
                        gemm(transA: t.transA, transB: t.transB, m: t.m, n: t.n, k: t.k,
                             alpha: t.alpha, a: ap.baseAddress!, lda: t.lda,
                             b: bp.baseAddress!, ldb: t.ldb, beta: t.beta,
                             c: cp.baseAddress!, ldc: t.ldc,
                             bias: t.bias ? biasp.baseAddress! : nil,
                             activation: t.activation, pool: pool, kernelPath: path)
                    }
                }
            }
        }
        return c
    }

    /// Runs `referenceGemm` and returns C.
    func runReference() -> [Float] {
        var c = initialC
        let t = testCase
        a.withUnsafeBufferPointer { ap in
            b.withUnsafeBufferPointer { bp in
                bias.withUnsafeBufferPointer { biasp in
                    c.withUnsafeMutableBufferPointer { cp in
                        referenceGemm(transA: t.transA, transB: t.transB, m: t.m, n: t.n, k: t.k,
                                      alpha: t.alpha, a: ap.baseAddress!, lda: t.lda,
                                      b: bp.baseAddress!, ldb: t.ldb, beta: t.beta,
                                      c: cp.baseAddress!, ldc: t.ldc,
                                      bias: t.bias ? biasp.baseAddress! : nil,
                                      activation: t.activation)
                    }
                }
            }
        }
        return c
    }

    /// The size of everything that was summed into each C[i, j]: |alpha| Σ|a b| + |beta c| + |bias|,
    /// computed by the reference on the absolute values of the operands.
    func magnitudes() -> [Float] {
        let t = testCase
        let absA = a.map(abs), absB = b.map(abs), absBias = bias.map(abs)
        var c = initialC.map(abs)
        absA.withUnsafeBufferPointer { ap in
            absB.withUnsafeBufferPointer { bp in
                absBias.withUnsafeBufferPointer { biasp in
                    c.withUnsafeMutableBufferPointer { cp in
                        referenceGemm(transA: t.transA, transB: t.transB, m: t.m, n: t.n, k: t.k,
                                      alpha: abs(t.alpha), a: ap.baseAddress!, lda: t.lda,
                                      b: bp.baseAddress!, ldb: t.ldb, beta: abs(t.beta),
                                      c: cp.baseAddress!, ldc: t.ldc,
                                      bias: t.bias ? biasp.baseAddress! : nil)
                    }
                }
            }
        }
        return c
    }
}

/// SplitMix64: a tiny seeded generator so every test sees the same matrices on every run.
struct SplitMix {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [-1, 1), with 24 random bits so it is exact in Float.
    mutating func nextSigned() -> Float {
        Float(Int64(next() >> 40) - (1 << 23)) / Float(1 << 23)
    }
}

/// Checks `gemm` against `referenceGemm` for one case, on every kernel variant this CPU runs.
///
/// Tolerance: the Float32 sum of k products differs from the exact (Float64) one by at most
/// γ = (k + 2)·u times the sum of the magnitudes of what was added (Higham's bound for recursive
/// summation, u = 2⁻²⁴; +2 covers the alpha/beta/bias steps). This bound cannot be exceeded by a
/// correct kernel whatever the blocking, while a dropped, doubled or misplaced product shifts an
/// element by about magnitude / k, far more than γ · magnitude for the k used here.
func assertGemmMatchesReference(
    _ testCase: GemmCase, pool: WorkerPool? = nil, seed: UInt64 = 1,
    file: StaticString = #filePath, line: UInt = #line
) {
    let fixture = GemmFixture(testCase, seed: seed)
    let want = fixture.runReference()
    let magnitudes = fixture.magnitudes()
    for path in KernelPath.supported() {
        let got = fixture.runGemm(pool: pool, path: path)
        assertWithinRoundoff(got, want, magnitudes, testCase, "\(path) kernels", file: file, line: line)
    }
}

/// Checks each element of `got` against `want` within the roundoff bound described above, and
/// that the padding cells of C kept the sentinel.
private func assertWithinRoundoff(
    _ got: [Float], _ want: [Float], _ magnitudes: [Float], _ testCase: GemmCase, _ label: String,
    file: StaticString, line: UInt
) {
    let unitRoundoff = Double(Float.ulpOfOne) / 2
    var failures = 0
    for i in 0..<testCase.m {
        for j in 0..<testCase.ldc {
            let index = i * testCase.ldc + j
            if j >= testCase.n {
                if got[index] != GemmFixture.sentinel {
                    XCTFail("\(label), \(testCase): padding C[\(i), \(j)] was overwritten", file: file, line: line)
                    return
                }
                continue
            }
            // The magnitude itself is rounded to Float; 1.01 absorbs that.
            let bound = 1.01 * Double(testCase.k + 2) * unitRoundoff * Double(magnitudes[index])
            let error = abs(Double(got[index]) - Double(want[index]))
            if !(error <= bound) {
                failures += 1
                if failures <= 3 {
                    XCTFail("\(label), \(testCase): C[\(i), \(j)] = \(got[index]), reference \(want[index]), " +
                            "error \(error) > bound \(bound)", file: file, line: line)
                }
            }
        }
    }
}
