import XCTest
import TensorRuntime
@testable import Probes

/// P2. Closed forms in Double: 1e-6 absolute matches the 6–7 digits of docs/probe-formulas.md, T3 and T4.
final class WeightInformationTests: XCTestCase {
    func testT3ClosedForm() throws {
        let code = try GaussianCode(lambda: 1, beta: 0.01)
        let h = [4, 1, 0.01, 0.0]
        let r = WeightInformation.fromEigenvalues(h, weightNormSquared: 1 + 1 + 0.25, loss: 0, code: code)
        for (got, want) in zip(h.map(code.variance), [0.0024938, 0.0099010, 0.5, 1.0]) { XCTAssertEqual(got, want, accuracy: 1e-7) }
        for (got, want) in zip(r.total.directionNats, [2.498228, 1.812511, 0.096574, 0]) { XCTAssertEqual(got, want, accuracy: 1e-6) }
        XCTAssertEqual(r.nats, 5.532312, accuracy: 1e-6)
        XCTAssertEqual(r.lagrangian, 0.0677611, accuracy: 1e-7)
        XCTAssertTrue(r.text.contains("mean-loss convention"))
        XCTAssertTrue(r.text.contains("nats"))
    }

    func testPaperPrintedFormIsLabelledAndDiffers() throws {
        let corrected = try GaussianCode(lambda: 1, beta: 0.01)
        let printed = try GaussianCode(lambda: 1, beta: 0.01, form: .paperPrinted)
        // The printed Σ* equals the corrected one at β/2 with prior variance unchanged: σ² = λ²/(1+2s).
        XCTAssertEqual(printed.variance(4), 0.01 / 2 / (4 + 0.01 / 2), accuracy: 1e-12)
        let r = WeightInformation.fromEigenvalues([4, 1], weightNormSquared: 0, loss: 0, code: printed)
        XCTAssertGreaterThan(r.nats, WeightInformation.fromEigenvalues([4, 1], weightNormSquared: 0, loss: 0, code: corrected).nats)
        XCTAssertTrue(r.text.contains("paper's printed form"))
        // The corrected Σ* minimises the Lagrangian per direction; the printed one does not.
        XCTAssertLessThan(corrected.lagrangian(4), printed.lagrangian(4))
    }

    func testT4GibbsPosterior() throws {
        let h = try Matrix64([[3, 1], [1, 2]])
        let q = try GibbsPosterior(hessian: h, center: [1, -2], loss: 0.1, lambda: 2, beta: 0.5)
        XCTAssertEqual(q.mean[0], 0.908587, accuracy: 1e-6)
        XCTAssertEqual(q.mean[1], -1.839335, accuracy: 1e-6)
        for (got, want) in zip(q.covariance.elements, [0.188366, -0.088643, -0.088643, 0.277008]) { XCTAssertEqual(got, want, accuracy: 1e-6) }
        XCTAssertEqual(q.lagrangian, 1.858923, accuracy: 1e-6)
        XCTAssertEqual(q.kl, 2.528696, accuracy: 1e-6)
        // KL = dC*/dβ: central difference with step 1e-5 has error O(1e-10), rounding O(1e-11).
        let step = 1e-5
        let up = try GibbsPosterior(hessian: h, center: [1, -2], loss: 0.1, lambda: 2, beta: 0.5 + step).lagrangian
        let down = try GibbsPosterior(hessian: h, center: [1, -2], loss: 0.1, lambda: 2, beta: 0.5 - step).lagrangian
        XCTAssertEqual((up - down) / (2 * step), q.kl, accuracy: 1e-7)
    }

    func testEstimatorsOnAModel() throws {
        let (model, data) = try Fixtures.mlp(seed: 7, samples: 30)
        let code = try GaussianCode(lambda: 1, beta: 0.01)
        let exact = try WeightInformation.estimate(model, on: data, code: code, estimator: .exact(maxParameters: 100))
        let blocks = try WeightInformation.estimate(model, on: data, code: code, estimator: .layerBlocks(maxBlockParameters: 100))
        let diagonal = try WeightInformation.estimate(model, on: data, code: code, estimator: .diagonal)
        let slq = try WeightInformation.estimate(model, on: data, code: code, estimator: .lanczos(steps: 38, probes: 30, seed: 1))
        // Block-diagonal and diagonal restrictions are upper bounds (Fischer/Hadamard inequality on I + λ²F/β).
        XCTAssertGreaterThanOrEqual(blocks.nats + 1e-9, exact.nats)
        XCTAssertGreaterThanOrEqual(diagonal.nats + 1e-9, blocks.nats)
        XCTAssertEqual(blocks.groups.map(\.name), ["hidden", "out"])
        // Full Lanczos (38 = k steps) leaves only the Hutchinson error: 4 standard errors.
        let se = try XCTUnwrap(slq.standardError)
        XCTAssertEqual(slq.nats, exact.nats, accuracy: 4 * se + 1e-9)
        XCTAssertEqual(exact.lagrangian, Double(try model.meanLoss(data, probe: "t").scalar()) + exact.total.lagrangian, accuracy: 1e-12)
        XCTAssertTrue(blocks.text.contains("upper bound"))
        // Every estimator that forms Σ* checks its quadratic prediction by sampling; Lanczos cannot.
        for r in [exact, blocks, diagonal] {
            let check = try XCTUnwrap(r.check)
            XCTAssertEqual(check.predicted, r.lagrangian - code.beta * r.nats, accuracy: 1e-12)
            XCTAssertGreaterThan(check.standardError, 0)
        }
        XCTAssertNil(slq.check)
    }

    /// A quadratic loss agrees with itself; a sampled loss far above the prediction does not.
    func testQuadraticCheckAgreement() {
        XCTAssertTrue(QuadraticCheck(lossAtCenter: 1, predicted: 1.1, sampled: 1.12, standardError: 0.01).agrees)
        XCTAssertTrue(QuadraticCheck(lossAtCenter: 1, predicted: 1.1, sampled: 1.14, standardError: 0.01).agrees)
        XCTAssertFalse(QuadraticCheck(lossAtCenter: 1, predicted: 1.1, sampled: 1.2, standardError: 0.01).agrees, "twice the excess")
        XCTAssertFalse(QuadraticCheck(lossAtCenter: 0.001, predicted: 0.0043, sampled: 0.37, standardError: 0.085).agrees)
        XCTAssertNotNil(QuadraticCheck(lossAtCenter: 0.001, predicted: 0.0043, sampled: 0.37, standardError: 0.085).note)
    }

    func testBadRequests() throws {
        XCTAssertThrowsError(try GaussianCode(lambda: 1, beta: 0)) { XCTAssertTrue("\($0)".contains("β must be positive")) }
        XCTAssertThrowsError(try GaussianCode(lambda: -1, beta: 1)) { XCTAssertTrue("\($0)".contains("λ")) }
        let (model, data) = try Fixtures.mlp(seed: 7, samples: 5)
        let code = try GaussianCode(lambda: 1, beta: 0.01)
        XCTAssertThrowsError(try WeightInformation.estimate(model, on: data, code: code, estimator: .exact(maxParameters: 10))) {
            XCTAssertTrue("\($0)".contains("use .layerBlocks, .diagonal or .lanczos"), "\($0)")
        }
        XCTAssertThrowsError(try WeightInformation.estimate(model, on: data, code: code, estimator: .layerBlocks(maxBlockParameters: 20))) {
            XCTAssertTrue("\($0)".contains("layer 'hidden' has 25 weights"), "\($0)")
        }
    }
}
