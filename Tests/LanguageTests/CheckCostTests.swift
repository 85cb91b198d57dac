import Foundation
import Language
import XCTest

/// `infoscope check` prints one cost line per probe and train call, from the networks' shapes
/// and the sample counts the script states, without running anything.
final class CheckCostTests: XCTestCase {
    func check(_ source: String) -> (RunOutcome, CaptureSink) {
        let sink = CaptureSink()
        let interpreter = Interpreter(options: InterpreterOptions(), output: sink)
        return (interpreter.check(source: source, path: "c.isc"), sink)
    }

    func lines(_ sink: CaptureSink) -> [String] {
        sink.standardOutput.split(separator: "\n").map(String.init)
    }

    /// Every kind of priced call, each read through its builtin's own parameters: recorded
    /// probes times their measurements, a β list's length, the bound's draws over both data
    /// sets, the runners' runs; a computed argument makes the line say so.
    func testEveryPricedCallReadsItsOwnArguments() {
        let source = """
            network m { input [2]; dense(16) relu; dense(3) }
            network g { input [1, 28, 28]; flatten; dense(8) relu; dense(10) }
            let d = blobs(300, seed: 0)
            let t = blobs(100, seed: 1)
            let net = m()
            let p = fisher_trace(on: t, samples: 50)
            train(net, on: d, epochs: 2, batch: 16, probes: [p, info_in_weights(t, beta: 1e-3)], every: "10 steps")
            print hessian_eigenvalues(net, on: d, k: 2).total
            print beta_sweep(net, d, betas: [1e-3, 1e-2, 1e-1], steps: 50).total
            print pac_bayes_bound(net, d, test: t, beta: 1e-3, steps: 50, draws: 10).total
            print invariance(net, d, layer: "dense1", nuisance: "position").total
            batch_size_sweep(g, on: glyphs(200, seed: 0), sizes: [16, 64], epochs: 1, fisher_samples: 50, seed: 0)
            critical_period(g, on: glyphs(200, seed: 0), lengths: [0, 1], clean: 1, seed: 0)
            let n = 5
            print fisher_trace(net, on: d, samples: n).total

            """
        let (outcome, sink) = check(source)
        XCTAssertEqual(outcome, .success, sink.standardError)
        let expected = [
            "line 7: train (2 epochs of 300 samples, batch 16)",
            // 2 epochs of 19 steps: before training, then every 10 steps.
            "line 7: fisher_trace recorded 4 times by train (Fisher trace, Monte Carlo, 50 inputs)",
            "line 7: info_in_weights recorded 4 times by train (exact eigen-decomposition of the 99×99 Fisher)",
            "line 8: hessian_eigenvalues (Lanczos, 20 steps on 300 inputs)",
            "line 9: beta_sweep (3 values of β, variational, 50 steps × 8 pairs on 300 inputs)",
            "line 10: pac_bayes_bound (variational, 50 steps × 8 pairs on 300 inputs + 10 passes over 400 inputs, fresh weights per block)",
            "line 11: invariance (Gaussian class-conditional, 300 rows × 18 values, 3 classes)",
            "line 12: batch_size_sweep (2 runs of 1 epochs)",
            "line 13: critical_period (2 runs, 3 epochs in all)",
            "line 15: fisher_trace: cost unknown until the script runs (the sample count is computed)",
        ]
        for text in expected {
            XCTAssertTrue(lines(sink).contains { $0.contains(text) }, "missing \(text) in\n\(sink.standardOutput)")
        }
    }

    /// A name a function assigns to may hold anything after a call: its members are not
    /// judged. Without the function, the same member is refused.
    func testNamesAFunctionAssignsAreNotJudged() {
        let run = """
            network m { input [2]; dense(3) }
            var r = train(m(), on: blobs(30, seed: 0), epochs: 1, seed: 0)

            """
        let (plain, plainSink) = check(run + "print r.size\n")
        XCTAssertEqual(plain, .compileError, plainSink.standardOutput)
        XCTAssertTrue(plainSink.standardError.contains("run has no member 'size'"), plainSink.standardError)
        let (outcome, sink) = check(run + "fn swap() { r = blobs(10, seed: 0) }\nswap()\nprint r.size\n")
        XCTAssertEqual(outcome, .success, sink.standardError)
        let (lambda, lambdaSink) = check(run + "let swap = fn() { r = blobs(10, seed: 0) }\nswap()\nprint r.size\n")
        XCTAssertEqual(lambda, .success, lambdaSink.standardError)
    }

