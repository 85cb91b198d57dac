import Language
import XCTest

/// The one number formatter: integers without a point, others shortest round-trip.
final class NumberFormatTests: XCTestCase {
    func testFixedCases() {
        let cases: [(Double, String)] = [
            (3, "3"), (-12, "-12"), (0, "0"), (-0.0, "0"), (0.1, "0.1"), (1e-8, "1e-08"), (2.5, "2.5"),
            (1e20, "1e+20"), (123_456_789_012_345, "123456789012345"), (1.0 / 3, "0.3333333333333333"),
            (.nan, "nan"), (.infinity, "inf"), (-.infinity, "-inf"),
        ]
        for (x, text) in cases { XCTAssertEqual(formatNumber(x), text) }
    }

    func testRoundTripsForRandomValues() {
        var rng = RobustnessTests.SplitMix(state: 7)
        for _ in 0..<10_000 {
            let x = Double(bitPattern: rng.next())
            guard x.isFinite else { continue }
            XCTAssertEqual(Double(formatNumber(x)), x == 0 ? 0 : x, "\(x)")
        }
    }
}
