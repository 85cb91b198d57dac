import XCTest
@testable import TensorRuntime

/// Per-sample gradient norms of dense layers from one batched pass (docs/probe-formulas.md, P1).
final class GradientPerSampleTests: XCTestCase {
    var random = TestRandom(seed: 5)

    func testBatchedNormsMatchLoopOverSingleSamples() throws {
        try checkBatchedNormsAgainstLoop(transposeWeight: false)
    }

    /// Weights stored `[out, in]`, as a network's dense layers keep them.
    func testBatchedNormsWithTransposedWeightsMatchLoop() throws {
        try checkBatchedNormsAgainstLoop(transposeWeight: true)
    }

    private func checkBatchedNormsAgainstLoop(transposeWeight t: Bool) throws {
        let batch = 6
        let x = random.tensor([batch, 4])
        let labels = [0, 2, 1, 1, 0, 2]
        let params = [random.tensor(t ? [5, 4] : [4, 5]), random.tensor([5]), random.tensor(t ? [3, 5] : [5, 3]),
                      random.tensor([3])]
        func forward(_ p: [Tensor<Double>], _ input: Tensor<Double>) throws -> (Tensor<Double>, Tensor<Double>) {
            let h = try Tensor.dense(input, weight: p[0], bias: p[1], relu: true, transposeWeight: t)
            let out = try Tensor.dense(h, weight: p[2], bias: p[3], transposeWeight: t)
            return (h, out)
        }
        let variables = params.map { $0.variable() }
        let (hidden, logits) = try forward(variables, x)
        let loss = try Tensor.softmaxCrossEntropy(logits: logits, labels: labels)
        let norms = try Autodiff.perSampleGradientSquaredNorms(of: loss, layerOutputs: [hidden, logits])

        for i in 0..<batch {
            let single = params.map { $0.variable() }
            let (_, out) = try forward(single, try x.selectRows([i]))
            let grads = try Tensor.softmaxCrossEntropy(logits: out, labels: [labels[i]]).gradients(withRespectTo: single)
            let squared = try grads.map { try ($0 * $0).sum().scalar() }
            XCTAssertEqual(norms[0].weight.scalars[i], squared[0], accuracy: 1e-12, "layer 1 weight, sample \(i)")
            XCTAssertEqual(norms[0].bias?.scalars[i] ?? -1, squared[1], accuracy: 1e-12, "layer 1 bias, sample \(i)")
            XCTAssertEqual(norms[1].weight.scalars[i], squared[2], accuracy: 1e-12, "layer 2 weight, sample \(i)")
            XCTAssertEqual(norms[1].bias?.scalars[i] ?? -1, squared[3], accuracy: 1e-12, "layer 2 bias, sample \(i)")
        }
    }

    /// docs/probe-formulas.md, T1: logistic regression as a two-class softmax with logits [0, x·w];
    /// tr F = mean_i Σ_y p_iy ||∇_w log p(y|x_i)||² = 0.681908.
    func testFisherTraceOfLogisticRegression() throws {
        let x = try Tensor<Double>(rows: [[1, 2], [-1, 0.5], [0.5, -1], [2, 1]])
        let w = try Tensor<Double>(shape: [2, 1], scalars: [0.3, -0.7]).variable()
        let z = try Tensor.dense(x, weight: w, bias: nil)
        let logits = try Tensor.concatenate([try Tensor<Double>.zeros([4, 1]), z], axis: 1)
        let p = try logits.softmax(axis: 1).scalars
        var trace = 0.0
        for label in 0..<2 {
            let loss = try Tensor.softmaxCrossEntropy(logits: logits, labels: [Int](repeating: label, count: 4))
            let norms = try Autodiff.perSampleGradientSquaredNorms(of: loss, layerOutputs: [z])[0]
            XCTAssertNil(norms.bias)
            for i in 0..<4 { trace += p[i * 2 + label] * norms.weight.scalars[i] / 4 }
        }
        XCTAssertEqual(trace, 0.681908, accuracy: 5e-7)
    }

