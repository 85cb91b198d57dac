import XCTest
@testable import TensorRuntime

/// Bad input throws a `TensorError` whose message names the operation and every shape, word for word.
final class TensorErrorTests: XCTestCase {
    func assertMessage<T>(_ expression: @autoclosure () throws -> T, _ expected: String,
                          file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try expression(), file: file, line: line) { error in
            XCTAssertTrue(error is TensorError, "\(type(of: error))", file: file, line: line)
            XCTAssertEqual("\(error)", expected, file: file, line: line)
        }
    }

    func testShapeMessages() throws {
        let a = try Tensor<Float>.zeros([32, 64]), b = try Tensor<Float>.zeros([32, 10])
        assertMessage(try a.matmul(b),
                      "matmul: shapes [32, 64] and [32, 10] are incompatible (inner dimensions 64 and 32 differ)")
        assertMessage(try a.matmul(try Tensor<Float>.zeros([2, 64, 3])),
                      "matmul: shapes [32, 64] and [2, 64, 3] are incompatible (both operands must have rank 2, or both rank 3)")
        assertMessage(try Tensor<Float>.zeros([2, 3]) + Tensor<Float>.zeros([4]),
                      "add: shapes [2, 3] and [4] are incompatible (dimension 3 does not match 4 at axis 1 and neither is 1)")
        assertMessage(try a.reshaped([5, 7]),
                      "reshape: shapes [32, 64] and [5, 7] are incompatible (2048 elements cannot be viewed as 35)")
        assertMessage(try Tensor.dense(a, weight: b, bias: nil),
                      "dense: shapes [32, 64] and [32, 10] are incompatible (input must be [batch, in] and weight [in, out] with the same in)")
        assertMessage(try Tensor.dense(a, weight: b, bias: nil, transposeWeight: true),
                      "dense: shapes [32, 64] and [32, 10] are incompatible (input must be [batch, in] and weight [out, in] with the same in)")
        assertMessage(try Tensor.dense(a, weight: try Tensor<Float>.zeros([10, 64]), bias: try Tensor<Float>.zeros([64]),
                                       transposeWeight: true),
                      "dense: shapes [10, 64] and [64] are incompatible (bias must be [10], one value per output)")
        assertMessage(try Tensor.concatenate([a, b], axis: 0),
                      "concatenate: shapes [32, 64] and [32, 10] are incompatible (they must agree on every axis but 0)")
        assertMessage(try Tensor.select(try Tensor<Float>.zeros([2]), a, b),
                      "select: shapes [2], [32, 64], [32, 10] are incompatible (they do not broadcast together)")
    }

    func testArgumentMessages() throws {
        let x = try Tensor<Double>.zeros([4, 3])
        assertMessage(try x.sum(axes: [2]), "sum: axis 2 is out of range for shape [4, 3] of rank 2")
        assertMessage(try x.slice(axis: 0, start: 3, count: 2),
                      "slice: start 3 and count 2 do not fit 0..<4 on axis 0 of shape [4, 3]")
        assertMessage(try Tensor.softmaxCrossEntropy(logits: x, labels: [0, 1, 3, 2]),
                      "softmaxCrossEntropy: label 3 at position 2 is outside 0..<3")
        assertMessage(try Tensor.softmaxCrossEntropy(logits: x, labels: [0]),
                      "softmaxCrossEntropy: logits must be [batch, classes] with one label per row and batch > 0; got shape [4, 3] and 1 labels")
        assertMessage(try x.permuted([0, 0]), "permute: [0, 0] is not a permutation of the axes of shape [4, 3]")
        assertMessage(try Tensor<Double>(shape: [2, 2], scalars: [1]), "tensor: shape [2, 2] holds 4 elements but 1 were given")
        assertMessage(try Tensor<Double>.zeros([-1]), "full: shape [-1] has a negative dimension")
        var stream = RandomStream(seed: 1)
        assertMessage(try Tensor<Double>.normal([2], standardDeviation: -1, using: &stream),
                      "normal: standard deviation -1.0 must be finite and not negative")
        assertMessage(try Tensor<Float>.uniform([2], low: 1, high: 0, using: &stream),
                      "uniform: bounds 1.0 and 0.0 must be finite with low < high")
    }

    func testGradientMessages() throws {
        let v = try Tensor<Double>.ones([2]).variable()
        assertMessage(try (v * 2).gradients(withRespectTo: [v]),
                      "gradient: output has shape [2]; pass a seed of that shape for a non-scalar output")
        assertMessage(try v.sum().gradients(withRespectTo: [try Tensor<Double>.ones([2])]),
                      "gradient: target 0 of shape [2] is a constant; make it a variable (variable()) before computing with it")
        assertMessage(try (v * 2).gradients(withRespectTo: [v], seed: try Tensor<Double>.ones([3])),
                      "gradient: shapes [2] and [3] are incompatible (the seed must have the output's shape)")
    }

    func testAllocationLimitThrowsInsteadOfAllocating() throws {
        assertMessage(try TensorLimits.withMaxBytes(1024) { try Tensor<Float>.zeros([16, 17]) },
                      "full: result of shape [16, 17] needs 1088 bytes, over the per-tensor limit of 1024 bytes (set INFOSCOPE_MAX_TENSOR_BYTES to change it)")
        XCTAssertNoThrow(try TensorLimits.withMaxBytes(1024) { try Tensor<Float>.zeros([16, 16]) })
        // A product of dimensions that overflows Int is reported, not wrapped around.
        XCTAssertThrowsError(try Tensor<Float>.zeros([1 << 40, 1 << 40])) { error in
            guard case TensorError.allocationTooLarge(let op, _, _, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(op, "full")
        }
        let big = try Tensor<Float>.zeros([1 << 20, 1])
        XCTAssertThrowsError(try big.matmul(big, transposeOther: true)) { error in
            XCTAssertTrue("\(error)".hasPrefix("matmul: result of shape [1048576, 1048576] needs 4398046511104 bytes"))
        }
        XCTAssertEqual(TensorLimits.maxBytes, TensorLimits.defaultMaxBytes)
    }
}

