import Foundation
import KernelTiles

extension RandomStream {
    /// 2⁻²⁴ and 2⁻⁵³: one unit in the last place of a Float / Double significand in [0, 1).
    static let floatULP: Float = 1.0 / 16_777_216
    static let doubleULP: Double = 1.0 / 9_007_199_254_740_992

    /// Returns a uniform Float in [0, 1) on the grid of multiples of 2⁻²⁴ (24 random bits).
    public mutating func nextFloat() -> Float {
        Float(nextUInt32() >> 8) * RandomStream.floatULP
    }

    /// Returns a uniform Double in [0, 1) on the grid of multiples of 2⁻⁵³ (53 random bits).
    public mutating func nextDouble() -> Double {
        Double(next() >> 11) * RandomStream.doubleULP
    }

    /// Returns a standard normal Double by the Box–Muller transform.
    ///
    /// Box–Muller (rather than a ziggurat) keeps the draw count fixed — two 64-bit words per pair
    /// of normals — so positions in the stream stay predictable. The first word gives the radius's
    /// uniform in (0, 1], so the logarithm is finite; the largest magnitude it can produce is
    /// sqrt(2·53·ln 2) ≈ 8.57. The logarithm, sine and cosine are `NormalTransform`'s, the ones
    /// the vector fills use, so a fill gives these values bit for bit. The second normal of each
    /// pair is kept and returned by the next call.
    public mutating func nextNormal() -> Double {
        if let spare = spareNormal {
            spareNormal = nil
            return spare
        }
        let (first, second) = NormalTransform.pair(NormalTransform.split(radiusBits: next(), angleBits: next()))
        spareNormal = second
        return first
    }

    /// Returns a uniform integer in `0..<bound` without modulo bias; `bound` must be positive.
    ///
    /// Lemire's multiply-and-reject: the high word of `r * bound` is uniform once the few values of
    /// `r` whose low word falls below `2⁶⁴ mod bound` are rejected.
    mutating func nextUInt64(below bound: UInt64) -> UInt64 {
        var product = next().multipliedFullWidth(by: bound)
        if product.low < bound {
            let threshold = (0 &- bound) % bound
            while product.low < threshold {
                product = next().multipliedFullWidth(by: bound)
            }
        }
        return product.high
    }

    /// Returns a uniform integer in `range`, without modulo bias.
    ///
    /// - Throws: `RandomError.emptyRange` when the range has no elements.
    public mutating func nextInt(in range: Range<Int>) throws -> Int {
        guard !range.isEmpty else {
            throw RandomError.emptyRange(operation: "random integer",
                                         lower: range.lowerBound, upper: range.upperBound)
        }
        // The width fits in UInt64 even for the full Int range, so bit-pattern arithmetic is exact.
        let width = UInt64(bitPattern: Int64(range.upperBound &- range.lowerBound))
        return range.lowerBound &+ Int(truncatingIfNeeded: nextUInt64(below: width))
    }

    /// Returns a uniform integer in `range`, without modulo bias.
    public mutating func nextInt(in range: ClosedRange<Int>) -> Int {
        let width = UInt64(bitPattern: Int64(range.upperBound &- range.lowerBound)) &+ 1
        // A width of 0 means the range covers all 2⁶⁴ integers: every 64-bit pattern is valid.
        let offset = width == 0 ? next() : nextUInt64(below: width)
        return range.lowerBound &+ Int(truncatingIfNeeded: offset)
    }
}
