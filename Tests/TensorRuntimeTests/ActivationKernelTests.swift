import XCTest
import Foundation
import TensorRuntime

final class ActivationKernelTests: XCTestCase {
    let kinds: [ActivationKind] = [.relu, .leakyRelu(slope: 0.1), .tanh, .sigmoid, .gelu]

    func testForwardMatchesDoubleReference() {
        // 1031 is prime, so no vector width divides it and any tail handling is exercised.
        let x = seededFloats(1031, seed: 1, scale: 6) + [0, -0, 50, -50, 1e-30, -1e-30]
        for kind in kinds {
            var y = [Float](repeating: .nan, count: x.count)
            activationForward(kind, count: x.count, input: x, output: &y)
            assertClose(y, x.map { reference(kind, Double($0)) }, tolerance: 1e-6, "forward \(kind)")
        }
    }

    func testForwardInPlace() {
        var x = seededFloats(17, seed: 2, scale: 3)
        let want = x.map { reference(.sigmoid, Double($0)) }
        x.withUnsafeMutableBufferPointer { activationForward(.sigmoid, count: 17, input: $0.baseAddress!, output: $0.baseAddress!) }
        assertClose(x, want, tolerance: 1e-6, "in-place sigmoid")
    }

    func testBackwardMatchesFiniteDifferences() {
        // Keep away from the kinks of relu at 0, where the derivative is one-sided.
        let x = seededFloats(257, seed: 3, scale: 4).map { abs($0) < 1e-3 ? $0 + 0.01 : $0 }
        let dy = seededFloats(257, seed: 4)
        for kind in kinds {
            var y = [Float](repeating: 0, count: x.count), dx = y
            activationForward(kind, count: x.count, input: x, output: &y)
            activationBackward(kind, count: x.count, input: x, output: y, outputGradient: dy, inputGradient: &dx)
            let want = x.indices.map { i in
                Double(dy[i]) * finiteDifference({ reference(kind, $0[0]) }, at: [Double(x[i])], coordinate: 0)
            }
            // Derivatives are formed from Float outputs: ~1e-6 relative error; 1e-5 leaves a margin.
            assertClose(dx, want, tolerance: 1e-5, "backward \(kind)")
        }
    }

    func testReluGradientAtZeroIsZero() {
        var dx: [Float] = [9]
        activationBackward(.relu, count: 1, input: [0], output: [0], outputGradient: [1], inputGradient: &dx)
        XCTAssertEqual(dx, [0])
    }

    /// The tanh form of GELU stays within 1e-3 of the exact x·Φ(x) (documented on `ActivationKind.gelu`).
    func testGeluTanhFormIsCloseToExactGelu() {
        let x = (0..<2001).map { Float($0 - 1000) / 100 }
        var y = [Float](repeating: 0, count: x.count)
        activationForward(.gelu, count: x.count, input: x, output: &y)
        for (xi, yi) in zip(x, y) {
            let exact = Double(xi) * 0.5 * (1 + erf(Double(xi) / 2.0.squareRoot()))
            XCTAssertEqual(Double(yi), exact, accuracy: 1e-3, "x = \(xi)")
        }
    }

    private func reference(_ kind: ActivationKind, _ x: Double) -> Double {
        switch kind {
        case .relu: return max(x, 0)
        case .leakyRelu(let slope): return x > 0 ? x : Double(slope) * x
        case .tanh: return tanh(x)
        case .sigmoid: return 1 / (1 + exp(-x))
        case .gelu: return 0.5 * x * (1 + tanh((2 / Double.pi).squareRoot() * (x + 0.044715 * x * x * x)))
        }
    }
}
