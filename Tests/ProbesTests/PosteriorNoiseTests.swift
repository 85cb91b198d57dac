import XCTest
import TensorRuntime
@testable import Probes

/// P7 with a fitted posterior's noise N(0, diag σ²) in place of β F⁻¹, on the linear layer of T7
/// (z = W x, W = [[1, 0.5, 0], [0, 1, −1]], x = [1, 2, −1]).
final class PosteriorNoiseTests: XCTestCase {
    private let variances = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6]

    private func linearLayer() throws -> (ActivationMap<Double>, Tensor<Double>) {
        let w = try Tensor<Double>(rows: [[1, 0.5, 0], [0, 1, -1]])
        let map = ActivationMap<Double>(parameters: [w]) { p, x in try p[0].matmul(x.reshaped([3, 1])) }
        return (map, try Tensor<Double>([1, 2, -1]))
    }

    /// With W flattened by rows, output k sees the variances of row k: Σ_kk = Σ_j σ²_kj x_j²
    /// (1.2 and 3.0), no covariance between outputs. Mean term Wᵀ Σ⁻¹ W; covariance term
    /// 2 Σ_k σ²_ka σ²_kb x_a x_b / Σ_kk² (from ∂_a Σ_kk = 2 σ²_ka x_a); traces 1.708333 and 0.698889.
    func testDiagonalPosteriorNoiseOnALinearLayer() throws {
        let (map, x) = try linearLayer()
        let r = try ActivationInformation.linearised(map, at: x, posteriorVariances: variances)
        let sigma = try XCTUnwrap(r.sigmaZ)
        for (got, want) in zip(sigma.elements, [1.2, 0, 0, 3.0]) { XCTAssertEqual(got, want, accuracy: 1e-12) }
        let w = [[1.0, 0.5, 0], [0, 1, -1]], xs = [1.0, 2, -1], s = [1.2, 3.0]
        for a in 0..<3 {
            for b in 0..<3 {
                let mean = (0..<2).reduce(0.0) { $0 + w[$1][a] * w[$1][b] / s[$1] }
                XCTAssertEqual(r.meanTerm[a, b], mean, accuracy: 1e-10)
                let cov = (0..<2).reduce(0.0) { $0 + 2 * variances[3 * $1 + a] * variances[3 * $1 + b] * xs[a] * xs[b] / (s[$1] * s[$1]) }
                XCTAssertEqual(try XCTUnwrap(r.covarianceTerm)[a, b], cov, accuracy: 1e-7)
            }
        }
        XCTAssertEqual(r.trace, 1.7083333 + 0.6988889, accuracy: 1e-6)
        // The result's own table (what saved files carry) names the posterior's noise, not β F⁻¹.
        let settings = Dictionary(r.table.settings.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
        XCTAssertEqual(settings["weight noise"], "N(0, diag σ²), a fitted posterior's variances")
        XCTAssertEqual(settings["β"], "in the posterior's variances")
        XCTAssertTrue(r.posteriorNoise)
    }

    /// Equal variances v are the isotropic case β F⁻¹ with β/c = v: the same F_z|x in both forms.
    func testEqualVariancesAreTheIsotropicFisher() throws {
        let (map, x) = try linearLayer()
        for form in [ActivationFisherForm.corrected, .paperPrinted] {
            let iso = try ActivationInformation.linearised(map, at: x, isotropicFisher: 2, beta: 0.1, epsilon: 1e-3, form: form)
            let q = try ActivationInformation.linearised(map, at: x, posteriorVariances: [Double](repeating: 0.05, count: 6),
                                                         epsilon: 1e-3, form: form)
            // The printed form is (1/β) Gᵀ J F Jᵀ G: with β = 1 and F = 1/v = 20 it is 0.1·… of
            // the isotropic one's 20·…, the same.
            for (got, want) in zip(q.fisher.elements, iso.fisher.elements) { XCTAssertEqual(got, want, accuracy: 1e-9 * max(1, abs(want))) }
        }
    }

    func testSampledActivationsHaveThePosteriorCovariance() throws {
        let (map, x) = try linearLayer()
        let z = try ActivationInformation.sampleActivations(map, inputs: [x], posteriorVariances: variances, draws: 20_000, seed: 3)
        let (mean, cov) = try MutualInformationEstimator.moments(z)
        // Sample covariance error ≈ Σ·√(2/n): 0.012 and 0.03; four of them.
        XCTAssertEqual(cov[0, 0], 1.2, accuracy: 0.05)
        XCTAssertEqual(cov[1, 1], 3.0, accuracy: 0.12)
        XCTAssertEqual(cov[0, 1], 0, accuracy: 0.06)
        XCTAssertEqual(mean[0], 2, accuracy: 0.04)
        XCTAssertEqual(mean[1], 3, accuracy: 0.06)
    }

    /// At x = 0 the activations do not move with the weights, so Σ_z is 0 but for ε: the advice
    /// names ε, never the damping that a posterior's noise does not take.
    func testASingularCovarianceAdvisesEpsilonOnly() throws {
        let (map, _) = try linearLayer()
        XCTAssertThrowsError(try ActivationInformation.linearised(map, at: try Tensor<Double>([0, 0, 0]), posteriorVariances: variances)) {
            let singular = $0 as? ActivationCovarianceSingular
            XCTAssertEqual(singular?.fromPosterior, true)
            XCTAssertTrue("\($0)".contains("pass epsilon > 0"), "\($0)")
            XCTAssertFalse("\($0)".contains("damping"), "\($0)")
        }
    }

    func testBadPosteriorsAreRefused() throws {
        let (map, x) = try linearLayer()
        XCTAssertThrowsError(try ActivationInformation.linearised(map, at: x, posteriorVariances: [0.1, 0.2])) {
            XCTAssertTrue("\($0)".contains("2 variances but the map has 6 weights"), "\($0)")
        }
        XCTAssertThrowsError(try ActivationInformation.linearised(map, at: x, posteriorVariances: [0.1, 0.2, 0, 0.4, 0.5, 0.6])) {
            XCTAssertTrue("\($0)".contains("variance of weight 2 is 0.0"), "\($0)")
        }
        XCTAssertThrowsError(try ActivationInformation.sampleActivations(map, inputs: [x], posteriorVariances: [.nan, 1, 1, 1, 1, 1],
                                                                          draws: 2, seed: 0)) {
            XCTAssertTrue("\($0)".contains("positive and finite"), "\($0)")
        }
    }
}
