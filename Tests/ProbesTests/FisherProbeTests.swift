import XCTest
import TensorRuntime
@testable import Probes

/// P1. Closed forms are computed in Double: an absolute 1e-6 covers the 6 digits of docs/probe-formulas.md, T1 and T2.
final class FisherProbeTests: XCTestCase {
    func testT1TraceIsClosedFormForEveryEstimatorRoute() throws {
        let (model, data) = try Fixtures.t1()
        for method in [PerSampleMethod.batched, .sampleLoop] {
            let r = try FisherProbe.estimate(model, on: data, estimator: .exact, diagonal: true, method: method)
            XCTAssertEqual(r.method, method)
            XCTAssertEqual(r.total, 0.681908, accuracy: 1e-6)
            XCTAssertEqual(r.diagonal?[0][0] ?? 0, 0.365666, accuracy: 1e-6)
            XCTAssertEqual(r.diagonal?[0][1] ?? 0, 0.316241, accuracy: 1e-6)
            XCTAssertNil(r.standardError)
        }
    }

    func testT1FisherAndEmpiricalFisherMatrices() throws {
        let (model, data) = try Fixtures.t1()
        let op = try CurvatureOperator(model: model, data: data)
        let f = try op.fisherMatrixFromGradients(empirical: false)
        let gn = try op.matrix(probe: "test", op.fisherVectorProduct)
        let emp = try op.fisherMatrixFromGradients(empirical: true)
        let expected = [0.365666, 0.163983, 0.163983, 0.316241]
        let expectedEmp = [0.45134, 0.393334, 0.393334, 0.661559]
        for i in 0..<4 {
            XCTAssertEqual(f.elements[i], expected[i], accuracy: 1e-6)
            XCTAssertEqual(gn.elements[i], expected[i], accuracy: 1e-6)
            XCTAssertEqual(emp.elements[i], expectedEmp[i], accuracy: 1e-6)
        }
        let empirical = try FisherProbe.estimate(model, on: data, estimator: .empirical, diagonal: true)
        XCTAssertEqual(empirical.total, 0.45134 + 0.661559, accuracy: 1e-6)
        XCTAssertTrue(empirical.text.contains("EMPIRICAL"))
    }

    func testT2TraceAndRank() throws {
        let (model, data) = try Fixtures.t2()
        let r = try FisherProbe.estimate(model, on: data, estimator: .exact)
        XCTAssertEqual(r.total, 2.031474, accuracy: 1e-6)
        let op = try CurvatureOperator(model: model, data: data)
        let values = try SymmetricEigen.eigenvalues(of: op.fisherMatrixFromGradients(empirical: false))
        // Rank: eigenvalues above 1e-10 × the largest (rounding in Double is ~1e-16 relative).
        let largest = values.max() ?? 0
        XCTAssertEqual(values.filter { $0 > 1e-10 * largest }.count, 6)
        XCTAssertEqual(values.reduce(0, +), 2.031474, accuracy: 1e-6)
    }

    func testT9SquaredBatchMeanGradientIsAboutTraceOverB() throws {
        let (model, data) = try Fixtures.t1()
        let trace = try FisherProbe.estimate(model, on: data, estimator: .exact).total
        let pitfall = try FisherProbe.squaredMeanGradient(model, on: data, batchSize: 4, draws: 4000, seed: 2)
        // E‖mean g‖² = tr F / B exactly when labels come from the model; 4 standard errors of the
        // draw average (false failure ≈ 6e-5), and far from tr F itself.
        XCTAssertEqual(pitfall.value, trace / 4, accuracy: 4 * pitfall.standardError)
        XCTAssertLessThan(pitfall.value, trace / 2)
    }

    func testMonteCarloWithinStandardErrorsOfExact() throws {
        let (model, data) = try Fixtures.mlp(seed: 3, samples: 400)
        let exact = try FisherProbe.estimate(model, on: data, estimator: .exact)
        let mc = try FisherProbe.estimate(model, on: data, estimator: .monteCarlo(seed: 11))
        let se = try XCTUnwrap(mc.standardError)
        XCTAssertGreaterThan(se, 0)
        // 4 standard errors: a false failure has probability about 6e-5 for a fixed seed.
        XCTAssertEqual(mc.total, exact.total, accuracy: 4 * se)
        XCTAssertTrue(mc.text.contains("±"))
        XCTAssertTrue(mc.text.contains("seed 11"))
    }

    func testBatchedEqualsLoopPerTensorAndDiagonal() throws {
        for relu in [false, true] {
            let (model, data) = try Fixtures.mlp(seed: 5, relu: relu)
            let fast = try FisherProbe.estimate(model, on: data, estimator: .exact, diagonal: true, method: .batched, chunkSize: 7)
            let slow = try FisherProbe.estimate(model, on: data, estimator: .exact, diagonal: true, method: .sampleLoop)
            XCTAssertEqual(fast.method, .batched)
            // Same sums in different order, Double: 1e-9 relative.
            for (a, b) in zip(fast.tensors, slow.tensors) { XCTAssertEqual(a.trace, b.trace, accuracy: 1e-9 * max(1, b.trace)) }
            for (a, b) in zip(fast.diagonal ?? [], slow.diagonal ?? []) {
                XCTAssertEqual(a.count, b.count)
                for (x, y) in zip(a, b) { XCTAssertEqual(x, y, accuracy: 1e-9) }
            }
            XCTAssertEqual(fast.layers.map(\.share).reduce(0, +), 1, accuracy: 1e-12)
        }
    }

