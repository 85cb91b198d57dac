import XCTest
import TensorKernels

/// The SGD step runs in the kernel variant of the active path; every path must give the bits of
/// the plain formula (nothing in it is fused), with and without momentum and Nesterov.
final class OptimizerKernelTests: XCTestCase {
    func testEveryPathGivesTheBitsOfTheFormula() {
        let n = 1000  // not a multiple of any vector width: the loops' tails run too
        let w0 = (0..<n).map { Float(($0 * 37) % 101) / 50 - 1 }
        let g = (0..<n).map { Float(($0 * 53) % 97) / 40 - 1.2 }
        let b0 = (0..<n).map { Float(($0 * 11) % 89) / 30 - 1.4 }
        let lr: Float = 0.05, decay: Float = 1e-4
        for (mu, nesterov) in [(Float(0), false), (0.9, false), (0.9, true)] {
            var expectedW = w0, expectedB = b0
            for i in 0..<n {
                let d = g[i] + decay * expectedW[i]
                guard mu != 0 else { expectedW[i] -= lr * d; continue }
                expectedB[i] = mu * expectedB[i] + d
                expectedW[i] -= lr * (nesterov ? d + mu * expectedB[i] : expectedB[i])
            }
            for path in KernelPath.supported() {
                var w = w0, b = b0
                g.withUnsafeBufferPointer { gp in
                    w.withUnsafeMutableBufferPointer { wp in
                        b.withUnsafeMutableBufferPointer { bp in
                            path.optimizerKernels.sgdStep(wp.baseAddress!, gp.baseAddress!,
                                                          mu == 0 ? nil : bp.baseAddress!, n, lr, mu, decay, nesterov)
                        }
                    }
                }
                let context = "\(path), mu \(mu), nesterov \(nesterov)"
                XCTAssertEqual(w.map(\.bitPattern), expectedW.map(\.bitPattern), context)
                XCTAssertEqual(b.map(\.bitPattern), expectedB.map(\.bitPattern), context)
            }
        }
    }
}
