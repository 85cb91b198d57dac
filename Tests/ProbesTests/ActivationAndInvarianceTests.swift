import TensorKernels
import XCTest
import TensorRuntime
@testable import Probes

/// P7 and P8.
final class ActivationAndInvarianceTests: XCTestCase {
    private func t7Map() throws -> (ActivationMap<Double>, Tensor<Double>, Matrix64) {
        let w = try Tensor<Double>(rows: [[1, 0.5, 0], [0, 1, -1]])
        let map = ActivationMap<Double>(parameters: [w]) { p, x in try p[0].matmul(x.reshaped([3, 1])) }
        return (map, try Tensor<Double>([1, 2, -1]), Matrix64.diagonal([Double](repeating: 2, count: 6)))
    }

    func testT7CorrectedTermsAndPrintedForm() throws {
        let (map, x, f) = try t7Map()
        let r = try ActivationInformation.linearised(map, at: x, fisher: f, beta: 0.1)
        let sigma = try XCTUnwrap(r.sigmaZ)
        // Σ_z and the mean term are exact products in Double: 1e-12.
        for (got, want) in zip(sigma.elements, [0.3, 0, 0, 0.3]) { XCTAssertEqual(got, want, accuracy: 1e-12) }
        let third: Double = 1.0 / 3
        let mean: [Double] = [10, 5, 0, 5, 12.5, -10, 0, -10, 10].map { $0 * third }
        for (got, want) in zip(r.meanTerm.elements, mean) { XCTAssertEqual(got, want, accuracy: 1e-10) }
        // Covariance term: 2m·xxᵀ/‖x‖⁴ with m = 2; Σ_z is quadratic in x, so central differences
        // are exact up to rounding (~1e-16/step² relative = 1e-8): 1e-7.
        let cov = try XCTUnwrap(r.covarianceTerm)
        let xs = [1.0, 2, -1]
        for a in 0..<3 { for b in 0..<3 { XCTAssertEqual(cov[a, b], 4 * xs[a] * xs[b] / 36, accuracy: 1e-7) } }
        XCTAssertEqual(r.trace, 10.8333333 + 0.6666667, accuracy: 1e-6)
        XCTAssertFalse(r.isPseudoLogDeterminant)
        let printed = try ActivationInformation.linearised(map, at: x, fisher: f, beta: 0.1, form: .paperPrinted)
        for (got, want) in zip(printed.fisher.elements, [120.0, 60, 0, 60, 150, -120, 0, -120, 120]) { XCTAssertEqual(got, want, accuracy: 1e-9) }
        // WᵀW has rank 2 < dim x = 3: the printed form's log-det is a pseudo-log-det, flagged.
        XCTAssertTrue(printed.isPseudoLogDeterminant)
        XCTAssertTrue(printed.text.contains("pseudo-log-det"))
        XCTAssertTrue(printed.text.contains("paper's printed form"))
    }

    /// F = c·I without the k×k matrix: the same F_z|x, both forms, as the matrix 2·I of T7.
    func testIsotropicFisherMatchesTheMatrix() throws {
        let (map, x, f) = try t7Map()
        for form in [ActivationFisherForm.corrected, .paperPrinted] {
            let full = try ActivationInformation.linearised(map, at: x, fisher: f, beta: 0.1, epsilon: 1e-3, form: form)
            let iso = try ActivationInformation.linearised(map, at: x, isotropicFisher: 2, beta: 0.1, epsilon: 1e-3, form: form)
            for (got, want) in zip(iso.fisher.elements, full.fisher.elements) { XCTAssertEqual(got, want, accuracy: 1e-9 * max(1, abs(want))) }
            XCTAssertEqual(iso.logDeterminant, full.logDeterminant, accuracy: 1e-9)
        }
        XCTAssertThrowsError(try ActivationInformation.linearised(map, at: x, isotropicFisher: 0, beta: 0.1)) {
            XCTAssertTrue("\($0)".contains("c > 0"), "\($0)")
        }
    }

