import XCTest
@testable import Probes

/// The binary KL, its inverse and the certificate built from them, against closed forms and
/// values computed independently (docs/probe-formulas.md, P4).
final class PACBayesCertificateTests: XCTestCase {
    func testBinaryKLAgainstClosedForms() {
        // 0.1·log(0.5) + 0.9·log(0.9/0.8)
        XCTAssertEqual(BinaryKL.divergence(0.1, 0.2), 0.036690014034750584, accuracy: 1e-15)
        XCTAssertEqual(BinaryKL.divergence(0, 0.3), -log(0.7), accuracy: 1e-15)
        XCTAssertEqual(BinaryKL.divergence(0.4, 0.4), 0)
        XCTAssertEqual(BinaryKL.divergence(0.2, 1), .infinity)
        XCTAssertEqual(BinaryKL.divergence(1, 1), 0)
    }

    func testTheInverseIsTheLargestErrorTheBudgetAllows() {
        // kl(0‖p) = −log(1 − p), so kl⁻¹(0, c) = 1 − e^(−c).
        for c in [1e-4, 0.05, 1, 10] {
            XCTAssertEqual(BinaryKL.upperInverse(0, budget: c), 1 - exp(-c), accuracy: 1e-14, "c = \(c)")
        }
        XCTAssertEqual(BinaryKL.upperInverse(0.3, budget: 0), 0.3)
        for (q, c) in [(0.1, 0.05), (0.02, 0.001), (0.5, 0.3), (0.9, 2.0)] {
            let p = BinaryKL.upperInverse(q, budget: c)
            XCTAssertGreaterThanOrEqual(p, q)
            XCTAssertLessThan(p, 1)
            // The largest double within the budget: the next one up is over it.
            XCTAssertLessThanOrEqual(BinaryKL.divergence(q, p), c, "q = \(q), c = \(c)")
            XCTAssertGreaterThan(BinaryKL.divergence(q, p.nextUp), c, "q = \(q), c = \(c)")
            if q < 0.6 { XCTAssertEqual(BinaryKL.divergence(q, p), c, accuracy: 1e-12, "q = \(q), c = \(c)") }
        }
    }

    func testCertificateAgainstIndependentValues() throws {
        // ê = 0 over 100 draws, δ′ = 0.01: e_S(Q) ≤ 1 − 200^(−1/100). KL = 0, N = 100, δ = 0.05:
        // budget log(2·10/0.05)/100 = log(400)/100.
        let c = try PACBayesCertificate(trainError: passes(100, errors: 0, rows: 100), drawsDelta: 0.01, kl: 0, delta: 0.05)
        XCTAssertEqual(c.trainErrorBound, 1 - pow(200, -0.01), accuracy: 1e-14)
        XCTAssertEqual(c.bound, 0.16393739655471853, accuracy: 1e-12)
        XCTAssertEqual(c.confidence, 0.94, accuracy: 1e-15)
        // The scale of binary MNIST: ê = 0.05 over 1000 draws, KL 5000 nats, N = 60000, δ = 0.025.
        let mnist = try PACBayesCertificate(trainError: passes(1000, errors: 3000, rows: 60000), drawsDelta: 0.01, kl: 5000, delta: 0.025)
        XCTAssertEqual(mnist.trainErrorBound, 0.07565109632739403, accuracy: 1e-12)
        XCTAssertEqual(mnist.bound, 0.22855111660590946, accuracy: 1e-12)
    }

    /// For the same train error (taken as exact) and KL, the kl form is at least as tight as
    /// McAllester's linear form at any β_PAC.
    func testTheKLFormIsNoLooserThanTheLinearOne() throws {
        for (error, kl, n) in [(0.0, 10.0, 1000), (0.05, 500.0, 10000), (0.2, 50.0, 200)] {
            let budget = (kl + log(2 * Double(n).squareRoot() / 0.05)) / Double(n)
            let klForm = BinaryKL.upperInverse(error, budget: budget)
            for betaPAC in [0.6, 1, 2, 10, 100] {
                let linear = try PACBayesBound(empiricalLoss: error, kl: kl, samples: n, delta: 0.05, betaPAC: betaPAC).bound
                XCTAssertLessThanOrEqual(klForm, linear + 1e-12, "error \(error), KL \(kl), N \(n), β_PAC \(betaPAC)")
            }
        }
    }

    func testRefusals() throws {
        let tenth = try passes(10, errors: 10, rows: 100)
        XCTAssertThrowsError(try PACBayesCertificate(trainError: tenth, drawsDelta: 0.5, kl: 1, delta: 0.5))
        XCTAssertThrowsError(try PACBayesCertificate(trainError: tenth, drawsDelta: 0.01, kl: -1, delta: 0.05))
        XCTAssertThrowsError(try PACBayesCertificate(trainError: passes(10, errors: 1, rows: 7), drawsDelta: 0.01, kl: 1, delta: 0.05)) { error in
            XCTAssertTrue("\(error)".contains("N ≥ 8"), "\(error)")
        }
        XCTAssertThrowsError(try GibbsErrorEstimate(errors: [], rows: 10, maximumBlockRows: 10))
        XCTAssertThrowsError(try GibbsErrorEstimate(errors: [[11]], rows: 10, maximumBlockRows: 10))
        XCTAssertThrowsError(try GibbsErrorEstimate(errors: [[1]], rows: 10, maximumBlockRows: 5))
    }

    /// `count` passes over `rows` rows in one block, each with `errors` misclassified.
    private func passes(_ count: Int, errors: Int, rows: Int) throws -> GibbsErrorEstimate {
        try GibbsErrorEstimate(errors: Array(repeating: [errors], count: count), rows: rows, maximumBlockRows: rows)
    }
}
