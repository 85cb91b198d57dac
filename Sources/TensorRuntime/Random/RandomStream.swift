import Foundation
import TensorKernels

/// A seeded, counter-based random generator built on Philox4x32-10.
///
/// A stream is named by a 64-bit `seed` (the Philox key) and a 64-bit `stream` id; its n-th 128-bit
/// block is `Philox4x32.block(counter: (n, stream), key: seed)`. The output therefore depends only
/// on (seed, stream, position), never on which thread draws it or in what order other streams are
/// used. Independent consumers get their own streams with `split(_:)` or `init(seed:stream:)`.
///
/// It is a value type: copying a stream copies its position, and the copy replays the same numbers.
public struct RandomStream: RandomNumberGenerator, Sendable, Equatable {
    /// The Philox key.
    public let seed: UInt64
    /// The stream id, stored in the upper half of the Philox counter.
    public let stream: UInt64
    /// Index of the next 128-bit block to generate.
    public private(set) var blockIndex: UInt64
    /// The current block, and how many of its four words have been handed out.
    private var buffer: SIMD4<UInt32> = .zero
    private var used = 4
    /// The second value of the last Box–Muller pair, kept so no draw is wasted.
    var spareNormal: Double?

    /// Creates the stream `stream` of generator `seed`, positioned at block `blockIndex`.
    ///
    /// Starting at block `b` gives the same words as drawing `4 * b` words from block 0, so a
    /// parallel consumer can jump straight to its share of a long sequence.
    public init(seed: UInt64, stream: UInt64 = 0, blockIndex: UInt64 = 0) {
        self.seed = seed
        self.stream = stream
        self.blockIndex = blockIndex
    }

    /// Returns the independent child stream number `index` of this stream.
    ///
    /// The child keeps the seed and takes a new stream id: 64 bits of a Philox block of
    /// (index, parent stream) under a key offset from the seed, so the id is a fixed function of the
    /// parent and the index and does not depend on the parent's position. Two different children
    /// collide with probability 2⁻⁶⁴ per pair.
    public func split(_ index: UInt64) -> RandomStream {
        // A fixed odd offset separates the key used for deriving ids from the key used for output.
        let derivationKey = seed ^ 0x5851_F42D_4C95_7F2D
        let bits = Philox4x32.block(counter: RandomStream.words(index, stream),
                                    key: RandomStream.words(derivationKey))
        let child = UInt64(bits[0]) | UInt64(bits[1]) << 32
        return RandomStream(seed: seed, stream: child)
    }

    /// Returns the next 32 random bits.
    public mutating func nextUInt32() -> UInt32 {
        if used == 4 {
            let low = UInt32(truncatingIfNeeded: blockIndex)
            let high = UInt32(truncatingIfNeeded: blockIndex >> 32)
            let counter = SIMD4(low, high, UInt32(truncatingIfNeeded: stream),
                                UInt32(truncatingIfNeeded: stream >> 32))
            buffer = Philox4x32.block(counter: counter, key: RandomStream.words(seed))
            blockIndex &+= 1
            used = 0
        }
        defer { used += 1 }
        return buffer[used]
    }

    /// Returns the next 64 random bits (two consecutive 32-bit words, the first as the low half).
    public mutating func next() -> UInt64 {
        let low = UInt64(nextUInt32())
        return low | UInt64(nextUInt32()) << 32
    }

    static func words(_ value: UInt64) -> SIMD2<UInt32> {
        SIMD2(UInt32(truncatingIfNeeded: value), UInt32(truncatingIfNeeded: value >> 32))
    }

    static func words(_ a: UInt64, _ b: UInt64) -> SIMD4<UInt32> {
        let x = words(a), y = words(b)
        return SIMD4(x[0], x[1], y[0], y[1])
    }
}

extension RandomStream {
    /// Below this many values a fill runs on the calling thread: a hand-off costs more.
    static let parallelNormalMinimum = 1 << 15

    /// Fills `buffer` with standard normals, exactly the values `buffer.count` calls of
    /// `nextNormal()` would return, and leaves the stream where those calls would.
    ///
    /// Once no spare normal is pending and the current block is used up, each pair of normals
    /// comes from one whole Philox block, so pair j depends only on block `blockIndex + j`: the
    /// blocks come from the kernel variant's vector loop, many counters at once, and the pairs
    /// are spread over the tensor pool in force (`TensorThreading.pool`). Otherwise (a block
    /// partly used by other draws) the fill runs in order on the calling thread.
    public mutating func fillStandardNormals(_ buffer: UnsafeMutableBufferPointer<Double>) {
        var start = 0
        if spareNormal != nil, !buffer.isEmpty {
            buffer[0] = nextNormal()
            start = 1
        }
        let pairs = (buffer.count - start) / 2
        guard used == 4 else {
            for i in start..<buffer.count { buffer[i] = nextNormal() }
            return
        }
        let (first, seed, stream) = (blockIndex, self.seed, self.stream)
        let out = buffer.baseAddress.map { $0 + start }
        if let pool = TensorThreading.pool, pool.threadCount > 1, 2 * pairs >= Self.parallelNormalMinimum, let out {
            let parts = 4 * pool.threadCount
            pool.parallelFor(parts) { part, _ in
                let low = part * pairs / parts, high = (part + 1) * pairs / parts
                Self.normalPairs(seed: seed, stream: stream, first: first + UInt64(low), count: high - low, into: out + 2 * low)
            }
        } else if let out {
            Self.normalPairs(seed: seed, stream: stream, first: first, count: pairs, into: out)
        }
        blockIndex = first + UInt64(pairs)
        // An odd count leaves one value: drawn here, its partner stays pending as the spare.
        if start + 2 * pairs < buffer.count { buffer[buffer.count - 1] = nextNormal() }
    }

    /// `count` pairs of normals from the blocks `first ..< first + count` of `(seed, stream)`,
    /// by the kernel variant's loop: `nextNormal()`'s transform, operation for operation.
    static func normalPairs(seed: UInt64, stream: UInt64, first: UInt64, count: Int, into out: UnsafeMutablePointer<Double>) {
        KernelPath.active.randomKernels.normalPairs(first, stream, seed, count, out)
    }
}