    func testActivationBadRequests() throws {
        let (map, x, f) = try t7Map()
        XCTAssertThrowsError(try ActivationInformation.linearised(map, at: x, fisher: f, beta: -1)) { XCTAssertTrue("\($0)".contains("β must be positive")) }
        XCTAssertThrowsError(try ActivationInformation.linearised(map, at: x, fisher: Matrix64.identity(5), beta: 0.1)) {
            XCTAssertTrue("\($0)".contains("has 6 weights"), "\($0)")
        }
        XCTAssertThrowsError(try ActivationInformation.linearised(map, at: x, fisher: try Matrix64(rows: 6, columns: 6), beta: 0.1)) {
            XCTAssertTrue("\($0)".contains("pass damping > 0"), "\($0)")
        }
        XCTAssertThrowsError(try ActivationInformation.linearised(map, at: Tensor<Double>([1, 2]), fisher: f, beta: 0.1)) {
            XCTAssertTrue("\($0)".contains("activation map failed"), "\($0)")
        }
    }

    /// z = M W x with M = [[1, 0], [1, 1]]: both outputs move with W's first row, which the weight
    /// Fisher barely constrains (1e-310), so F⁻¹ and Σ_z overflow: no ε helps, only damping. The
    /// advice must say so, naming the damping given, not ask for the epsilon already passed.
    func testSingularCovarianceAdviceNamesWhatToChange() throws {
        // 1e-310 is a subnormal Double, which a thread that ran kernels flushes to 0 (FTZ/DAZ):
        // this case needs it kept.
        let flushed = DenormalMode.currentThreadFlushes
        DenormalMode.apply(flush: false)
        defer { DenormalMode.apply(flush: flushed) }
        let w = try Tensor<Double>(rows: [[1, 0.5], [0.5, 1]])
        let mix = try Tensor<Double>(rows: [[1, 0], [1, 1]])
        let map = ActivationMap<Double>(parameters: [w]) { p, x in try mix.matmul(p[0]).matmul(x.reshaped([2, 1])) }
        let x = try Tensor<Double>([1, 2]), fisher = Matrix64.diagonal([1e-310, 1e-310, 1, 1])
        XCTAssertThrowsError(try ActivationInformation.linearised(map, at: x, fisher: fisher, beta: 0.1, epsilon: 1e-3, damping: 1e-312)) {
            let e = try? XCTUnwrap($0 as? ActivationCovarianceSingular)
            XCTAssertEqual(e?.needsDamping, true)
            let text = "\($0)"
            XCTAssertTrue(text.contains("raise damping from 1e-312, e.g. 0.0005"), text)
            XCTAssertFalse(text.contains("epsilon"), text)
        }
        // The damping it suggests works.
        XCTAssertNoThrow(try ActivationInformation.linearised(map, at: x, fisher: fisher, beta: 0.1, epsilon: 1e-3, damping: 5e-4))
        // A well-conditioned Fisher: the advice is about ε, and names the one given.
        let flat = ActivationCovarianceSingular(reason: "r", epsilon: 1e-9, damping: 0, largestVariance: 2, fisherPivotRatio: 0.5,
                                                meanFisherDiagonal: 1)
        XCTAssertTrue(flat.advice.contains("raise epsilon from 1e-09"), flat.advice)
        XCTAssertFalse(flat.advice.contains("damping"), flat.advice)
        // A weight Fisher that is not positive definite even with the damping given.
        XCTAssertThrowsError(try ActivationInformation.linearised(map, at: x, fisher: Matrix64.diagonal([1, 1, 1, -1e-7]), beta: 0.1,
                                                                  damping: 1e-9)) {
            XCTAssertTrue("\($0)".contains("raise damping from 1e-09"), "\($0)")
        }
    }

    func testT8GaussianChannel() throws {
        XCTAssertEqual(try GaussianChannel.information(gain: 1, noise: 0.1, dimension: 2), 4.615121, accuracy: 1e-6)
        XCTAssertEqual(try GaussianChannel.highSNRApproximation(gain: 1, noise: 0.1, dimension: 2), 4.605170, accuracy: 1e-6)
        XCTAssertEqual(try GaussianChannel.information(gain: 1, noise: 1, dimension: 2), 0.693147, accuracy: 1e-6)
        XCTAssertEqual(try GaussianChannel.highSNRApproximation(gain: 1, noise: 1, dimension: 2), 0, accuracy: 1e-12)
        XCTAssertThrowsError(try GaussianChannel.information(gain: 1, noise: 0, dimension: 2))
    }

