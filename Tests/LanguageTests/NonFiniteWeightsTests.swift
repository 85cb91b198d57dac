import Foundation
import Learning
import TensorRuntime
import XCTest

/// `import_safetensors` and `load` refuse files holding NaN or infinite values unless told
/// otherwise. The language cannot write such values itself, so the files are made here.
final class NonFiniteWeightsTests: XCTestCase {
    func testImportRefusesNonFiniteValuesUnlessAllowed() throws {
        let directory = NSTemporaryDirectory() + "nonfinite-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let network = Network([Layers.dense(2)])
        try network.build(inputShape: [2], random: RandomStream(seed: 0))
        try network.setParameter("0.weight", rows: [[.nan, 1], [2, 3]])
        try network.exportSafeTensors(to: directory + "/w.safetensors")
        try network.saveCheckpoint(to: directory + "/w.ckpt")
        let declare = "network pair { input [2]; dense(2) }\nvar net = pair()\nnet.layers[0].weight = [[5, 6], [7, 8]]\n"

        for call in ["import_safetensors(net, \"\(directory)/w.safetensors\")", "load(net, \"\(directory)/w.ckpt\")"] {
            let (outcome, sink) = runScript(declare + call + "\n")
            XCTAssertEqual(outcome, .runtimeError, call)
            XCTAssertTrue(sink.standardError.contains("holds values that are not finite: tensor '0.weight' has 1 NaN of its "
                                                      + "4 values; nothing was loaded"), sink.standardError)
            XCTAssertTrue(sink.standardError.contains("note: allow_nonfinite: true loads them as they are"), sink.standardError)
        }
        let allowed = "import_safetensors(net, \"\(directory)/w.safetensors\", allow_nonfinite: true)\n"
            + "print is_nan(net.layers[0].weight[0][0]), net.layers[0].weight[1]\n"
        let (outcome, sink) = runScript(declare + allowed)
        XCTAssertEqual(outcome, .success, sink.standardError)
        XCTAssertEqual(sink.standardOutput, "true [2, 3]\n")
    }
}
