import XCTest
import TensorRuntime
@testable import Probes

/// P4 and P5. Closed forms in Double: 1e-6 absolute matches the 6 digits of docs/probe-formulas.md, T5 and T6.
final class BoundsAndShannonTests: XCTestCase {
    func testT5PACBayes() throws {
        XCTAssertEqual(try PACBayesBound(empiricalLoss: 0.1, kl: 50, samples: 1000, delta: 0.05, betaPAC: 1).bound, 0.305991, accuracy: 1e-6)
        let two = try PACBayesBound(empiricalLoss: 0.1, kl: 50, samples: 1000, delta: 0.05, betaPAC: 2)
        XCTAssertEqual(two.bound, 0.274655, accuracy: 1e-6)
        XCTAssertTrue(two.text.contains("PAC-Bayes convention"))
    }

    func testPACBayesRefusesBadArguments() {
        XCTAssertThrowsError(try PACBayesBound(empiricalLoss: 0.1, kl: 50, samples: 1000, delta: 0.05, betaPAC: 0.5)) {
            XCTAssertTrue("\($0)".contains("greater than ½"))
        }
        XCTAssertThrowsError(try PACBayesBound(empiricalLoss: 0.1, kl: 50, samples: 1000, delta: 1, betaPAC: 1)) {
            XCTAssertTrue("\($0)".contains("δ must be in (0, 1)"))
        }
        XCTAssertThrowsError(try PACBayesBound(empiricalLoss: 1.5, kl: 50, samples: 1000, delta: 0.05, betaPAC: 1))
        XCTAssertThrowsError(try PACBayesBound.meanLoss([0, 1, 2.3])) { XCTAssertTrue("\($0)".contains("index 2")) }
        XCTAssertEqual(try PACBayesBound.meanLoss([0, 1, 1, 0]).mean, 0.5)
    }

    func testT6DiscreteShannonInformation() throws {
        let s = try ShannonInformation(runs: [[[0.9, 0.1]], [[0.1, 0.9]]], prior: [0.7, 0.3])
        XCTAssertEqual(s.information, 0.368064, accuracy: 1e-6)
        XCTAssertEqual(s.klToPrior ?? 0, 0.455241, accuracy: 1e-6)
        XCTAssertEqual(s.klToPrior ?? 0, s.information + (s.mixtureKL ?? 0), accuracy: 1e-12)
        XCTAssertEqual(s.seedEntropy, 0, accuracy: 1e-15)
    }

    func testSeedEntropyIsSeparated() throws {
        // Two seeds that pick opposite weights regardless of the data: all per-seed information is seed entropy.
        let s = try ShannonInformation(runs: [[[1, 0], [0, 1]], [[1, 0], [0, 1]]])
        XCTAssertEqual(s.information, 0, accuracy: 1e-15)
        XCTAssertEqual(s.perSeed, log(2), accuracy: 1e-12)
        XCTAssertEqual(s.seedEntropy, log(2), accuracy: 1e-12)
        XCTAssertThrowsError(try ShannonInformation(runs: [[[0.5, 0.6]]])) { XCTAssertTrue("\($0)".contains("summing to 1")) }
    }

    func testGaussianKL() throws {
        // 1-D: KL(N(0,1)‖N(1,4)) = log 2 + (1 + 1)/8 − ½.
        let kl = try GaussianKL.divergence(mean0: [0], covariance0: Matrix64([[1]]), mean1: [1], covariance1: Matrix64([[4]]))
        XCTAssertEqual(kl, log(2) + 2.0 / 8 - 0.5, accuracy: 1e-12)
        // Two posteriors N(±a, 1) sharing unit variance: the bound ½ log(1 + a²) holds and is tight as a → 0.
        let bound = try GaussianKL.sharedCovarianceInformation(means: [[0.1], [-0.1]], covariance: Matrix64([[1]]))
        XCTAssertEqual(bound, 0.5 * log(1.01), accuracy: 1e-12)
        XCTAssertThrowsError(try GaussianKL.divergence(mean0: [0], covariance0: Matrix64([[1]]), mean1: [0, 1], covariance1: Matrix64([[1]])))
    }
}
