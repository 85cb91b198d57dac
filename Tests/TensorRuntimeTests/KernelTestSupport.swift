import XCTest
import TensorRuntime

/// Uniform values in [-scale, scale) from a fixed seed, so every kernel test is reproducible.
func seededFloats(_ count: Int, seed: UInt64, scale: Float = 1) -> [Float] {
    var rng = RandomStream(seed: seed)
    return (0..<count).map { _ in scale * (2 * rng.nextFloat() - 1) }
}

/// Asserts `|got[i] - want[i]| <= tolerance · max(1, max_j |want[j]|)` for all i, reporting the worst.
func assertClose(_ got: [Float], _ want: [Double], tolerance: Double, _ message: String,
                 file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(got.count, want.count, message, file: file, line: line)
    let scale = max(1, want.map(abs).max() ?? 0)
    var worst = 0.0, at = 0
    for i in 0..<min(got.count, want.count) {
        let error = abs(Double(got[i]) - want[i])
        if !(error <= worst) { worst = error; at = i }
    }
    XCTAssertLessThanOrEqual(worst, tolerance * scale,
                             "\(message): worst error \(worst) at \(at) (scale \(scale))", file: file, line: line)
}

/// Central finite difference of `f` at `x` along coordinate `i`, in Double.
func finiteDifference(_ f: ([Double]) -> Double, at x: [Double], coordinate i: Int, step: Double = 1e-6) -> Double {
    var plus = x, minus = x
    plus[i] += step
    minus[i] -= step
    return (f(plus) - f(minus)) / (2 * step)
}
