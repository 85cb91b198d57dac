import XCTest
import TensorRuntime
@testable import Learning

/// Shared helpers for layer and network tests.
enum LayerTestSupport {
    /// A network of `layers` built for `inputShape` from seed 7.
    static func built(_ layers: [any Layer], _ inputShape: [Int], seed: UInt64 = 7) throws -> Network {
        let network = Network(layers)
        try network.build(inputShape: inputShape, random: RandomStream(seed: seed))
        return network
    }

    /// Evaluation-mode output of `network` on `input`.
    static func evaluate(_ network: Network, _ input: Tensor<Float>) throws -> Tensor<Float> {
        var random = RandomStream(seed: 0)
        return try network.forward(input, training: false, random: &random)
    }

    /// The largest error of reverse-mode gradients of `sum(output · w)` (fixed weights `w`) with
    /// respect to the input and every trainable parameter, against central differences in Float32.
    ///
    /// Float32 with step 1e-2: each output carries ~1e-7 relative rounding, which divided by the
    /// 2e-2 step leaves ~1e-4 of noise for outputs of size ~10; truncation error ~step²·f''' is
    /// ~1e-5 for smooth layers. A wrong rule shows errors of order 1, so callers use 1e-2.
    /// Inputs must keep kinks (relu at 0, max-pool ties) farther than the step away.
    static func maxGradientError(_ network: Network, input: Tensor<Float>, training: Bool = false,
                                 seed: UInt64 = 3) throws -> Double {
        let parameters = network.parameters
        var weightStream = RandomStream(seed: 11)
        let outShape = try evaluate(network, input).shape
        let weights = try Tensor<Float>.uniform(outShape, low: 0.5, high: 1.5, using: &weightStream)
        func loss(_ x: Tensor<Float>, _ values: [Tensor<Float>]) throws -> Tensor<Float> {
            var random = RandomStream(seed: seed)
            return try (network.forward(x, training: training, random: &random, values: values) * weights).sum()
        }
        let x = input.variable()
        let vars = parameters.map { $0.value.variable() }
        let analytic = try loss(x, vars).gradients(withRespectTo: [x] + vars)
        let points = [input] + parameters.map(\.value)
        var worst = 0.0
        let step: Float = 1e-2
        for (k, point) in points.enumerated() {
            var values = point.scalars
            for j in values.indices {
                let saved = values[j]
                func shifted(_ delta: Float) throws -> Double {
                    values[j] = saved + delta
                    var all = points
                    all[k] = try Tensor(shape: point.shape, scalars: values)
                    return Double(try loss(all[0], Array(all.dropFirst())).scalar())
                }
                let numeric = (try shifted(step) - shifted(-step)) / Double(2 * step)
                values[j] = saved
                let got = Double(analytic[k].scalars[j])
                worst = max(worst, abs(got - numeric) / max(1, abs(numeric)))
            }
        }
        return worst
    }

    /// Asserts `actual` equals `expected` element-wise within `tolerance`.
    static func assertClose(_ actual: [Float], _ expected: [Float], tolerance: Float = 1e-5,
                            file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(actual.count, expected.count, "element count", file: file, line: line)
        for (i, (a, e)) in zip(actual, expected).enumerated() where abs(a - e) > tolerance {
            XCTFail("element \(i): \(a) differs from \(e) by more than \(tolerance)", file: file, line: line)
        }
    }

    /// The message of the error thrown by `body`, or a failure when nothing is thrown.
    static func errorMessage(_ body: () throws -> Void, file: StaticString = #filePath, line: UInt = #line) -> String {
        do {
            try body()
            XCTFail("expected an error", file: file, line: line)
            return ""
        } catch {
            return "\(error)"
        }
    }
}
