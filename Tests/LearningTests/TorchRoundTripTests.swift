import Foundation
import XCTest
import TensorRuntime
@testable import Learning

/// Exports a network that uses every layer kind, with its inputs and outputs, and has
/// `bench/torch_roundtrip.py` rebuild it in PyTorch and compare outputs.
final class TorchRoundTripTests: XCTestCase {
    typealias S = LayerTestSupport

    /// The repository root, from this file's path (Tests/LearningTests/<file>).
    var repository: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// Runs python3 with `arguments`; returns the exit status and output, or nil when python3 is absent.
    func python(_ arguments: [String]) throws -> (status: Int32, output: String)? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        do { try process.run() } catch { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    func testPyTorchComputesTheSameOutputs() throws {
        guard let probe = try python(["-c", "import torch, numpy"]), probe.status == 0 else {
            throw XCTSkip("python3 with torch and numpy is not available (pip install the CPU wheel from /opt/wheels)")
        }
        let net = try S.built([
            Layers.conv2d(4, kernel: 3, padding: 1), Layers.batchNorm(), Layers.relu(),
            Layers.residual([Layers.conv2d(6, kernel: 3, stride: 2, padding: 1), Layers.leakyRelu(slope: 0.2)]),
            Layers.avgPool(2, stride: 1, padding: 1), Layers.maxPool(2), Layers.block([Layers.conv2d(3, kernel: 1), Layers.tanh()]),
            Layers.flatten(), Layers.dropout(0.3), Layers.layerNorm(), Layers.dense(8), Layers.gelu(),
            Layers.residual([Layers.dense(8), Layers.sigmoid()]), Layers.dense(5), Layers.relu(), Layers.batchNorm(),
            Layers.dense(3, bias: false), Layers.softmax(),
        ], [2, 6, 6], seed: 21)
        var random = RandomStream(seed: 4)
        let inputs = try Tensor<Float>.normal([5, 2, 6, 6], using: &random)
        // A training pass moves the batch-norm statistics away from their initial 0 and 1.
        _ = try net.forward(inputs, training: true, random: &random)
        try net.setParameter("9.weight", to: try Tensor<Float>.uniform([12], low: 0.5, high: 1.5, using: &random))
        let outputs = try S.evaluate(net, inputs)

        let directory = NSTemporaryDirectory() + "torch-roundtrip-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try net.exportSafeTensors(to: directory + "/weights.safetensors", metadata: ["format": "pt"])
        try JSONEncoder().encode(net.specification).write(to: URL(fileURLWithPath: directory + "/model.json"))
        try NPY.write(NamedTensor(name: "inputs", shape: inputs.shape, values: inputs.scalars), to: directory + "/inputs.npy")
        try NPY.write(NamedTensor(name: "outputs", shape: outputs.shape, values: outputs.scalars), to: directory + "/outputs.npy")

        let script = repository.appendingPathComponent("bench/torch_roundtrip.py").path
        let result = try XCTUnwrap(try python([script, directory]))
        XCTAssertEqual(result.status, 0, result.output)
        XCTAssertTrue(result.output.hasPrefix("OK"), result.output)
        print("torch round trip: \(result.output)")

        // The check can fail: a changed weight must be noticed.
        try net.setParameter("13.bias", to: try Tensor<Float>.full([5], 0.5))
        try net.exportSafeTensors(to: directory + "/weights.safetensors")
        let changed = try XCTUnwrap(try python([script, directory]))
        XCTAssertEqual(changed.status, 1, changed.output)
    }
}
