import XCTest
@testable import TensorRuntime

/// A small deterministic generator for test data (SplitMix64), so tests do not depend on the
/// runtime's own random numbers.
struct TestRandom {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [low, high).
    mutating func uniform(_ low: Double = -1, _ high: Double = 1) -> Double {
        low + (high - low) * Double(next() >> 11) / Double(1 << 53)
    }

    mutating func tensor(_ shape: [Int], _ low: Double = -1, _ high: Double = 1) -> Tensor<Double> {
        let count = shape.reduce(1, *)
        return try! Tensor(shape: shape, scalars: (0..<count).map { _ in uniform(low, high) })
    }

    mutating func floatTensor(_ shape: [Int], _ low: Double = -1, _ high: Double = 1) -> Tensor<Float> {
        try! tensor(shape, low, high).cast(to: Float.self)
    }
}

/// Asserts that reverse-mode gradients of `f` at `inputs` match central finite differences in
/// Float64 (`Autodiff.checkGradients`) within `tolerance`, and that the recorded backward agrees.
func gradientCheck(_ label: String, _ inputs: [Tensor<Double>], tolerance: Double = 1e-6,
                   file: StaticString = #filePath, line: UInt = #line,
                   _ f: ([Tensor<Double>]) throws -> Tensor<Double>) throws {
    let report = try Autodiff.checkGradients(at: inputs, f)
    XCTAssertLessThanOrEqual(report.maxError, tolerance, "\(label): \(report)", file: file, line: line)
    XCTAssertFalse(report.maxError.isNaN, "\(label): \(report)", file: file, line: line)
    XCTAssertTrue(report.recordedBackwardAgrees, "\(label): createGraph gradients differ", file: file, line: line)
    XCTAssertEqual(report.checkedCount, inputs.reduce(0) { $0 + $1.count }, file: file, line: line)
}

/// Asserts two arrays agree element-wise within `tolerance` relative to max(1, |expected|).
func assertClose<S: TensorScalar>(_ got: [S], _ expected: [S], _ tolerance: Double, _ label: String = "",
                                  file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(got.count, expected.count, "\(label): counts differ", file: file, line: line)
    for (i, (a, b)) in zip(got, expected).enumerated() {
        let (x, y) = (Double(a), Double(b))
        XCTAssert(Swift.abs(x - y) <= tolerance * Swift.max(1, Swift.abs(y)),
                  "\(label)[\(i)]: \(x) vs \(y)", file: file, line: line)
    }
}
