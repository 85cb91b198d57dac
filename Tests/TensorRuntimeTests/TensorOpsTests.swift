import XCTest
import Foundation
@testable import TensorRuntime
import TensorKernels

/// Forward values of tensor operations.
final class TensorOpsTests: XCTestCase {
    func testCreation() throws {
        XCTAssertEqual(try Tensor<Float>.zeros([2, 2]).scalars, [0, 0, 0, 0])
        XCTAssertEqual(try Tensor<Double>.ones([3]).scalars, [1, 1, 1])
        XCTAssertEqual(try Tensor<Double>.full([1, 2], 7).shape, [1, 2])
        XCTAssertEqual(try Tensor<Double>.arange(0, 1, step: 0.25).scalars, [0, 0.25, 0.5, 0.75])
        XCTAssertEqual(try Tensor<Double>.arange(3, 0, step: -1).scalars, [3, 2, 1])
        XCTAssertEqual(try Tensor<Double>.arange(3, 0).count, 0)
        XCTAssertEqual(try Tensor<Float>.eye(2).scalars, [1, 0, 0, 1])
        XCTAssertEqual(try Tensor<Float>.oneHot([2, 0], classes: 3).scalars, [0, 0, 1, 1, 0, 0])
        XCTAssertEqual(try Tensor<Double>(rows: [[1, 2], [3, 4]]).shape, [2, 2])
        XCTAssertEqual(try Tensor<Float>(2.5).scalar(), 2.5)
        XCTAssertEqual(try Tensor<Double>([1.5, -2]).cast(to: Float.self).scalars, [1.5, -2])
        XCTAssertEqual(try Tensor<Float>([0.1, 3]).cast(to: Double.self).scalars, [Double(Float(0.1)), 3])
        XCTAssertEqual(try Tensor<Float>([0.1, 3]).cast(to: Float.self).scalars, [0.1, 3])
        XCTAssertEqual("\(try Tensor<Float>([1, 2]))", "Tensor<Float32>[2] [1.0, 2.0]")
    }

    func testBroadcastingArithmetic() throws {
        let a = try Tensor<Float>(rows: [[1, 2, 3], [4, 5, 6]])
        XCTAssertEqual(try (a + Tensor([10, 20, 30])).scalars, [11, 22, 33, 14, 25, 36])
        XCTAssertEqual(try (a * Tensor(shape: [2, 1], scalars: [1, -1])).scalars, [1, 2, 3, -4, -5, -6])
        XCTAssertEqual(try (Tensor<Float>(shape: [3, 1], scalars: [1, 2, 3]) - Tensor([1, 2])).shape, [3, 2])
        XCTAssertEqual(try (Tensor<Float>(shape: [3, 1], scalars: [1, 2, 3]) - Tensor([1, 2])).scalars, [0, -1, 1, 0, 2, 1])
        XCTAssertEqual(try (a / 2).scalars, [0.5, 1, 1.5, 2, 2.5, 3])
        XCTAssertEqual(try (1 - a).scalars, [0, -1, -2, -3, -4, -5])
        XCTAssertEqual(try a.pow(2).scalars, [1, 4, 9, 16, 25, 36])
        XCTAssertEqual(try a.greater(Tensor(3)).scalars, [0, 0, 0, 1, 1, 1])
        XCTAssertEqual(try a.equal(Tensor([1, 0, 3])).scalars, [1, 0, 1, 0, 0, 0])
        let picked = try Tensor.select(try a.lessEqual(Tensor(2)), a, Tensor(-1))
        XCTAssertEqual(picked.scalars, [1, 2, -1, -1, -1, -1])
        XCTAssertEqual(try a.maximum(Tensor([2, 2, 7])).scalars, [2, 2, 7, 4, 5, 7])
    }

