import XCTest
import Foundation
import KernelTiles
import TensorKernels
@testable import TensorRuntime

/// `fillStandardNormals` gives the values of `nextNormal()` called in a row, and leaves the stream
/// where those calls would, on one thread or spread over a pool, from any state of the stream.
final class NormalFillTests: XCTestCase {
    /// The stream after `prefix` draws of the given kinds: fresh, with a spare normal pending, or
    /// with a block partly used.
    private func stream(_ prefix: String) -> RandomStream {
        var s = RandomStream(seed: 7, stream: 3)
        switch prefix {
        case "spare": _ = s.nextNormal()
        case "partial": _ = s.nextUInt32()
        default: break
        }
        return s
    }

    func testTheFillIsTheSequenceOfSingleDraws() throws {
        let pool = WorkerPool(threadCount: 2)
        for prefix in ["fresh", "spare", "partial"] {
            // Below and above the size from which the fill is shared out, odd and even.
            for count in [0, 1, 5, RandomStream.parallelNormalMinimum - 1, 70_001, 70_002] {
                var sequential = stream(prefix)
                let expected = (0..<count).map { _ in sequential.nextNormal() }
                for threads in [nil, pool] {
                    var filled = stream(prefix)
                    var values = [Double](repeating: .nan, count: count)
                    TensorThreading.withPool(threads) { values.withUnsafeMutableBufferPointer { filled.fillStandardNormals($0) } }
                    XCTAssertEqual(values, expected, "\(prefix), \(count) values, \(threads == nil ? 1 : 2) threads")
                    // The next draws agree too: the fill left the stream where the single draws did.
                    var after = sequential
                    XCTAssertEqual(filled.nextNormal(), after.nextNormal(), "\(prefix), \(count)")
                    XCTAssertEqual(filled.nextUInt32(), after.nextUInt32(), "\(prefix), \(count)")
                }
            }
        }
    }
}

/// The kernel variants' Philox loop gives `Philox4x32.block` word for word, on every path this CPU
/// runs, for counts that are and are not multiples of the vector width, and across the carry
/// from the counter's low word into its high word.
final class PhiloxBlocksTests: XCTestCase {
    func testEveryPathGivesTheScalarBlocks() {
        let (seed, stream): (UInt64, UInt64) = (0x1234_5678_9ABC_DEF0, 0x0FED_CBA9_8765_4321)
        for path in KernelPath.allCases where path.runs(on: .current()) {
            for (first, count) in [(UInt64(0), 1), (5, 37), (0xFFFF_FFF8, 21), (UInt64.max - 3, 3)] {
                var words = [UInt32](repeating: 0, count: 4 * count)
                words.withUnsafeMutableBufferPointer {
                    path.randomKernels.philoxBlocks(first, stream, seed, count, $0.baseAddress!)
                }
                for j in 0..<count {
                    let index = first &+ UInt64(j)
                    let block = Philox4x32.block(counter: RandomStream.words(index, stream), key: RandomStream.words(seed))
                    XCTAssertEqual(Array(words[(4 * j)..<(4 * j + 4)]), [block[0], block[1], block[2], block[3]],
                                   "\(path), block \(index)")
                }
            }
        }
    }
}

/// `NormalTransform`'s logarithm, sine and cosine against libm's, through whole draws: each normal
/// within a few units in the last place of Box–Muller computed with `Foundation.log`, `sin` and
/// `cos` from the same bits (the angle's own rounding, 2π·v against the quarter turns, is about
/// 1e-16 of 2π, times a radius of at most 8.6).
final class NormalTransformTests: XCTestCase {
    /// Every path's vector fill gives `nextNormal()`'s values bit for bit (its eight lanes and the
    /// single draw's two do the same IEEE operations), including a last group of fewer than eight.
    func testEveryPathsFillIsTheSingleDraws() {
        for path in KernelPath.allCases where path.runs(on: .current()) {
            var single = RandomStream(seed: 9, stream: 2, blockIndex: 3)
            let expected = (0..<(2 * 29)).map { _ in single.nextNormal() }
            var values = [Double](repeating: .nan, count: expected.count)
            values.withUnsafeMutableBufferPointer { path.randomKernels.normalPairs(3, 2, 9, 29, $0.baseAddress!) }
            XCTAssertEqual(values, expected, "\(path)")
        }
    }

    func testDrawsAgreeWithLibmBoxMuller() {
        var stream = RandomStream(seed: 11, stream: 5)
        var reference = stream
        var worst = 0.0
        for _ in 0..<200_000 {
            let low = reference.next(), high = reference.next()
            let u1 = (Double(low >> 11) + 1) * RandomStream.doubleULP, angle = 2 * Double.pi * (Double(high >> 11) * RandomStream.doubleULP)
            let radius = (-2 * Foundation.log(u1)).squareRoot()
            let a = stream.nextNormal(), b = stream.nextNormal()
            worst = max(worst, abs(a - radius * Foundation.cos(angle)), abs(b - radius * Foundation.sin(angle)))
        }
        XCTAssertLessThan(worst, 1e-14)
        // The extremes: u₁ = 1 gives radius 0; u₁ = 2⁻⁵³ the largest radius, √(106 ln 2).
        let largest = NormalTransform.pair(NormalTransform.split(radiusBits: 0, angleBits: 0))
        XCTAssertEqual(largest.0, (106 * Foundation.log(2.0)).squareRoot(), accuracy: 1e-14)
        XCTAssertEqual(largest.1, 0)
        XCTAssertEqual(NormalTransform.pair(NormalTransform.split(radiusBits: UInt64.max, angleBits: 1 << 62)).1, 0)
    }
}