    func testUntappedModelFallsBackToLoopAndSaysSo() throws {
        let (model, data) = try Fixtures.mlp(seed: 5, taps: false)
        let r = try FisherProbe.estimate(model, on: data, estimator: .exact)
        XCTAssertEqual(r.method, .sampleLoop)
        XCTAssertTrue(r.text.contains("one backward pass per sample"))
    }

    func testRendersTableCSVAndJSON() throws {
        let (model, data) = try Fixtures.mlp(seed: 1)
        let r = try FisherProbe.estimate(model, on: data, estimator: .exact)
        let lines = r.text.split(separator: "\n")
        XCTAssertTrue(lines[0].hasPrefix("Fisher information, trace"))
        XCTAssertTrue(r.text.contains("hidden.bias"))
        XCTAssertEqual(r.csv.split(separator: "\n").first, "level,name,tr F,share")
        XCTAssertEqual(r.csv.split(separator: "\n").count, 1 + 2 + 4 + 1)
        XCTAssertTrue(r.json.contains("\"name\": \"out\""))
        let object = try JSONSerialization.jsonObject(with: Data(r.json.utf8)) as? [String: Any]
        XCTAssertEqual((object?["rows"] as? [Any])?.count, 7)
    }

    func testBadRequestsThrowClearErrors() throws {
        let (model, data) = try Fixtures.t2()
        let badLabels = try ProbeData(inputs: data.inputs, labels: [0, 1, 3])
        XCTAssertThrowsError(try FisherProbe.estimate(model, on: badLabels, estimator: .exact)) { error in
            XCTAssertTrue("\(error)".contains("label 3 of sample 2 is outside 0..<3"), "\(error)")
        }
        let badShape = try ProbeData(inputs: Tensor<Double>.zeros([3, 5]), labels: [0, 1, 2])
        XCTAssertThrowsError(try FisherProbe.estimate(model, on: badShape, estimator: .exact)) { error in
            XCTAssertTrue("\(error)".contains("forward pass failed"), "\(error)")
        }
        XCTAssertThrowsError(try ProbeData(inputs: data.inputs, labels: [0]))
        XCTAssertThrowsError(try model.layer(named: "conv9", probe: "fisher_trace")) { error in
            XCTAssertEqual("\(error)", "fisher_trace: unknown layer 'conv9'; layers are 'dense'")
        }
        let op = try CurvatureOperator(model: model, data: data)
        XCTAssertThrowsError(try op.matrix(maxParameters: 4, probe: "hessian", op.hessianVectorProduct)) { error in
            XCTAssertTrue("\(error)".contains("limit is 4 weights"), "\(error)")
        }
    }
}

/// P1 on convolutions and in Float.
final class FisherConvolutionTests: XCTestCase {
    func testConvBatchedNormsEqualLoop() throws {
        let (model, data) = try Fixtures.cnn(Double.self, seed: 4)
        let fast = try FisherProbe.estimate(model, on: data, estimator: .exact, method: .batched)
        let slow = try FisherProbe.estimate(model, on: data, estimator: .exact, method: .sampleLoop)
        XCTAssertEqual(fast.method, .batched)
        // Same sums in a different order, in Double: 1e-9 relative.
        for (a, b) in zip(fast.tensors, slow.tensors) { XCTAssertEqual(a.trace, b.trace, accuracy: 1e-9 * max(1, b.trace)) }
        // Conv taps give the trace batched, but the diagonal only through the loop (said in the result).
        let diag = try FisherProbe.estimate(model, on: data, estimator: .exact, diagonal: true)
        XCTAssertEqual(diag.method, .sampleLoop)
        XCTAssertEqual(diag.total, fast.total, accuracy: 1e-9 * fast.total)
        XCTAssertEqual(diag.diagonal?.flatMap { $0 }.reduce(0, +) ?? 0, fast.total, accuracy: 1e-9 * fast.total)
    }

    func testFloatModelMatchesDouble() throws {
        let (d, dd) = try Fixtures.cnn(Double.self, seed: 9, samples: 20)
        let (f, fd) = try Fixtures.cnn(Float.self, seed: 9, samples: 20)
        let exact = try FisherProbe.estimate(d, on: dd, estimator: .exact).total
        let fast = try FisherProbe.estimate(f, on: fd, estimator: .exact).total
        // The same draws rounded to Float (~6e-8 relative) through a few dozen operations: 1e-4 relative.
        XCTAssertEqual(fast, exact, accuracy: 1e-4 * exact)
    }

    func testLayerSelectionRefusesUnknownNames() throws {
        let (model, data) = try Fixtures.cnn(Double.self, seed: 4)
        let r = try FisherProbe.estimate(model, on: data, estimator: .exact, layers: ["dense"])
        XCTAssertEqual(r.layers.map(\.name), ["dense"])
        XCTAssertEqual(r.tensors.map(\.name), ["dense.weight", "dense.bias"])
        XCTAssertThrowsError(try FisherProbe.estimate(model, on: data, estimator: .exact, layers: ["fc"])) {
            XCTAssertEqual("\($0)", "fisher_trace: unknown layer 'fc'; layers are 'conv', 'dense'")
        }
    }
}
