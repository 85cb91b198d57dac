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

/// Checks reverse-mode gradients of `f` at `inputs` against central finite differences in Float64.
///
/// A non-scalar output is reduced to a scalar with fixed random weights, so every output element's
/// gradient is checked. Step 1e-5: the truncation error (~1e-10 times the third derivative) and the
/// rounding error (~1e-16 / 1e-5 = 1e-11) are both far below the 1e-6 relative tolerance. The
/// gradients are also recomputed with `createGraph`, which must give the same numbers.
func gradientCheck(_ label: String, _ inputs: [Tensor<Double>], tolerance: Double = 1e-6,
                   file: StaticString = #filePath, line: UInt = #line,
                   _ f: ([Tensor<Double>]) throws -> Tensor<Double>) throws {
    var random = TestRandom(seed: 99)
    let probe = try f(inputs)
    let weights = random.tensor(probe.shape, 0.5, 1.5)
    func scalarised(_ xs: [Tensor<Double>]) throws -> Tensor<Double> { try (f(xs) * weights).sum() }

    let variables = inputs.map { $0.variable() }
    let analytic = try scalarised(variables).gradients(withRespectTo: variables)
    let recorded = try scalarised(variables).gradients(withRespectTo: variables, createGraph: true)
    let step = 1e-5
    for (i, input) in inputs.enumerated() {
        XCTAssertEqual(analytic[i].shape, input.shape, "\(label): gradient \(i) shape", file: file, line: line)
        XCTAssertEqual(analytic[i].scalars, recorded[i].scalars, "\(label): createGraph differs", file: file, line: line)
        var values = input.scalars
        for j in values.indices {
            let saved = values[j]
            values[j] = saved + step
            var shifted = inputs
            shifted[i] = try Tensor(shape: input.shape, scalars: values)
            let plus = try scalarised(shifted).scalar()
            values[j] = saved - step
            shifted[i] = try Tensor(shape: input.shape, scalars: values)
            let minus = try scalarised(shifted).scalar()
            values[j] = saved
            let numeric = (plus - minus) / (2 * step)
            let got = analytic[i].scalars[j]
            XCTAssert(Swift.abs(got - numeric) <= tolerance * Swift.max(1, Swift.abs(numeric)),
                      "\(label): d/d input \(i)[\(j)] analytic \(got) vs numeric \(numeric)", file: file, line: line)
        }
    }
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
