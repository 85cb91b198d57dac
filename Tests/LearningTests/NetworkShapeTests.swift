import XCTest
import TensorRuntime
@testable import Learning

/// Shape inference, parameter counts, summaries, and every build-time shape error.
final class NetworkShapeTests: XCTestCase {
    typealias S = LayerTestSupport

    func testMLPParameterCountAndShapes() throws {
        let net = try S.built([Layers.flatten(), Layers.dense(256), Layers.relu(), Layers.dense(256), Layers.relu(),
                               Layers.dense(10)], [1, 28, 28])
        XCTAssertEqual(net.parameterCount, 269_322)
        XCTAssertEqual(net.outputShape, [10])
        XCTAssertEqual(net.layers.compactMap(\.outputShape), [[784], [256], [256], [256], [256], [10]])
        XCTAssertEqual(try net.parameter(named: "1.weight").shape, [256, 784])
    }

    func testBenchmarkCNNParameterCount() throws {
        // /work/shared/bench/torch_cnn.py: conv 5×5 (32), relu, pool 2, conv 5×5 (64), relu, pool 2,
        // flatten, dense 1024→128, relu, dense 10. Counts: 832 + 51,264 + 131,200 + 1,290.
        let net = try S.built([Layers.conv2d(32, kernel: 5), Layers.relu(), Layers.maxPool(2),
                               Layers.conv2d(64, kernel: 5), Layers.relu(), Layers.maxPool(2), Layers.flatten(),
                               Layers.dense(128), Layers.relu(), Layers.dense(10)], [1, 28, 28])
        XCTAssertEqual(net.parameterCount, 184_586)
        XCTAssertEqual(net.layers[5].outputShape, [64, 4, 4])
        XCTAssertEqual(net.parameters.map(\.name), ["0.weight", "0.bias", "3.weight", "3.bias", "7.weight", "7.bias",
                                                    "9.weight", "9.bias"])
    }

    func testSummaryTable() throws {
        let net = try S.built([Layers.flatten(), Layers.dense(128), Layers.relu(), Layers.dense(10)], [1, 28, 28])
        XCTAssertEqual(net.summary, """
              #  layer    output   params
              1  flatten  [784]         0
              2  dense    [128]   100,480
              3  relu     [128]         0
              4  dense    [10]      1,290
                 total            101,770
            """)
        XCTAssertEqual(TextFormat.groupedThousands(1_234_567), "1,234,567")
        XCTAssertEqual(TextFormat.groupedThousands(999), "999")
        XCTAssertEqual(TextFormat.groupedThousands(-60_000), "-60,000")
        let unbuilt = Network([Layers.dense(2)])
        XCTAssertTrue(unbuilt.summary.contains("  1  dense  ?"), unbuilt.summary)
    }

    func testBuildErrorsNameLayerExpectationAndInput() throws {
        func buildError(_ layers: [any Layer], _ shape: [Int]) -> String {
            S.errorMessage { _ = try S.built(layers, shape) }
        }
        XCTAssertEqual(buildError([Layers.conv2d(32, kernel: 3, padding: 1), Layers.maxPool(2), Layers.dense(10)], [1, 28, 28]),
                       "layer 3 (dense): expects a flat input [n], got [32, 14, 14]; add flatten before it")
        XCTAssertEqual(buildError([Layers.conv2d(8, kernel: 3)], [784]),
                       "layer 1 (conv2d): expects an image input [channels, height, width], got [784]; "
                        + "reshape flat data to [channels, height, width]")
        XCTAssertEqual(buildError([Layers.conv2d(8, kernel: 5)], [1, 3, 3]),
                       "layer 1 (conv2d): the 5×5 kernel does not fit the 3×3 input with padding 0, got [1, 3, 3]")
        XCTAssertEqual(buildError([Layers.conv2d(0, kernel: 3)], [1, 3, 3]),
                       "layer 1 (conv2d): filters 0, kernel 3 and stride 1 must be positive and padding 0 not negative")
        XCTAssertEqual(buildError([Layers.flatten(), Layers.maxPool(2)], [1, 4, 4]),
                       "layer 2 (maxpool): expects an image input [channels, height, width], got [16]")
        XCTAssertEqual(buildError([Layers.avgPool(5)], [1, 4, 4]),
                       "layer 1 (avgpool): the 5×5 window does not fit the 4×4 input, got [1, 4, 4]")
        XCTAssertEqual(buildError([Layers.maxPool(2, padding: 2)], [1, 4, 4]),
                       "layer 1 (maxpool): window 2 and stride 2 must be positive and padding 2 in 0..<window")
        XCTAssertEqual(buildError([Layers.globalAvgPool()], [10]),
                       "layer 1 (global_avgpool): expects an image input [channels, height, width], got [10]")
        XCTAssertEqual(buildError([Layers.softmax()], [3, 2, 2]),
                       "layer 1 (softmax): expects a flat input [classes], got [3, 2, 2]; add flatten or global_avgpool before it")
        XCTAssertEqual(buildError([Layers.batchNorm()], [2, 3]),
                       "layer 1 (batchnorm): expects [features] or [channels, height, width], got [2, 3]")
        XCTAssertEqual(buildError([Layers.dense(0)], [3]), "layer 1 (dense): units must be positive, got 0")
        XCTAssertEqual(buildError([Layers.dropout(1)], [3]), "layer 1 (dropout): rate must be in [0, 1), got 1.0")
        XCTAssertEqual(buildError([Layers.flatten()], []), "layer 1 (flatten): expects at least one axis, got []")
        XCTAssertEqual(buildError([Layers.residual([Layers.flatten()])], [1, 2, 2]),
                       "layer 1 (residual): cannot add the body's output [4] to the input [1, 2, 2]: "
                        + "no strided 1×1 projection maps one to the other")
        XCTAssertEqual(buildError([Layers.dense(2)], [0]), "input shape [0] must have positive sizes below 2^31")
        XCTAssertEqual(buildError([Layers.conv2d(1 << 20, kernel: 1), Layers.flatten()], [1, 1 << 30, 1 << 30]),
                       "layer 2 (flatten): input [1048576, 1073741824, 1073741824] has too many elements to flatten")
    }