    /// merge_classes keeps every sample when its groups hold every class, so check still knows
    /// the size; leaving a class out makes the size a run-time fact.
    func testMergedClassesKeepTheSizeWhenEveryClassIsListed() {
        let source = """
            network m { input [1, 28, 28]; flatten; dense(2) }
            train(m(), on: glyphs(100, seed: 0) |> merge_classes([[0, 1, 2, 3, 4], [5, 6, 7, 8, 9]]), epochs: 1)
            train(m(), on: glyphs(100, seed: 0) |> merge_classes([[0, 1], [2, 3]]), epochs: 1)

            """
        let (outcome, sink) = check(source)
        XCTAssertEqual(outcome, .success, sink.standardError)
        XCTAssertTrue(lines(sink).contains { $0.contains("line 2: train (1 epoch of 100 samples") }, sink.standardOutput)
        XCTAssertTrue(lines(sink).contains { $0.contains("line 3: train: cost unknown until the script runs (the size of the training data is computed)") },
                      sink.standardOutput)
    }

    /// A standard dataset's sample count comes from its files, not from the published size: a
    /// 3-image CIFAR-10 folder and a 5-image MNIST folder (their label file's header says so).
    func testStandardDatasetsAreCountedFromTheirFiles() throws {
        let folder = NSTemporaryDirectory() + "check-sizes-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder + "/cifar10", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: folder + "/mnist", withIntermediateDirectories: true)
        try Data(count: 3 * 3073).write(to: URL(fileURLWithPath: folder + "/cifar10/data_batch_1.bin"))
        try Data([0, 0, 8, 1, 0, 0, 0, 5] + [UInt8](repeating: 0, count: 5))
            .write(to: URL(fileURLWithPath: folder + "/mnist/train-labels-idx1-ubyte"))
        try Data([0, 0, 8, 3, 0, 0, 0, 5, 0, 0, 0, 1, 0, 0, 0, 1] + [UInt8](repeating: 0, count: 5))
            .write(to: URL(fileURLWithPath: folder + "/mnist/train-images-idx3-ubyte"))
        let source = """
            network c { input [3, 32, 32]; flatten; dense(10) }
            network m { input [1, 28, 28]; flatten; dense(10) }
            train(c(), on: cifar10("train", path: "\(folder)/cifar10"), epochs: 1)
            train(m(), on: mnist(path: "\(folder)/mnist"), epochs: 1)

            """
        let (outcome, sink) = check(source)
        XCTAssertEqual(outcome, .success, sink.standardError)
        let out = lines(sink)
        XCTAssertTrue(out.contains { $0.contains("line 3: train (1 epoch of 3 samples") }, sink.standardOutput)
        XCTAssertTrue(out.contains { $0.contains("line 4: train (1 epoch of 5 samples") }, sink.standardOutput)
    }

    func testTrainAndProbeCallsGetOneLineEach() {
        let source = """
            network mlp(width = 32) {
                input [1, 12, 12]
                flatten
                dense(width) relu
                dense(10)
            }
            schedule quick {
                optimizer sgd(lr: 0.1)
                batch 32
                epochs 4
            }
            let data = glyphs(600, seed: 0, size: 12) |> normalize
            let net = mlp()
            let run = train(net, on: data, with: quick, eval: glyphs(100, seed: 1, size: 12))
            print fisher_trace(net, on: data, samples: 200, exact: true).total
            let info = info_in_weights(net, data: data |> subset(50), beta: 0.01, lambda: 1, curvature: "diagonal")
            print "never runs"

            """
        let (outcome, sink) = check(source)
        XCTAssertEqual(outcome, .success, sink.standardError)
        let out = lines(sink)
        XCTAssertFalse(sink.standardOutput.contains("never runs"))
        guard let start = out.firstIndex(where: { $0.hasPrefix("  estimated cost (nothing runs; memory limit ") }), out.count == start + 4 else {
            return XCTFail(sink.standardOutput)
        }
        XCTAssertTrue(out[start + 1].hasPrefix("  line 14: train (4 epochs of 600 samples, batch 32): about "), out[start + 1])
        XCTAssertTrue(out[start + 2].hasPrefix("  line 15: fisher_trace (Fisher trace, exact over 10 classes, 200 inputs): about "), out[start + 2])
        XCTAssertTrue(out[start + 3].hasPrefix("  line 16: info_in_weights (Fisher diagonal (upper bound)): about "), out[start + 3])
        XCTAssertTrue(out[start + 3].contains("peak "), out[start + 3])
    }

    /// A request the run would refuse before any work (an estimator over its size limit) is an
    /// error of check, naming the estimators that would do.
    func testAnExactCurvatureOverItsLimitIsAnError() {
        let source = """
            network wide { input [4000]; dense(1000) }
            let data = blobs(100, classes: 3, dimensions: 4000, seed: 0)
            info_in_weights(wide(), data: data, beta: 0.01, lambda: 1, curvature: "full")

            """
        let (outcome, sink) = check(source)
        XCTAssertEqual(outcome, .compileError)
        XCTAssertTrue(sink.standardError.contains("c.isc:3:1: error: info_in_weights: the exact eigen-decomposition takes at most 2000 "
                                                  + "weights; the model has 4001000 — use curvature: \"block\", curvature: \"diagonal\" "
                                                  + "or curvature: \"lanczos\""), sink.standardError)
    }

