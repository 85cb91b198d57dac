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
