import XCTest
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