    func testUnaryValues() throws {
        let x = try Tensor<Double>([-2, -0.5, 0, 1.5])
        XCTAssertEqual(try x.relu().scalars, [0, 0, 0, 1.5])
        XCTAssertEqual(try x.leakyRelu(slope: 0.1).scalars, [-0.2, -0.05, 0, 1.5])
        XCTAssertEqual(try x.abs().scalars, [2, 0.5, 0, 1.5])
        XCTAssertEqual(try x.sign().scalars, [-1, -1, 0, 1])
        assertClose(try x.sigmoid().scalars, x.scalars.map { 1 / (1 + Foundation.exp(-$0)) }, 1e-15)
        // GELU(1) = Phi(1) = 0.8413447460685429; GELU(-2) = -2 Phi(-2).
        assertClose(try Tensor<Double>([1, -2]).gelu().scalars, [0.8413447460685429, -2 * 0.022750131948179195], 1e-14)
        // Sigmoid and relu must not overflow or turn -inf into NaN.
        let extreme = try Tensor<Float>([-1000, 1000, -.infinity, .nan])
        XCTAssertEqual(try extreme.sigmoid().scalars.prefix(3), [0, 1, 0])
        let relu = try extreme.relu().scalars
        XCTAssertEqual(Array(relu.prefix(3)), [0, 1000, 0])
        XCTAssertTrue(relu[3].isNaN, "relu keeps NaN visible")
    }

    func testReductions() throws {
        let x = try Tensor<Double>(shape: [2, 3], scalars: [1, 5, 3, -4, 2, 6])
        XCTAssertEqual(try x.sum().scalar(), 13)
        XCTAssertEqual(try x.sum(axes: [0]).scalars, [-3, 7, 9])
        XCTAssertEqual(try x.sum(axes: [1], keepingDims: true).shape, [2, 1])
        XCTAssertEqual(try x.mean(axes: [-1]).scalars, [3, 4 / 3])
        XCTAssertEqual(try x.max(axes: [1]).scalars, [5, 6])
        XCTAssertEqual(try x.argmax(axis: 1), [1, 2])
        XCTAssertEqual(try x.argmax(axis: 0), [0, 0, 1])
        assertClose(try x.logSumExp(axes: [1]).scalars,
                    [Foundation.log(Foundation.exp(1.0) + Foundation.exp(5.0) + Foundation.exp(3.0)),
                     Foundation.log(Foundation.exp(-4.0) + Foundation.exp(2.0) + Foundation.exp(6.0))], 1e-14)
        // Shifted by the max: no overflow at 1000.
        XCTAssertEqual(try Tensor<Float>([1000, 1000]).logSumExp().scalar(), 1000 + Float(Foundation.log(2.0)), accuracy: 1e-3)
    }

    func testFloatSumIsAccurateAndOrderFixed() throws {
        // 10^6 copies of 0.1: naive Float accumulation drifts by ~1%; Double accumulation does not.
        let x = try Tensor<Float>.full([1000, 1000], 0.1)
        XCTAssertEqual(Double(try x.sum().scalar()), 100_000, accuracy: 0.01)
        XCTAssertEqual(try x.sum(axes: [0]).scalars, try x.sum(axes: [0]).scalars)
    }

    func testLayout() throws {
        let x = try Tensor<Double>.arange(0, 6).reshaped([2, 3])
        XCTAssertEqual(try x.transposed().scalars, [0, 3, 1, 4, 2, 5])
        XCTAssertEqual(try x.reshaped([3, -1]).shape, [3, 2])
        XCTAssertEqual(try x.slice(axis: 1, start: 1, count: 2).scalars, [1, 2, 4, 5])
        XCTAssertEqual(try x.padded(axis: 0, before: 1, after: 0).scalars, [0, 0, 0, 0, 1, 2, 3, 4, 5])
        XCTAssertEqual(try Tensor.concatenate([x, x.slice(axis: 1, start: 0, count: 1)], axis: 1).scalars,
                       [0, 1, 2, 0, 3, 4, 5, 3])
        XCTAssertEqual(try Tensor.stack([x, x], axis: 1).shape, [2, 2, 3])
        XCTAssertEqual(try Tensor.stack([x, x], axis: 2).scalars, [0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5])
        XCTAssertEqual(try Tensor<Double>([1, 2]).broadcast(to: [2, 2]).scalars, [1, 2, 1, 2])
        let cube = try Tensor<Double>.arange(0, 24).reshaped([2, 3, 4])
        let permuted = try cube.permuted([2, 0, 1])
        XCTAssertEqual(permuted.shape, [4, 2, 3])
        XCTAssertEqual(permuted.scalars[1 * 6 + 1 * 3 + 2], cube.scalars[1 * 12 + 2 * 4 + 1])
        XCTAssertEqual(try x.gatherColumns([2, 0]).scalars, [2, 3])
        XCTAssertEqual(try x.selectRows([1, 1, 0]).scalars, [3, 4, 5, 3, 4, 5, 0, 1, 2])
    }