/// Arguments at the edge of Int arithmetic throw instead of trapping.
final class TensorOverflowTests: XCTestCase {
    func testHugeArgumentsThrow() throws {
        let x = try Tensor<Float>.zeros([2, 3])
        XCTAssertThrowsError(try x.slice(axis: 1, start: Int.max, count: 2))
        XCTAssertThrowsError(try x.slice(axis: 1, start: 1, count: Int.max))
        XCTAssertThrowsError(try x.padded(axis: 0, before: Int.max, after: Int.max))
        XCTAssertThrowsError(try x.reshaped([Int.max, 2]))
        XCTAssertThrowsError(try x.reshaped([Int.max, 2, -1]))
        XCTAssertThrowsError(try Tensor<Float>.arange(0, 1e30))
        let image = try Tensor<Float>.zeros([1, 1, 4, 4]), kernel = try Tensor<Float>.zeros([1, 1, 3, 3])
        XCTAssertThrowsError(try Tensor.conv2D(image, weight: kernel, bias: nil, padding: Int.max / 2))
        XCTAssertThrowsError(try image.maxPool2D(kernel: Int.max, padding: 1))
        let picture = try Tensor<Float>.zeros([1, 1, 20, 20])
        XCTAssertThrowsError(try TensorLimits.withMaxBytes(10_000) {
            try Tensor.conv2D(picture, weight: kernel, bias: nil, padding: 1)
        }) { XCTAssertEqual("\($0)", "conv2D: result of shape [9, 400] needs 14400 bytes, over the per-tensor limit of 10000 bytes (set INFOSCOPE_MAX_TENSOR_BYTES to change it)") }
    }
}
