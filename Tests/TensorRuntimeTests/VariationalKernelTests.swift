import Foundation
import KernelTiles
import TensorKernels
import TensorRuntime
import XCTest

/// The variational fit's per-weight kernels: the vector `exp` against libm's, and every kernel
/// path against the others (the same IEEE operations lane by lane, so the same bits), on lengths
/// that leave a partial vector at the end.
final class VariationalKernelTests: XCTestCase {
    func testTheVectorExponentialIsWithinAFewUnitsOfLibm() {
        var stream = RandomStream(seed: 3)
        var worst = 0.0
        for _ in 0..<20_000 {
            var x = DoubleLanes.zero
            for lane in 0..<8 { x[lane] = 60 * stream.nextDouble() - 40 }
            let e = exponential(x)
            for lane in 0..<8 { worst = max(worst, abs(e[lane] - Foundation.exp(x[lane])) / Foundation.exp(x[lane])) }
        }
        XCTAssertLessThan(worst, 4e-16)
        let edges = exponential(DoubleLanes(0, -800, 800, .nan, 1, -1, 709, -0.5))
        XCTAssertEqual(edges[0], 1)
        XCTAssertEqual(edges[1] / Foundation.exp(-700), 1, accuracy: 4e-16, "taken at −700")
        XCTAssertTrue(edges[3].isNaN, "nan stays nan")
        XCTAssertEqual(edges[4], M_E, accuracy: 4e-16 * M_E)
    }

    func testEveryPathGivesTheSameBits() throws {
        let paths = KernelPath.allCases.filter { $0.runs(on: .current()) }
        var stream = RandomStream(seed: 8)
        let n = 1_003
        func vector(_ scale: Double, _ offset: Double = 0) -> [Double] { (0..<n).map { _ in offset + scale * stream.nextNormal() } }
        let rho = vector(1, -4), mean = vector(0.1), noise = vector(1), g = vector(0.01)
        let mu = UnsafeMutablePointer<Double>.allocate(capacity: n)
        mu.initialize(from: vector(0.1), count: n)
        defer { mu.deallocate() }
        var results: [[Double]] = []
        for path in paths {
            let k = path.variationalKernels
            // One block of memory per vector, alive for the whole loop body (the operands keep pointers).
            func block(_ values: [Double]) -> UnsafeMutablePointer<Double> {
                let p = UnsafeMutablePointer<Double>.allocate(capacity: n)
                p.initialize(from: values, count: n)
                return p
            }
            let zeros = [Double](repeating: 0, count: n)
            let sigma = block(zeros), point = block(zeros), rhoGradient = block(zeros), meanGradient = block(zeros)
            let r = block(rho), m = block(mean), rhoM = block(zeros), rhoV = block(zeros), meanM = block(zeros), meanV = block(zeros)
            let all = [sigma, point, rhoGradient, meanGradient, r, m, rhoM, rhoV, meanM, meanV]
            defer { all.forEach { $0.deallocate() } }
            let kl = k.sigmaAndKL(rho, sigma, mean, mu, n, 0.01, Foundation.log(0.01))
            k.point(point, mean, sigma, noise, n, -1)
            k.lossGradient(rhoGradient, meanGradient, g, noise, sigma, n, -1, 2)
            let operands = VariationalOperands(rho: r, rhoM: rhoM, rhoV: rhoV, rhoGradient: rhoGradient, sigma: sigma,
                                               mean: m, meanM: meanM, meanV: meanV, meanGradient: meanGradient, mu: mu)
            k.update(operands, 0, n, 0.01, 1e-3, AdamSettings(rate: 0.05, meanRate: 1e-3, c1: 0.1, c2: 0.001))
            results.append([kl] + all.prefix(6).flatMap { Array(UnsafeBufferPointer(start: $0, count: n)) })
            XCTAssertTrue(kl.isFinite && kl > 0, "\(path): \(kl)")
        }
        for (path, result) in zip(paths, results).dropFirst() { XCTAssertEqual(result, results[0], "\(path) against \(paths[0])") }
    }
}
