import XCTest
import TensorRuntime
@testable import Probes

/// P6.
final class HessianProbeTests: XCTestCase {
    private func gradient(_ op: CurvatureOperator<Double>, at w: [Double]) throws -> [Double] {
        let values = try op.unflatten(w).map { $0.variable() }
        let loss = try op.model.meanLoss(op.data, values: values, probe: "test")
        return try op.flatten(try loss.gradients(withRespectTo: values))
    }

    func testHVPMatchesFiniteDifferenceOfGradients() throws {
        let (model, data) = try Fixtures.mlp(seed: 2, samples: 12)
        let op = try CurvatureOperator(model: model, data: data)
        let w = try op.flatWeights()
        let v = HessianProbe.rademacher(op.dimension, RandomStream(seed: 4))
        let hv = try op.hessianVectorProduct(v)
        // Central differences with ε = 1e-5 in Double: truncation O(ε²·‖∇³L‖) and rounding O(1e-16/ε) ≈ 1e-11, so 1e-6.
        let eps = 1e-5
        let up = try gradient(op, at: zip(w, v).map { $0 + eps * $1 })
        let down = try gradient(op, at: zip(w, v).map { $0 - eps * $1 })
        for i in 0..<op.dimension { XCTAssertEqual(hv[i], (up[i] - down[i]) / (2 * eps), accuracy: 1e-6) }
    }

    func testGapIsZeroForLogisticRegressionAndNotForTanhNet() throws {
        let (t1, d1) = try Fixtures.t1()
        let op1 = try CurvatureOperator(model: t1, data: d1)
        let h = try op1.matrix(probe: "test", op1.hessianVectorProduct)
        for (got, want) in zip(h.elements, [0.365666, 0.163983, 0.163983, 0.316241]) { XCTAssertEqual(got, want, accuracy: 1e-6) }
        // Exactly 0 in exact arithmetic; Double rounding of both products leaves ~1e-16.
        XCTAssertEqual(try HessianProbe.fisherGap(op1, exactMaxParameters: 10, probes: 0, seed: 0).value, 0, accuracy: 1e-12)
        let (net, data) = try Fixtures.mlp(seed: 2, samples: 12)
        let op = try CurvatureOperator(model: net, data: data)
        let exactGap = try HessianProbe.fisherGap(op, exactMaxParameters: 100, probes: 0, seed: 0)
        XCTAssertTrue(exactGap.exact)
        XCTAssertGreaterThan(exactGap.value, 0.01)
        // The stochastic gap is a ratio of Hutchinson means: 400 probes give it to about 10%.
        let stochastic = try HessianProbe.fisherGap(op, exactMaxParameters: 0, probes: 400, seed: 3)
        XCTAssertFalse(stochastic.exact)
        XCTAssertEqual(stochastic.value, exactGap.value, accuracy: 0.15 * exactGap.value)
    }

    func testTraceAndTopEigenvaluesAgainstExactMatrix() throws {
        let (net, data) = try Fixtures.mlp(seed: 8, samples: 20)
        let op = try CurvatureOperator(model: net, data: data)
        let exact = try op.matrix(probe: "test", op.hessianVectorProduct)
        let values = try SymmetricEigen.eigenvalues(of: exact)
        let trace = (0..<op.dimension).reduce(0) { $0 + exact[$1, $1] }
        var options = HessianOptions()
        options.probes = 200
        options.lanczosSteps = op.dimension
        let r = try HessianProbe.summarize(net, on: data, options: options)
        // 4 standard errors: a false failure for this fixed seed is about 6e-5 likely.
        XCTAssertEqual(r.trace, trace, accuracy: 4 * r.traceStandardError)
        // k Lanczos steps with full re-orthogonalisation: the Ritz values are the eigenvalues to rounding.
        for (ritz, value) in zip(r.top, values.reversed()) { XCTAssertEqual(ritz.value, value, accuracy: 1e-8 * max(1, abs(value))) }
        XCTAssertTrue(r.text.contains("Hutchinson"))
        XCTAssertThrowsError(try HessianProbe.hutchinsonTrace(op, probes: 1, seed: 0))
    }
}

/// Chunked curvature products.
final class CurvatureChunkingTests: XCTestCase {
    func testChunkedProductsEqualOneBatchRouteForMoreThanAChunk() throws {
        // 300 inputs in chunks of 256: one full chunk and a partial one.
        let (model, data) = try Fixtures.mlp(seed: 6, samples: 300)
        let op = try CurvatureOperator(model: model, data: data, chunkSize: 256)
        XCTAssertEqual(try CurvatureOperator(model: model, data: data).chunkSize, 300, "all inputs fit one chunk by default")
        let v = HessianProbe.rademacher(op.dimension, RandomStream(seed: 1))
        let fv = try op.fisherVectorProduct(v)
        // Reference: F v from the exact per-sample Fisher matrix (a different route entirely).
        let f = try op.fisherMatrixFromGradients(empirical: false)
        let reference = try f.multiplied(by: v)
        // Different summation orders in Double: 1e-9 absolute on entries of order 1.
        for (a, b) in zip(fv, reference) { XCTAssertEqual(a, b, accuracy: 1e-9) }
        let trace = try FisherProbe.estimate(model, on: data, estimator: .exact).total
        XCTAssertEqual((0..<op.dimension).reduce(0) { $0 + f[$1, $1] }, trace, accuracy: 1e-9 * trace)
    }

    func testRecordedOneChunkHessianProductsEqualChunkedProducts() throws {
        let (model, data) = try Fixtures.mlp(seed: 7, samples: 300)
        let chunked = try CurvatureOperator(model: model, data: data, chunkSize: 256)
        let whole = try CurvatureOperator(model: model, data: data)
        // The one-chunk operator records its gradient graph on the first product and reuses it:
        // every later vector must still get its own product, equal to the chunked route's.
        for seed in 1...3 {
            let v = HessianProbe.rademacher(whole.dimension, RandomStream(seed: UInt64(seed)))
            let a = try whole.hessianVectorProduct(v), b = try chunked.hessianVectorProduct(v)
            XCTAssertEqual(a.count, whole.dimension)
            for (x, y) in zip(a, b) { XCTAssertEqual(x, y, accuracy: 1e-9 * max(1, abs(y))) }
        }
        XCTAssertThrowsError(try CurvatureOperator(model: model, data: data, chunkSize: 0))
    }
}