    func testGatherRowsFromABuffer() throws {
        let values: [Float] = (0..<12).map(Float.init)
        try values.withUnsafeBufferPointer { buffer in
            let rows = try Tensor<Float>.gatherRows([2, 0, 2], of: buffer, rowShape: [2, 2])
            XCTAssertEqual(rows.shape, [3, 2, 2])
            XCTAssertEqual(rows.scalars, [8, 9, 10, 11, 0, 1, 2, 3, 8, 9, 10, 11])
            XCTAssertFalse(rows.requiresGradient)
            XCTAssertThrowsError(try Tensor<Float>.gatherRows([3], of: buffer, rowShape: [4])) {
                XCTAssertEqual("\($0)", "gatherRows: row 3 is outside the 3 rows")
            }
            XCTAssertThrowsError(try Tensor<Float>.gatherRows([0], of: buffer, rowShape: [5])) {
                XCTAssertEqual("\($0)", "gatherRows: 12 values are not whole rows of shape [5]")
            }
        }
        // A gather large enough to run on the pool (≥ 64 Ki elements) gives the same rows.
        let wide = (0..<(40 * 2048)).map { Float($0 % 977) }
        let order = (0..<40).map { ($0 * 17) % 40 }
        let pool = WorkerPool(threadCount: 3)
        let parallel = try TensorThreading.withPool(pool) {
            try wide.withUnsafeBufferPointer { try Tensor<Float>.gatherRows(order, of: $0, rowShape: [2048]) }
        }
        let serial = try Tensor<Float>(shape: [40, 2048], scalars: wide).selectRows(order)
        XCTAssertEqual(parallel.scalars, serial.scalars)
    }

    func testMatmulAgainstReferenceInBothPrecisions() throws {
        var random = TestRandom(seed: 3)
        for (ta, tb) in [(false, false), (false, true), (true, false), (true, true)] {
            let a = random.tensor(ta ? [7, 5] : [5, 7]), b = random.tensor(tb ? [3, 7] : [7, 3])
            let product = try a.matmul(b, transposeSelf: ta, transposeOther: tb)
            let opA = ta ? try a.transposed() : a, opB = tb ? try b.transposed() : b
            var expected = [Double](repeating: 0, count: 15)
            for i in 0..<5 { for j in 0..<3 { for p in 0..<7 { expected[i * 3 + j] += opA.scalars[i * 7 + p] * opB.scalars[p * 3 + j] } } }
            assertClose(product.scalars, expected, 1e-14, "double \(ta) \(tb)")
            let single = try a.cast(to: Float.self).matmul(b.cast(to: Float.self), transposeSelf: ta, transposeOther: tb)
            assertClose(single.scalars, expected.map { Float($0) }, 1e-5, "float \(ta) \(tb)")
        }
        let batched = try random.tensor([2, 3, 4]).matmul(random.tensor([2, 4, 2]))
        XCTAssertEqual(batched.shape, [2, 3, 2])
    }

    func testFusedOpsMatchUnfusedCompositions() throws {
        var random = TestRandom(seed: 4)
        let x = random.floatTensor([6, 5]), w = random.floatTensor([5, 4]), b = random.floatTensor([4])
        let fused = try Tensor.dense(x, weight: w, bias: b, relu: true)
        let unfused = try (x.matmul(w) + b).relu()
        assertClose(fused.scalars, unfused.scalars, 1e-6, "dense")
        let logits = random.tensor([4, 3], -5, 5), labels = [2, 0, 1, 1]
        let fusedLoss = try Tensor.softmaxCrossEntropy(logits: logits, labels: labels).scalar()
        let unfusedLoss = try -(logits.logSoftmax(axis: 1).gatherColumns(labels).mean()).scalar()
        XCTAssertEqual(fusedLoss, unfusedLoss, accuracy: 1e-14)
        let lv = logits.variable(), lv2 = logits.variable()
        let g1 = try Tensor.softmaxCrossEntropy(logits: lv, labels: labels).gradient(withRespectTo: lv)
        let g2 = try (-(lv2.logSoftmax(axis: 1).gatherColumns(labels).mean())).gradient(withRespectTo: lv2)
        assertClose(g1.scalars, g2.scalars, 1e-14, "softmaxCrossEntropy gradient")
        // Huge logits stay finite.
        let huge = try Tensor<Float>(rows: [[1000, 0], [0, 1000]])
        XCTAssertEqual(try Tensor.softmaxCrossEntropy(logits: huge, labels: [0, 0]).scalar(), 500, accuracy: 1e-3)
    }

