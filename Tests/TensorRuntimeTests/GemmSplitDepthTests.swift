import XCTest
import KernelTiles
@testable import TensorKernels

/// Very deep products cut into chunks: computing each chunk's transposed product instead must
/// not change a bit.
final class GemmSplitDepthTests: XCTestCase {
    func testTransposedChunksGiveTheSameBits() {
        // The 5×5 convolution weight gradient's shape (32 × 25), its transpose flags, and a
        // plain one with an epilogue; both deep enough for the split path.
        let cases: [(m: Int, n: Int, k: Int, transA: Bool, transB: Bool, beta: Float, relu: Bool)] = [
            (32, 25, 9000, true, false, 0, false),
            (7, 19, 8192, false, true, 0.5, true),
            (13, 40, 8200, true, true, 1, false),
        ]
        var random = SplitMix(seed: 31)
        for t in cases {
            let a = (0..<(t.m * t.k)).map { _ in random.nextSigned() }
            let b = (0..<(t.k * t.n)).map { _ in random.nextSigned() }
            let bias = (0..<t.n).map { _ in random.nextSigned() }
            let initial = (0..<(t.m * t.n)).map { _ in random.nextSigned() }
            func run(transposed: Bool) -> [Float] {
                var c = initial
                a.withUnsafeBufferPointer { ap in
                    b.withUnsafeBufferPointer { bp in
                        bias.withUnsafeBufferPointer { biasp in
                            c.withUnsafeMutableBufferPointer { cp in
                                let problem = GemmProblem(
                                    m: t.m, n: t.n, k: t.k,
                                    a: GemmOperand(base: ap.baseAddress!, stride: t.transA ? t.m : t.k, transposed: t.transA),
                                    b: GemmOperand(base: bp.baseAddress!, stride: t.transB ? t.k : t.n, transposed: t.transB),
                                    c: cp.baseAddress!, ldc: t.n, alpha: 0.75, beta: t.beta,
                                    bias: biasp.baseAddress, relu: t.relu)
                                XCTAssertTrue(GemmSplitDepth.applies(to: problem))
                                GemmSplitDepth.run(problem, team: WorkerTeam(serialWith: Workspace()), transposed: transposed)
                            }
                        }
                    }
                }
                return c
            }
            XCTAssertEqual(run(transposed: true).map(\.bitPattern), run(transposed: false).map(\.bitPattern),
                           "\(t.m)×\(t.n)×\(t.k)")
        }
        let convGradient = GemmProblem(m: 32, n: 25, k: 73728, a: .init(base: UnsafePointer(bitPattern: 64)!, stride: 32, transposed: true),
                                       b: .init(base: UnsafePointer(bitPattern: 64)!, stride: 25, transposed: false),
                                       c: UnsafeMutablePointer(bitPattern: 64)!, ldc: 25, alpha: 1, beta: 0, bias: nil, relu: false)
        XCTAssertTrue(GemmSplitDepth.computesTransposed(convGradient), "32 × 25 pads to 36 × 32, its transpose to 30 × 32")
    }
}
