import XCTest
@testable import Probes

/// The bound objective of the variational fit: its value is Pérez-Ortiz et al.'s quadratic bound,
/// and the β it sets is the ratio of the bound's slopes in KL and in the error.
final class VariationalObjectiveTests: XCTestCase {
    func testTheValueIsTheQuadraticBound() {
        let objective = VariationalObjective.bound(samples: 60_000, delta: 0.05)
        let b = (5000 + log(2 * 60_000.0.squareRoot() / 0.05)) / 120_000
        XCTAssertEqual(objective.value(fixedBeta: 1, loss: 0.04, kl: 5000), pow((0.04 + b).squareRoot() + b.squareRoot(), 2), accuracy: 1e-15)
        // A loss above 1 counts as 1: the bound is on a loss in [0, 1].
        XCTAssertEqual(objective.value(fixedBeta: 1, loss: 3, kl: 5000), objective.value(fixedBeta: 1, loss: 1, kl: 5000))
        XCTAssertEqual(VariationalObjective.lagrangian.value(fixedBeta: 0.01, loss: 0.3, kl: 20), 0.5, accuracy: 1e-15)
    }

    func testBetaIsTheRatioOfTheBoundsSlopes() {
        let objective = VariationalObjective.bound(samples: 10_000, delta: 0.025)
        for (loss, kl) in [(0.02, 300.0), (0.3, 5.0), (0.001, 40_000.0)] {
            let h = 1e-6
            let dLoss = (objective.value(fixedBeta: 1, loss: loss + h, kl: kl) - objective.value(fixedBeta: 1, loss: loss - h, kl: kl)) / (2 * h)
            let dKL = (objective.value(fixedBeta: 1, loss: loss, kl: kl + h * 1000) - objective.value(fixedBeta: 1, loss: loss, kl: kl - h * 1000)) / (2000 * h)
            XCTAssertEqual(objective.beta(fixed: 1, loss: loss, kl: kl), dKL / dLoss, accuracy: 1e-6 * dKL / dLoss, "loss \(loss), KL \(kl)")
        }
        XCTAssertEqual(VariationalObjective.lagrangian.beta(fixed: 0.01, loss: 0.3, kl: 20), 0.01)
    }
}