    func testReshapeSharesStorageAndOpsDoNotMutate() throws {
        let x = try Tensor<Float>([1, 2, 3, 4])
        let y = try x.reshaped([2, 2])
        XCTAssertTrue(x.storage === y.storage)
        _ = try x + x
        XCTAssertEqual(x.scalars, [1, 2, 3, 4])
    }

    func testRandomTensorsAreSeededAndHaveTheirMoments() throws {
        var s1 = RandomStream(seed: 42), s2 = RandomStream(seed: 42)
        let a = try Tensor<Float>.normal([10_000], mean: 1, standardDeviation: 2, using: &s1)
        let b = try Tensor<Float>.normal([10_000], mean: 1, standardDeviation: 2, using: &s2)
        XCTAssertEqual(a.scalars, b.scalars)
        // Mean 1 with standard error 2/100 = 0.02; 0.1 is five standard errors.
        XCTAssertEqual(Double(try a.mean().scalar()), 1, accuracy: 0.1)
        let u = try Tensor<Double>.uniform([10_000], low: -1, high: 3, using: &s1)
        XCTAssertTrue(u.scalars.allSatisfy { $0 >= -1 && $0 < 3 })
        XCTAssertEqual(try u.mean().scalar(), 1, accuracy: 0.1)
    }
}

/// Tensor operations in a `TensorThreading.withPool` scope give the same bits as without one.
final class TensorThreadingTests: XCTestCase {
    func testPoolScopeGivesIdenticalResults() throws {
        var random = TestRandom(seed: 8)
        let a = random.floatTensor([70, 300]), b = random.floatTensor([300, 90]), bias = random.floatTensor([90])
        let serial = try Tensor.dense(a, weight: b, bias: bias, relu: true)
        let pool = WorkerPool(threadCount: 2)
        let parallel = try TensorThreading.withPool(pool) {
            XCTAssertTrue(TensorThreading.pool === pool)
            return try Tensor.dense(a, weight: b, bias: bias, relu: true)
        }
        XCTAssertNil(TensorThreading.pool)
        XCTAssertEqual(serial.scalars, parallel.scalars)
    }
}

/// The spacing of Floats at `value` (its ulp), from bit patterns and in Float64. `Float.ulp` would
/// be computed in Float: just above the smallest normal the spacing is itself subnormal, and on a
/// thread that flushes subnormals to zero (`DenormalMode`, set by every worker pool) it came out 0.
private func floatSpacing(at value: Double) -> Double {
    let float = Float(value).magnitude
    return Double(Float(bitPattern: float.bitPattern + 1)) - Double(float)
}

