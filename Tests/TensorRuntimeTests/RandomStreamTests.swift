import XCTest
import TensorRuntime

final class RandomStreamTests: XCTestCase {
    // Known-answer vectors for Philox4x32-10 published with Random123 (kat_vectors):
    // counter (4 words), key (2 words) -> output (4 words).
    func testPhiloxKnownAnswerVectors() {
        let cases: [(SIMD4<UInt32>, SIMD2<UInt32>, SIMD4<UInt32>)] = [
            (SIMD4(0, 0, 0, 0), SIMD2(0, 0),
             SIMD4(0x6627_E8D5, 0xE169_C58D, 0xBC57_AC4C, 0x9B00_DBD8)),
            (SIMD4(repeating: 0xFFFF_FFFF), SIMD2(repeating: 0xFFFF_FFFF),
             SIMD4(0x408F_276D, 0x41C8_3B0E, 0xA20B_C7C6, 0x6D54_51FD)),
            (SIMD4(0x243F_6A88, 0x85A3_08D3, 0x1319_8A2E, 0x0370_7344), SIMD2(0xA409_3822, 0x299F_31D0),
             SIMD4(0xD16C_FE09, 0x94FD_CCEB, 0x5001_E420, 0x2412_6EA1)),
        ]
        for (counter, key, expected) in cases {
            XCTAssertEqual(Philox4x32.block(counter: counter, key: key), expected)
        }
    }

    func testStreamWordsAreThePhiloxBlocksOfItsCounter() {
        var rng = RandomStream(seed: 0x299F_31D0_A409_3822, stream: 0x0370_7344_1319_8A2E)
        var words: [UInt32] = []
        for _ in 0..<8 { words.append(rng.nextUInt32()) }
        let key = SIMD2<UInt32>(0xA409_3822, 0x299F_31D0)
        let block0 = Philox4x32.block(counter: SIMD4(0, 0, 0x1319_8A2E, 0x0370_7344), key: key)
        let block1 = Philox4x32.block(counter: SIMD4(1, 0, 0x1319_8A2E, 0x0370_7344), key: key)
        XCTAssertEqual(words, [block0[0], block0[1], block0[2], block0[3],
                               block1[0], block1[1], block1[2], block1[3]])
    }

    func testSameSeedReplaysAndOtherSeedsOrStreamsDiffer() {
        var a = RandomStream(seed: 7), b = RandomStream(seed: 7)
        var c = RandomStream(seed: 8), d = RandomStream(seed: 7, stream: 1)
        let sa = (0..<100).map { _ in a.next() }
        XCTAssertEqual(sa, (0..<100).map { _ in b.next() })
        XCTAssertNotEqual(sa, (0..<100).map { _ in c.next() })
        XCTAssertNotEqual(sa, (0..<100).map { _ in d.next() })
    }

    func testStartingAtABlockIndexEqualsSkippingItsWords() {
        var full = RandomStream(seed: 3, stream: 5)
        for _ in 0..<(4 * 10) { _ = full.nextUInt32() }
        var jumped = RandomStream(seed: 3, stream: 5, blockIndex: 10)
        XCTAssertEqual((0..<20).map { _ in full.nextUInt32() }, (0..<20).map { _ in jumped.nextUInt32() })
    }

    func testSplitIsAFunctionOfParentAndIndexOnly() {
        var parent = RandomStream(seed: 11)
        let before = parent.split(4)
        _ = parent.next()
        XCTAssertEqual(before, parent.split(4), "split must not depend on the parent's position")
        var children = Set<UInt64>()
        for i in 0..<1000 { children.insert(parent.split(UInt64(i)).stream) }
        XCTAssertEqual(children.count, 1000)
        XCTAssertFalse(children.contains(parent.stream))
        var x = parent.split(1), y = parent.split(2)
        XCTAssertNotEqual((0..<16).map { _ in x.next() }, (0..<16).map { _ in y.next() })
    }

    func testFillsMatchSequentialDraws() throws {
        var a = RandomStream(seed: 42), b = RandomStream(seed: 42)
        var filled = [Float](repeating: 0, count: 37)
        try filled.withUnsafeMutableBufferPointer { try a.fillNormal($0, mean: 2, standardDeviation: 3) }
        let drawn = (0..<37).map { _ in 2 + 3 * Float(b.nextNormal()) }
        XCTAssertEqual(filled, drawn)
        XCTAssertEqual(a, b)
    }
}
