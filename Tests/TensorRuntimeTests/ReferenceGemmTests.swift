import XCTest
import TensorKernels

final class ReferenceGemmTests: XCTestCase {
    func testTwoByTwoProductWithBiasAndRelu() {
        let a: [Float] = [1, 2, 3, 4]        // [[1, 2], [3, 4]]
        let b: [Float] = [5, -6, 7, -8]      // [[5, -6], [7, -8]]
        let bias: [Float] = [0, 1]
        var c = [Float](repeating: .nan, count: 4)
        a.withUnsafeBufferPointer { ap in
            b.withUnsafeBufferPointer { bp in
                bias.withUnsafeBufferPointer { biasp in
                    c.withUnsafeMutableBufferPointer { cp in
                        referenceGemm(transA: .none, transB: .none, m: 2, n: 2, k: 2, alpha: 1,
                                      a: ap.baseAddress!, lda: 2, b: bp.baseAddress!, ldb: 2,
                                      beta: 0, c: cp.baseAddress!, ldc: 2,
                                      bias: biasp.baseAddress!, activation: .relu)
                    }
                }
            }
        }
        // [[19, -22], [43, -50]] plus bias [0, 1], then relu.
        XCTAssertEqual(c, [19, 0, 43, 0])
    }
}