/// The vectorised Float32 exponential, logistic and hyperbolic tangent against Float64.
final class TensorExpAccuracyTests: XCTestCase {
    func testExpAndTanhWithinAFewUlp() throws {
        // A dense sweep over the whole range where exp is a finite normal Float.
        let values = stride(from: Float(-87.3), through: 88.7, by: 0.0137).map { $0 }
        let got = try Tensor<Float>(values).exp().scalars
        for (x, y) in zip(values, got) {
            let exact = Foundation.exp(Double(x))
            let ulp = floatSpacing(at: exact)
            XCTAssertLessThanOrEqual(Swift.abs(Double(y) - exact), 2 * ulp, "exp(\(x)) = \(y), exact \(exact)")
        }
        let special = try Tensor<Float>([0, -0.0, 100, -100, .infinity, -.infinity, .nan, 88.72283, -87.33654]).exp().scalars
        XCTAssertEqual(special[0], 1)
        XCTAssertEqual(special[1], 1)
        XCTAssertEqual(special[2], .infinity)
        XCTAssertEqual(special[3], 0)
        XCTAssertEqual(special[4], .infinity)
        XCTAssertEqual(special[5], 0)
        XCTAssertTrue(special[6].isNaN)
        XCTAssertTrue(special[7].isFinite && special[7] > 3.4e38)
        XCTAssertEqual(Double(special[8]), Foundation.exp(-87.33654), accuracy: 1e-44)
        let tanhValues = stride(from: Float(-12), through: 12, by: 0.00173).map { $0 } + [1e-30, -1e-20, 1e-5]
        for (x, y) in zip(tanhValues, try Tensor<Float>(tanhValues).tanh().scalars) {
            let exact = Foundation.tanh(Double(x))
            XCTAssertLessThanOrEqual(Swift.abs(Double(y) - exact), 3 * Double(Float(exact).ulp), "tanh(\(x)) = \(y), exact \(exact)")
        }
        let tanhSpecial = try Tensor<Float>([.infinity, -.infinity, 100, -100, .nan, 0]).tanh().scalars
        XCTAssertEqual(Array(tanhSpecial.prefix(4)), [1, -1, 1, -1])
        XCTAssertTrue(tanhSpecial[4].isNaN)
        XCTAssertEqual(tanhSpecial[5], 0)
        let sigmoid = try Tensor<Float>([-200, -5, 0, 5, 200, .nan]).sigmoid().scalars
        XCTAssertEqual(Array(sigmoid.prefix(5)), [0, Float(1 / (1 + Foundation.exp(5.0))), 0.5, Float(1 / (1 + Foundation.exp(-5.0))), 1])
        XCTAssertTrue(sigmoid[5].isNaN)
    }
}

/// Empty dimensions give well-defined results rather than garbage or traps.
final class TensorEmptyShapeTests: XCTestCase {
    func testEmptyInnerDimensionAndEmptyBatches() throws {
        let a = try Tensor<Float>.zeros([2, 0]), b = try Tensor<Float>.zeros([0, 3])
        XCTAssertEqual(try a.matmul(b).scalars, [0, 0, 0, 0, 0, 0])
        XCTAssertEqual(try a.cast(to: Double.self).matmul(b.cast(to: Double.self)).scalars, [0, 0, 0, 0, 0, 0])
        let bias = try Tensor<Float>([1, -2, 3])
        XCTAssertEqual(try Tensor.dense(a, weight: b, bias: bias, relu: true).scalars, [1, 0, 3, 1, 0, 3])
        XCTAssertEqual(try Tensor<Float>.zeros([0, 3]).matmul(Tensor<Float>.ones([3, 2])).shape, [0, 2])
        let w = try Tensor<Float>.ones([3, 2]).variable()
        let emptyBatch = try Tensor.dense(try Tensor<Float>.zeros([0, 3]), weight: w, bias: nil, relu: true)
        XCTAssertEqual(try emptyBatch.sum().gradient(withRespectTo: w).scalars, [0, 0, 0, 0, 0, 0])
        XCTAssertEqual(try Tensor<Double>.zeros([0, 4]).sum(axes: [0]).scalars, [0, 0, 0, 0])
        XCTAssertEqual(try Tensor<Float>.zeros([0, 4]).relu().shape, [0, 4])
        XCTAssertEqual(try (Tensor<Float>.zeros([0, 4]) + Tensor<Float>.ones([4])).shape, [0, 4])
        XCTAssertEqual(try Tensor.concatenate([Tensor<Float>.zeros([0, 2]), Tensor<Float>.ones([1, 2])], axis: 0).scalars, [1, 1])
    }
}

/// Transposes larger than one tile, with ragged edges, against the index formula.
final class TensorTransposeTests: XCTestCase {
    func testTiledTransposeMatchesIndexFormula() throws {
        var random = TestRandom(seed: 12)
        let x = random.floatTensor([3, 70, 45])
        let t = try x.transposed()
        XCTAssertEqual(t.shape, [3, 45, 70])
        let (xs, ts) = (x.scalars, t.scalars)
        for b in 0..<3 { for i in 0..<70 { for j in 0..<45 {
            XCTAssertEqual(ts[(b * 45 + j) * 70 + i], xs[(b * 70 + i) * 45 + j])
        } } }
        let nhwc = try x.reshaped([3, 5, 14, 45]).permuted([0, 2, 3, 1])
        XCTAssertEqual(try nhwc.permuted([0, 3, 1, 2]).scalars, xs)
    }
}
