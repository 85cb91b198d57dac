import XCTest
import TensorRuntime
@testable import Learning

/// Batch norm's two modes and running statistics; dropout's masks and scaling.
final class BatchNormDropoutTests: XCTestCase {
    typealias S = LayerTestSupport

    func testBatchNormTrainingUsesBatchStatisticsAndUpdatesRunningOnes() throws {
        let net = try S.built([Layers.batchNorm()], [1])
        var random = RandomStream(seed: 0)
        let out = try net.forward(try Tensor(rows: [[1], [3]]), training: true, random: &random)
        // Batch mean 2, biased variance 1.
        let s = Float(1 + 1e-5).squareRoot()
        S.assertClose(out.scalars, [-1 / s, 1 / s])
        // Running: 0.9 · 0 + 0.1 · 2 and 0.9 · 1 + 0.1 · 2 (unbiased variance of {1, 3}).
        S.assertClose(try net.parameter(named: "0.running_mean").value.scalars, [0.2])
        S.assertClose(try net.parameter(named: "0.running_var").value.scalars, [1.1])
        XCTAssertEqual(net.statistics.map(\.name), ["0.running_mean", "0.running_var"])
        XCTAssertTrue(net.statistics.allSatisfy { !$0.isTrainable })
        XCTAssertEqual(net.parameters.map(\.name), ["0.weight", "0.bias"])
    }

    func testBatchNormEvaluationUsesRunningStatistics() throws {
        let net = try S.built([Layers.batchNorm()], [2, 1, 2])
        try net.setParameter("0.running_mean", values: [1, -1])
        try net.setParameter("0.running_var", values: [4, 0.25])
        try net.setParameter("0.weight", values: [2, 1])
        try net.setParameter("0.bias", values: [0, 10])
        let input = try Tensor<Float>(shape: [1, 2, 1, 2], scalars: [3, 1, 0, -1])
        let out = try S.evaluate(net, input)
        let a = Float(4 + 1e-5).squareRoot(), b = Float(0.25 + 1e-5).squareRoot()
        S.assertClose(out.scalars, [2 * 2 / a, 0, 10 + 1 / b, 10])
        // Evaluation leaves the statistics alone.
        S.assertClose(try net.parameter(named: "0.running_mean").value.scalars, [1, -1])
    }

    func testBatchNormRefusesOneValuePerChannelInTraining() throws {
        let net = try S.built([Layers.batchNorm()], [3])
        var random = RandomStream(seed: 0)
        let message = S.errorMessage { _ = try net.forward(try Tensor(rows: [[1, 2, 3]]), training: true, random: &random) }
        XCTAssertTrue(message.contains("more than one value per channel"), message)
        XCTAssertNoThrow(try S.evaluate(net, try Tensor(rows: [[1, 2, 3]])))
    }

    func testDropoutIsDeterministicInvertedAndOffInEvaluation() throws {
        let net = try S.built([Layers.dropout(0.25)], [10_000])
        let input = try Tensor<Float>.ones([4, 10_000])
        var a = RandomStream(seed: 5), b = RandomStream(seed: 5), c = RandomStream(seed: 6)
        let first = try net.forward(input, training: true, random: &a).scalars
        XCTAssertEqual(first, try net.forward(input, training: true, random: &b).scalars)
        XCTAssertNotEqual(first, try net.forward(input, training: true, random: &c).scalars)
        XCTAssertNotEqual(a, RandomStream(seed: 5), "the caller's stream advances past the masks")
        // Kept elements are scaled by 1 / (1 - 0.25).
        XCTAssertTrue(first.allSatisfy { $0 == 0 || abs($0 - 4.0 / 3.0) < 1e-6 })
        let dropped = Double(first.filter { $0 == 0 }.count) / Double(first.count)
        // 40,000 Bernoulli(0.25) draws: standard error 0.0022, so 0.01 is over 4 standard errors.
        XCTAssertEqual(dropped, 0.25, accuracy: 0.01)
        let mean = first.reduce(0, +) / Float(first.count)
        XCTAssertEqual(mean, 1, accuracy: 0.015)
        XCTAssertEqual(try S.evaluate(net, input).scalars, input.scalars)
    }
}