    func testComputedValuesMakeTheCostUnknown() {
        let source = """
            network small { input [2]; dense(3) }
            fn make() {
                return small()
            }
            let data = blobs(50, seed: 0)
            fisher_trace(make(), on: data)
            for i in [1, 2] {
                let d = blobs(10 * i, seed: i)
                train(small(), on: d, epochs: 1)
                fisher_trace(small(), on: data, samples: 20)
            }

            """
        let (outcome, sink) = check(source)
        XCTAssertEqual(outcome, .success, sink.standardError)
        let out = lines(sink)
        XCTAssertTrue(out.contains("  line 6: fisher_trace: cost unknown until the script runs (the network is computed)"), sink.standardOutput)
        XCTAssertTrue(out.contains("  line 9 (in a loop, each time): train: cost unknown until the script runs (the size of the training data is computed)"),
                      sink.standardOutput)
        XCTAssertTrue(out.contains { $0.hasPrefix("  line 10 (in a loop, each time): fisher_trace (Fisher trace, Monte Carlo, 20 inputs)") },
                      sink.standardOutput)
    }

    func testProbesRecordedByTrainAreCountedPerMeasurement() {
        let source = """
            network mlp { input [1, 12, 12]; flatten; dense(32) relu; dense(10) }
            let data = glyphs(600, size: 12)
            probe fisher = fisher_trace(on: data, samples: 100)
            let trace = hessian_trace(on: data, probes: 10)
            let run = train(mlp(), on: data, epochs: 4, probes: [fisher, trace], every: 2)
            let again = train(mlp(), on: data, epochs: 4, probes: [fisher])
            let steps = train(mlp(), on: data, epochs: 2, batch: 100, probes: [fisher], every: "4 steps")

            """
        let (outcome, sink) = check(source)
        XCTAssertEqual(outcome, .success, sink.standardError)
        let out = lines(sink)
        XCTAssertTrue(out.contains { $0.hasPrefix("  line 5: fisher_trace recorded 3 times by train (Fisher trace, Monte Carlo, 100 inputs): about ") },
                      sink.standardOutput)
        XCTAssertTrue(out.contains { $0.hasPrefix("  line 5: hessian_trace recorded 3 times by train (Hutchinson trace, 10 probes on 600 inputs)") },
                      sink.standardOutput)
        XCTAssertTrue(out.contains { $0.hasPrefix("  line 6: fisher_trace recorded 5 times by train") }, sink.standardOutput)
        // 600 samples in batches of 100 for 2 epochs: 12 steps, measured before and after steps 4, 8, 12.
        XCTAssertTrue(out.contains { $0.hasPrefix("  line 7: fisher_trace recorded 4 times by train") }, sink.standardOutput)
        XCTAssertFalse(out.contains { $0.hasPrefix("  line 4:") }, "a probe value without a network does not run where it is made")
    }

    func testLiteralDatasetsAreCountedAndUnknownSizesSaySo() {
        let source = """
            network logistic { input [2]; dense(1, bias: false) }
            let t1 = dataset(x: [[1, 2], [-1, 0.5], [0.5, -1], [2, 1]], y: [1, 0, 1, 1])
            fisher_trace(logistic(), on: t1, exact: true)
            fisher_trace(logistic(), on: load_csv("Tests/LanguageTests/Scripts/loaders/_files/points.csv"), samples: 300)
            info_in_weights(t1, beta: 0.1)
            info_in_weights(logistic(), t1, beta: 0.1, curvature: "full")

            """
        let (outcome, sink) = check(source)
        XCTAssertEqual(outcome, .success, sink.standardError)
        let out = lines(sink)
        XCTAssertTrue(out.contains { $0.hasPrefix("  line 3: fisher_trace (Fisher trace, exact over 2 classes, 4 inputs): about 80 FLOP, under 1 ms") },
                      sink.standardOutput)
        XCTAssertTrue(out.contains { $0.hasPrefix("  line 4: fisher_trace (Fisher trace, Monte Carlo, 300 inputs)")
                && $0.hasSuffix("(counted at 300 inputs; the data's size is known when the script runs)") }, sink.standardOutput)
        XCTAssertFalse(out.contains { $0.hasPrefix("  line 5:") }, "a dataset in the network's place makes a probe value")
        XCTAssertTrue(out.contains { $0.hasPrefix("  line 6: info_in_weights (exact eigen-decomposition of the 2×2 Fisher)") }, sink.standardOutput)
    }

    /// A name given a new value is no longer known to hold the old one: no member or fit error
    /// is made up from what it held before.
    func testAReassignedNameIsForgotten() {
        let (outcome, sink) = check("var d = glyphs(10, seed: 0)\nd = [1, 2]\nprint d.count\n")
        XCTAssertEqual(outcome, .success, sink.standardError)
    }

    func testScriptsWithoutProbesOrTrainingPrintNoCostSection() {
        let (outcome, sink) = check("network n { input [2]; dense(3) }\nlet x = n()\n")
        XCTAssertEqual(outcome, .success)
        XCTAssertFalse(sink.standardOutput.contains("estimated cost"), sink.standardOutput)
    }
}
