import XCTest
@testable import TensorRuntime

/// The runtime end to end: an MLP 784→32→10 trained by plain SGD on random data with only
/// tensors and autodiff. The loss must fall.
final class MLPTrainingSmokeTests: XCTestCase {
    func testSGDDecreasesLoss() throws {
        var stream = RandomStream(seed: 2026)
        let batch = 64
        let x = try Tensor<Float>.normal([batch, 784], using: &stream)
        let labels = (0..<batch).map { $0 % 10 }
        // He-style scale sqrt(2 / fan_in) keeps the hidden activations of order 1.
        var params = [
            try Tensor<Float>.normal([784, 32], standardDeviation: Float((2.0 / 784).squareRoot()), using: &stream),
            try Tensor<Float>.zeros([32]),
            try Tensor<Float>.normal([32, 10], standardDeviation: Float((2.0 / 32).squareRoot()), using: &stream),
            try Tensor<Float>.zeros([10]),
        ]
        func loss(_ p: [Tensor<Float>]) throws -> Tensor<Float> {
            let hidden = try Tensor.dense(x, weight: p[0], bias: p[1], relu: true)
            let logits = try Tensor.dense(hidden, weight: p[2], bias: p[3])
            return try Tensor.softmaxCrossEntropy(logits: logits, labels: labels)
        }
        var losses: [Float] = []
        for _ in 0..<20 {
            let variables = params.map { $0.variable() }
            let value = try loss(variables)
            losses.append(try value.scalar())
            let grads = try value.gradients(withRespectTo: variables)
            params = try zip(params, grads).map { try $0 - $1 * 0.1 }
        }
        XCTAssertTrue(losses.allSatisfy { $0.isFinite })
        // Initial loss is of order log 10 = 2.3; 20 steps of SGD on 64 memorisable samples must halve it.
        XCTAssertGreaterThan(losses[0], 1.5)
        XCTAssertLessThan(losses[19], losses[0] * 0.5, "losses: \(losses)")
        XCTAssertLessThan(try loss(params).scalar(), losses[0])
    }
}