    func testOversizedWeightsNameTheLayer() throws {
        let message = S.errorMessage { _ = try S.built([Layers.flatten(), Layers.dense(1 << 20)], [1 << 20]) }
        XCTAssertTrue(message.hasPrefix("layer 2 (dense): uniform: result of shape [1048576, 1048576] needs"), message)
    }

    func testNestedErrorsGiveThePathInsideTheBlock() throws {
        let message = S.errorMessage {
            _ = try S.built([Layers.flatten(), Layers.block([Layers.dense(4), Layers.conv2d(2, kernel: 1)])], [1, 2, 2])
        }
        XCTAssertEqual(message, "layer 2.2 (conv2d): expects an image input [channels, height, width], got [4]; "
                        + "reshape flat data to [channels, height, width]")
        let residual = S.errorMessage { _ = try S.built([Layers.residual([Layers.dense(2), Layers.maxPool(2)])], [3]) }
        XCTAssertEqual(residual, "layer 1.2 (maxpool): expects an image input [channels, height, width], got [2]")
        let names = S.errorMessage {
            let net = Network(named: [("a", Layers.dense(2)), ("a", Layers.dense(2))])
            try net.build(inputShape: [2], random: RandomStream(seed: 0))
        }
        XCTAssertEqual(names, "network: layer name 'a' is empty, contains a dot or is repeated")
    }

    func testForwardRefusesUnbuiltNetworksAndWrongBatches() throws {
        var random = RandomStream(seed: 0)
        let unbuilt = Network([Layers.dense(2)])
        XCTAssertEqual(S.errorMessage { _ = try unbuilt.forward(try Tensor.zeros([1, 3]), training: false, random: &random) },
                       "the network is not built: call build(inputShape:random:) first")
        let net = try S.built([Layers.flatten(), Layers.dense(2)], [1, 2, 2])
        XCTAssertEqual(S.errorMessage { _ = try net.forward(try Tensor.zeros([5, 4]), training: false, random: &random) },
                       "the network expects batches [batch, 1, 2, 2], got [5, 4]")
        let values = S.errorMessage {
            _ = try net.forward(try Tensor.zeros([5, 1, 2, 2]), training: false, random: &random, values: [])
        }
        XCTAssertEqual(values, "forward: 0 values given for 2 parameters")
        let shapes = S.errorMessage {
            _ = try net.forward(try Tensor.zeros([5, 1, 2, 2]), training: false, random: &random,
                                values: [try Tensor.zeros([4, 2]), try Tensor.zeros([2])])
        }
        XCTAssertEqual(shapes, "forward: value for '1.weight' has shape [4, 2], the parameter has [2, 4]")
    }

    func testValuesReplaceStoredParametersForDifferentiation() throws {
        let net = try Network.softmaxRegression(inputs: 2, classes: 2, bias: false)
        let w = try Tensor<Float>(rows: [[1, 0], [0, 2]]).variable()
        var random = RandomStream(seed: 0)
        let out = try net.forward(try Tensor(rows: [[3, 4]]), training: false, random: &random, values: [w])
        S.assertClose(out.scalars, [3, 8])
        let grad = try out.sum().gradient(withRespectTo: w)
        S.assertClose(grad.scalars, [3, 4, 3, 4])
        // The stored (zero) weights were not touched.
        XCTAssertEqual(net.parameters[0].value.scalars, [0, 0, 0, 0])
    }

    func testValuesMayIncludeTheStatistics() throws {
        let net = try LayerTestSupport.built([Layers.dense(2), Layers.batchNorm()], [2])
        XCTAssertEqual(net.allParameters.map(\.name), ["0.weight", "0.bias", "1.weight", "1.bias", "1.running_mean", "1.running_var"])
        let values = [try Tensor<Float>(rows: [[1, 0], [0, 1]]), try Tensor<Float>.zeros([2]), try Tensor<Float>.ones([2]),
                      try Tensor<Float>.zeros([2]), try Tensor<Float>([1, 2]), try Tensor<Float>([4, 4])]
        var random = RandomStream(seed: 0)
        let out = try net.forward(try Tensor(rows: [[3, 4]]), training: false, random: &random, values: values)
        // (x − running mean) / sqrt(running variance + ε), with the substituted statistics.
        let s = Float(4 + 1e-5).squareRoot()
        LayerTestSupport.assertClose(out.scalars, [2 / s, 2 / s])
    }
}