    func testP8GaussianNuisanceFromSamples() throws {
        let (a, b, sigma) = (1.0, 0.5, 0.5)
        let exact = try GaussianChannel.nuisanceTest(a: a, b: b, noise: sigma)
        var random = RandomStream(seed: 21)
        var z: [[Double]] = [], v: [[Double]] = [], x: [[Double]] = []
        for _ in 0..<20_000 {
            let (u, w, e) = (random.nextNormal(), random.nextNormal(), random.nextNormal())
            z.append([a * u + b * w + sigma * e]); v.append([w]); x.append([u, w])
        }
        // The Gaussian MI estimate has a standard error about 1/√n ≈ 0.007 here: 0.025 is over 3 of them.
        XCTAssertEqual(try MutualInformationEstimator.gaussian(z, v), exact.nuisance, accuracy: 0.025)
        XCTAssertEqual(try MutualInformationEstimator.gaussian(z, x), exact.input, accuracy: 0.025)
        let report = InvarianceReport(nuisance: exact.nuisance, input: exact.input, task: 0)
        XCTAssertTrue(report.holds)
        XCTAssertTrue(report.text.contains("holds"))
    }

    func testClassConditionalEstimatorAgainstQuadrature() throws {
        // c uniform on {0, 1}, z = ±1 + N(0, 1): I(z;c) by the trapezoid rule on [−12, 12], step 1e-3
        // (error far below 1e-8), as the reference.
        func density(_ z: Double, _ m: Double) -> Double { exp(-0.5 * (z - m) * (z - m)) / (2 * Double.pi).squareRoot() }
        var reference = 0.0
        for i in 0...24_000 {
            let zv = -12 + Double(i) * 1e-3
            let p0 = density(zv, -1), p1 = density(zv, 1), mix = 0.5 * (p0 + p1)
            let f = 0.5 * (p0 * log(p0 / mix) + p1 * log(p1 / mix))
            reference += (i == 0 || i == 24_000 ? 0.5 : 1) * f * 1e-3
        }
        var random = RandomStream(seed: 5)
        var z: [[Double]] = [], c: [Int] = []
        for _ in 0..<4000 {
            let label = random.nextDouble() < 0.5 ? 0 : 1
            c.append(label); z.append([(label == 0 ? -1 : 1) + random.nextNormal()])
        }
        let estimate = try MutualInformationEstimator.gaussianClassConditional(z, classes: c)
        // 4 standard errors plus the fitting bias (~5 parameters / (2n) ≈ 6e-4): 2e-3.
        XCTAssertEqual(estimate.value, reference, accuracy: 4 * estimate.standardError + 2e-3)
        XCTAssertThrowsError(try MutualInformationEstimator.gaussianClassConditional([[1], [2], [3]], classes: [0, 0, 1])) {
            XCTAssertTrue("\($0)".contains("class 1 has 1 sample"), "\($0)")
        }
    }
}

/// P7's Monte Carlo route.
final class ActivationSamplingTests: XCTestCase {
    func testSampledActivationsHaveTheLinearisedCovariance() throws {
        let w = try Tensor<Double>(rows: [[1, 0.5, 0], [0, 1, -1]])
        let map = ActivationMap<Double>(parameters: [w]) { p, x in try p[0].matmul(x.reshaped([3, 1])) }
        // A non-diagonal weight Fisher, so the test exercises the Cholesky route.
        var f = Matrix64.diagonal([2, 3, 2, 4, 2, 3])
        f.elements[0 * 6 + 1] = 0.5
        f.elements[1 * 6 + 0] = 0.5
        let x = try Tensor<Double>([1, 2, -1])
        let linear = try XCTUnwrap(ActivationInformation.linearised(map, at: x, fisher: f, beta: 0.1).sigmaZ)
        let z = try ActivationInformation.sampleActivations(map, inputs: [x], fisher: f, beta: 0.1, draws: 20_000, seed: 7)
        let (mean, cov) = try MutualInformationEstimator.moments(z)
        // z is linear in w, so z_n is exactly N(Wx, Σ_z). Sample covariance error ≈ Σ·√(2/n) ≈ 0.003: 0.015.
        for i in 0..<4 { XCTAssertEqual(cov.elements[i], linear.elements[i], accuracy: 0.015) }
        XCTAssertEqual(mean[0], 2, accuracy: 0.02)
        XCTAssertEqual(mean[1], 3, accuracy: 0.02)
    }
}