    func testConvolutionNormsMatchLoopOverSingleSamples() throws {
        let batch = 3
        let x = random.tensor([batch, 2, 5, 5])
        let labels = [1, 0, 1]
        let params = [random.tensor([3, 2, 3, 3]), random.tensor([3]), random.tensor([27, 2]), random.tensor([2])]
        func forward(_ p: [Tensor<Double>], _ input: Tensor<Double>) throws -> (Tensor<Double>, Tensor<Double>, Tensor<Double>) {
            let conv = try Tensor.conv2D(input, weight: p[0], bias: p[1], stride: 2, padding: 1)
            let flat = try conv.tanh().flattenedRows()
            let logits = try Tensor.dense(flat, weight: p[2], bias: p[3])
            return (conv, logits, try Tensor.softmaxCrossEntropy(logits: logits, labels: [Int](labels.prefix(input.shape[0]))))
        }
        let variables = params.map { $0.variable() }
        let (conv, logits, loss) = try forward(variables, x)
        let norms = try Autodiff.perSampleGradientSquaredNorms(of: loss, layerOutputs: [conv, logits])
        for i in 0..<batch {
            let single = params.map { $0.variable() }
            let one = try x.selectRows([i])
            let (_, out, _) = try forward(single, one)
            let grads = try Tensor.softmaxCrossEntropy(logits: out, labels: [labels[i]]).gradients(withRespectTo: single)
            let squared = try grads.map { try ($0 * $0).sum().scalar() }
            XCTAssertEqual(norms[0].weight.scalars[i], squared[0], accuracy: 1e-12, "conv weight, sample \(i)")
            XCTAssertEqual(norms[0].bias?.scalars[i] ?? -1, squared[1], accuracy: 1e-12, "conv bias, sample \(i)")
            XCTAssertEqual(norms[1].weight.scalars[i], squared[2], accuracy: 1e-12, "dense weight, sample \(i)")
        }
    }

    func testRejectsOutputsNotFromDense() throws {
        let w = try Tensor<Double>.ones([2, 2]).variable()
        let y = try w.matmul(w)
        XCTAssertThrowsError(try Autodiff.perSampleGradientSquaredNorms(of: y.sum(), layerOutputs: [y])) {
            XCTAssertEqual("\($0)", "perSampleGradientSquaredNorms: output 0 was not produced by dense or conv2D with a variable operand")
        }
    }

    /// Norms from upstream gradients the caller took in its own backward pass, together with an
    /// output that is not a dense layer's, equal those of the one-call form.
    func testNormsFromGivenUpstreamsEqualTheOneCallForm() throws {
        let x = random.tensor([5, 3])
        let w1 = random.tensor([3, 4]).variable(), w2 = random.tensor([4, 2]).variable()
        let h = try Tensor.dense(x, weight: w1, bias: nil)
        let scaled = try h * w1.sum()
        let logits = try Tensor.dense(scaled, weight: w2, bias: nil)
        let loss = try Tensor.softmaxCrossEntropy(logits: logits, labels: [0, 1, 1, 0, 1])
        let upstreams = try loss.gradients(withRespectTo: [h, scaled, logits])
        let given = try Autodiff.perSampleGradientSquaredNorms(layerOutputs: [h, logits],
                                                               upstreams: [upstreams[0], upstreams[2]])
        let own = try Autodiff.perSampleGradientSquaredNorms(of: loss, layerOutputs: [h, logits])
        for (a, b) in zip(given, own) { XCTAssertEqual(a.weight.scalars, b.weight.scalars) }
        XCTAssertThrowsError(try Autodiff.perSampleGradientSquaredNorms(layerOutputs: [h, logits], upstreams: [upstreams[0]])) {
            XCTAssertEqual("\($0)", "perSampleGradientSquaredNorms: 1 upstream gradients given for 2 outputs")
        }
        XCTAssertThrowsError(try Autodiff.perSampleGradientSquaredNorms(layerOutputs: [h], upstreams: [upstreams[2]])) {
            XCTAssertEqual("\($0)", "perSampleGradientSquaredNorms: upstream 0 has shape [5, 2], its output has [5, 4]")
        }
    }
}
