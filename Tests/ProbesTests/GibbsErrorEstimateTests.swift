import XCTest
@testable import Probes

/// The error of Q from blocks with their own weight draws: the cut, the estimate and its bound,
/// against values worked out by hand.
final class GibbsErrorEstimateTests: XCTestCase {
    func testBlocksCoverTheRowsInOrderWithSizesWithinOne() {
        let cut = GibbsErrorEstimate.blocks(rows: 1203, maximum: 500)
        XCTAssertEqual(cut, [0..<401, 401..<802, 802..<1203])
        XCTAssertEqual(GibbsErrorEstimate.blocks(rows: 1000, maximum: 500), [0..<500, 500..<1000])
        XCTAssertEqual(GibbsErrorEstimate.blocks(rows: 7, maximum: 500), [0..<7])
        XCTAssertEqual(GibbsErrorEstimate.blocks(rows: 0, maximum: 500), [])
        for rows in [1, 499, 500, 501, 59_999, 60_000] {
            let sizes = GibbsErrorEstimate.blocks(rows: rows, maximum: 500).map(\.count)
            XCTAssertEqual(sizes.reduce(0, +), rows)
            XCTAssertLessThanOrEqual(sizes.max()! - sizes.min()!, 1)
            XCTAssertLessThanOrEqual(sizes.max()!, 500)
        }
    }

    func testTheMeanCountsEveryErrorOverPassesTimesRows() throws {
        // 1203 rows in blocks of 401: two passes, 37 errors in all.
        let e = try GibbsErrorEstimate(errors: [[4, 10, 3], [9, 0, 11]], rows: 1203, maximumBlockRows: 500)
        XCTAssertEqual(e.terms.count, 6)
        XCTAssertEqual(e.blockRows, 401)
        XCTAssertEqual(e.scale, 1)
        XCTAssertEqual(e.mean, 37.0 / 2406, accuracy: 1e-15)
        // Terms k/401; their sample standard deviation over √6.
        let terms = [4.0, 10, 3, 9, 0, 11].map { $0 / 401 }, m = terms.reduce(0, +) / 6
        let sd = (terms.reduce(0) { $0 + ($1 - m) * ($1 - m) } / 5).squareRoot()
        XCTAssertEqual(e.standardError, sd / 6.0.squareRoot(), accuracy: 1e-15)
    }

    func testUnequalBlocksScaleTheBoundUp() throws {
        // 1001 rows: blocks of 334, 334, 333. Terms are errors/334; B·b/N = 1002/1001.
        let e = try GibbsErrorEstimate(errors: [[0, 0, 0]], rows: 1001, maximumBlockRows: 500)
        XCTAssertEqual(e.scale, 1002.0 / 1001, accuracy: 1e-15)
        // No error in 3 terms at δ′ = 0.01: kl⁻¹(0, log(200)/3) = 1 − 200^(−1/3), scaled.
        XCTAssertEqual(e.upperBound(delta: 0.01), (1 - pow(200, -1.0 / 3)) * 1002 / 1001, accuracy: 1e-13)
        // The scale never lifts a bound above 1.
        let all = try GibbsErrorEstimate(errors: [[334, 334, 333]], rows: 1001, maximumBlockRows: 500)
        XCTAssertEqual(all.upperBound(delta: 0.01), 1)
    }

    /// The point of the blocks: the same rows and errors, judged by one draw per block rather
    /// than one per pass, give B times the terms and a tighter bound.
    func testBlocksTightenTheBoundForTheSameErrors() throws {
        let perPass = try GibbsErrorEstimate(errors: [[600]], rows: 12_000, maximumBlockRows: 12_000)
        let perBlock = try GibbsErrorEstimate(errors: [Array(repeating: 25, count: 24)], rows: 12_000, maximumBlockRows: 500)
        XCTAssertEqual(perPass.mean, perBlock.mean, accuracy: 1e-15)
        XCTAssertEqual(perBlock.terms.count, 24)
        XCTAssertEqual(perPass.upperBound(delta: 0.01), BinaryKL.upperInverse(0.05, budget: log(200)), accuracy: 1e-15)
        XCTAssertEqual(perBlock.upperBound(delta: 0.01), BinaryKL.upperInverse(0.05, budget: log(200) / 24), accuracy: 1e-15)
        XCTAssertLessThan(perBlock.upperBound(delta: 0.01), perPass.upperBound(delta: 0.01) / 2)
    }
}
