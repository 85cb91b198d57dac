import XCTest
import TensorKernels

/// The packed gemm against the Float64 reference over shapes chosen to hit every edge of the
/// blocking: tiles are 6×16, blocks 144 rows × 512 depth × 3072 columns, and products with
/// fewer than 64 columns read A in place.
final class GemmTests: XCTestCase {
    private static let transposes: [(Transpose, Transpose)] = [
        (.none, .none), (.none, .transposed), (.transposed, .none), (.transposed, .transposed),
    ]

    private func checkAllTransposes(_ base: GemmCase, file: StaticString = #filePath,
                                    line: UInt = #line) {
        for (transA, transB) in Self.transposes {
            var testCase = base
            testCase.transA = transA
            testCase.transB = transB
            assertGemmMatchesReference(testCase, file: file, line: line)
        }
    }

    func testTinyAndPrimeShapes() {
        let shapes = [(1, 1, 1), (1, 1, 7), (2, 3, 1), (5, 3, 2), (7, 17, 3), (13, 31, 29),
                      (37, 61, 53), (1, 100, 2), (100, 1, 2), (3, 5, 97)]
        for (m, n, k) in shapes {
            checkAllTransposes(GemmCase(m: m, n: n, k: k))
        }
    }

    func testTileMultiplesAndTheirNeighbours() {
        for m in [5, 6, 7, 12, 18] {
            for n in [15, 16, 17, 32, 48] {
                checkAllTransposes(GemmCase(m: m, n: n, k: 9))
            }
        }
    }

    func testSkinnyInPlaceBoundary() {
        // n ≤ 128 reads A in place, 129 packs it; m not a multiple of 6 mixes both A sources.
        for n in [10, 63, 64, 128, 129] {
            checkAllTransposes(GemmCase(m: 131, n: n, k: 70))
        }
    }

    func testSkinnyRowsReadBInPlace() {
        // m ≤ 66 reads a row-major B in place (partial panels packed), m = 67 packs it; k = 600
        // spans two depth blocks, so in-place reads must start at the right depth.
        for m in [1, 10, 63, 64, 66, 67] {
            checkAllTransposes(GemmCase(m: m, n: 70, k: 600, beta: 0.5, bias: true))
        }
        // Both operands in place, with a long shared dimension (the shape of a conv weight gradient).
        checkAllTransposes(GemmCase(m: 32, n: 25, k: 3000))
    }

    func testLongSharedDimensionSplitIntoChunks() {
        // k ≥ 8192 with a small output is summed in 4096-deep chunks; 12289 leaves a 1-deep tail.
        for k in [8192, 12289] {
            checkAllTransposes(GemmCase(m: 7, n: 20, k: k, alpha: -0.5, beta: 0.5, bias: true,
                                        activation: .relu, padding: 2))
        }
        assertGemmMatchesReference(GemmCase(m: 32, n: 25, k: 9000, transA: .transposed))
    }

    func testDepthBlockBoundaries() {
        for k in [511, 512, 513, 1024, 1025, 1537] {
            checkAllTransposes(GemmCase(m: 7, n: 18, k: k))
        }
    }

    func testRowBlockBoundaries() {
        for m in [143, 144, 145, 289] {
            checkAllTransposes(GemmCase(m: m, n: 33, k: 20))
        }
    }

    func testColumnBlockBoundary() {
        for n in [3072, 3073, 3089] {
            checkAllTransposes(GemmCase(m: 7, n: n, k: 5))
        }
    }

    func testTrainingShapes() {
        // The MLP forward product and its backward ones (Sources/infoscope-bench/GemmShape.swift).
        assertGemmMatchesReference(GemmCase(m: 128, n: 256, k: 784, transB: .transposed))
        assertGemmMatchesReference(GemmCase(m: 784, n: 256, k: 128, transA: .transposed))
        assertGemmMatchesReference(GemmCase(m: 128, n: 784, k: 256))
        assertGemmMatchesReference(GemmCase(m: 128, n: 10, k: 256, transB: .transposed))
    }

    func testAlphaAndBeta() {
        for (alpha, beta) in [(Float(1), Float(1)), (0.5, 0), (-1.5, 0.25), (2, -1)] {
            checkAllTransposes(GemmCase(m: 19, n: 35, k: 600, alpha: alpha, beta: beta))
        }
    }

    func testBiasAndRelu() {
        for activation in [GemmActivation.identity, .relu] {
            for beta in [Float(0), 0.5] {
                checkAllTransposes(GemmCase(m: 20, n: 40, k: 530, beta: beta, bias: true,
                                            activation: activation))
                checkAllTransposes(GemmCase(m: 11, n: 9, k: 3, beta: beta, bias: true,
                                            activation: activation))
            }
        }
    }

    func testLeadingDimensionsWiderThanTheMatrices() {
        for padding in [1, 3, 16] {
            checkAllTransposes(GemmCase(m: 23, n: 45, k: 31, beta: 0.5, bias: true,
                                        activation: .relu, padding: padding))
            checkAllTransposes(GemmCase(m: 13, n: 20, k: 7, padding: padding))
        }
    }

    func testReluClampsNegativeSums() {
        // A of ones times B of -1: every sum is -k, so relu must give exactly 0 and identity -k.
        let a = [Float](repeating: 1, count: 7 * 5)
        let b = [Float](repeating: -1, count: 5 * 19)
        for activation in [GemmActivation.identity, .relu] {
            var c = [Float](repeating: .nan, count: 7 * 19)
            gemm(transA: .none, transB: .none, m: 7, n: 19, k: 5, alpha: 1, a: a, lda: 5,
                 b: b, ldb: 19, beta: 0, c: &c, ldc: 19, activation: activation)
            XCTAssertEqual(Set(c), [activation == .relu ? 0 : -5])
        }
    }

    func testEmptyDepthScalesCAndAddsBias() {
        var c: [Float] = [1, -2, 3, -4]
        let bias: [Float] = [10, 20]
        let unused: [Float] = [.nan]
        gemm(transA: .none, transB: .none, m: 2, n: 2, k: 0, alpha: 1, a: unused, lda: 1,
             b: unused, ldb: 2, beta: 2, c: &c, ldc: 2, bias: bias, activation: .relu)
        XCTAssertEqual(c, [12, 16, 16, 12])
    }

    func testEmptyOutputTouchesNothing() {
        var c: [Float] = [7]
        let operand: [Float] = [1]
        gemm(transA: .none, transB: .none, m: 0, n: 1, k: 1, alpha: 1, a: operand, lda: 1,
             b: operand, ldb: 1, beta: 0, c: &c, ldc: 1)
        gemm(transA: .none, transB: .none, m: 1, n: 0, k: 1, alpha: 1, a: operand, lda: 1,
             b: operand, ldb: 1, beta: 0, c: &c, ldc: 1)
        XCTAssertEqual(c, [7])
    }
}
