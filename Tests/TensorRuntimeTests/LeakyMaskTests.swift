import XCTest
import TensorKernels
@testable import TensorRuntime

/// The one-pass gradient through relu and leaky relu (`maskedByLeakyStep`) gives the bits of the
/// product with the derivative mask it replaces, for every sign of input and gradient, zeros, NaN
/// and infinities, on any thread count; and the rules that use it still differentiate twice.
final class LeakyMaskTests: XCTestCase {
    /// Inputs and gradients covering both sides of the kink, signed zeros and non-finite values.
    let specials: [Float] = [-2, -0.5, -0.0, 0, 0.5, 3, .infinity, -.infinity, .nan, 1e-30, -1e-30]

    func testMaskedGradientHasTheBitsOfTheMaskProduct() throws {
        let x = specials.flatMap { v in Array(repeating: v, count: specials.count) }
        let g = Array(repeating: specials, count: specials.count).flatMap { $0 }
        let xt = try Tensor<Float>(x), gt = try Tensor<Float>(g)
        for slope in [0, 0.1, -0.3] {
            let fused = try gt.maskedByLeakyStep(xt, slope: slope, "test")
            let product = try gt * xt.unary(.leakyStep(slope: slope), "test")
            XCTAssertEqual(fused.scalars.map(\.bitPattern), product.scalars.map(\.bitPattern), "slope \(slope)")
        }
    }

    /// 300,000 elements: ten element chunks, so the pool shares them.
    func testMaskedGradientGivesTheSameBitsForEveryThreadCount() throws {
        var random = TestRandom(seed: 41)
        let x = random.floatTensor([300, 1000]), g = random.floatTensor([300, 1000])
        let serial = try g.maskedByLeakyStep(x, slope: 0.01, "test").scalars.map(\.bitPattern)
        let product = try (g * x.unary(.leakyStep(slope: 0.01), "test")).scalars.map(\.bitPattern)
        XCTAssertEqual(serial, product)
        for threads in 1...3 {
            let pooled = try TensorThreading.withPool(WorkerPool(threadCount: threads)) {
                try g.maskedByLeakyStep(x, slope: 0.01, "test").scalars.map(\.bitPattern)
            }
            XCTAssertEqual(pooled, serial, "\(threads) threads")
        }
    }

    /// With `createGraph` the upstream gradient is recorded, and the gradient of a relu gradient
    /// must still reach it: d/dv Σ r·(dL/dx) for L = Σ v·relu(x) is r masked by x > 0.
    func testReluGradientCanBeDifferentiatedAgain() throws {
        let x = try Tensor<Float>([-1, 2, 0.5, -3]).variable()
        let v = try Tensor<Float>([1, 1, 1, 1]).variable()
        let r = try Tensor<Float>([5, 6, 7, 8])
        for dense in [false, true] {
            let activated = dense
                ? try Tensor.dense(x.reshaped([1, 4]), weight: Tensor<Float>.eye(4), bias: nil, relu: true)
                    .reshaped([4])
                : try x.relu()
            let loss = try (activated * v).sum()
            let dx = try loss.gradient(withRespectTo: x, createGraph: true)
            let second = try (dx * r).sum().gradient(withRespectTo: v)
            XCTAssertEqual(second.scalars, [0, 6, 7, 0], dense ? "dense relu" : "relu")
        }
    }
}
