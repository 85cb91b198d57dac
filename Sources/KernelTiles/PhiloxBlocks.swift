/// Philox4x32-10 over many consecutive counters at once, one counter per vector lane: the same
/// bijection as `TensorRuntime.Philox4x32.block`, word for word (tested against it on every
/// path), for the normal fills that draw a block per pair of normals. One block at a time in
/// `SIMD4` lanes took a sixth of a variational fit's time; the rounds of 8 or 16 blocks side by
/// side are a few vector multiplies each.
public protocol PhiloxLanes: SIMD where Scalar == UInt32 {
    /// The high and low 32 bits of each lane times `factor`.
    static func multipliedFullWidth(_ x: Self, by factor: UInt32) -> (high: Self, low: Self)
}

extension SIMD8: PhiloxLanes where Scalar == UInt32 {
    @inlinable @inline(__always)
    public static func multipliedFullWidth(_ x: Self, by factor: UInt32) -> (high: Self, low: Self) {
        let product = SIMD8<UInt64>(truncatingIfNeeded: x) &* SIMD8<UInt64>(repeating: UInt64(factor))
        return (Self(truncatingIfNeeded: product &>> 32), Self(truncatingIfNeeded: product))
    }
}

extension SIMD16: PhiloxLanes where Scalar == UInt32 {
    @inlinable @inline(__always)
    public static func multipliedFullWidth(_ x: Self, by factor: UInt32) -> (high: Self, low: Self) {
        let product = SIMD16<UInt64>(truncatingIfNeeded: x) &* SIMD16<UInt64>(repeating: UInt64(factor))
        return (Self(truncatingIfNeeded: product &>> 32), Self(truncatingIfNeeded: product))
    }
}

/// The Philox constants (Salmon et al., SC 2011): the two multipliers and the key's Weyl increments.
public enum PhiloxConstants {
    public static let multiplier0: UInt32 = 0xD251_1F53
    public static let multiplier1: UInt32 = 0xCD9E_8D57
    public static let keyIncrement0: UInt32 = 0x9E37_79B9
    public static let keyIncrement1: UInt32 = 0xBB67_AE85
    public static let rounds = 10
}

/// Writes the blocks of counters `(first + j, stream)` under `key` for j in `0..<count`, four
/// words per block in the order of `Philox4x32.block`'s result, to `out[4j ..< 4j + 4]`.
@inlinable @inline(__always)
public func philoxBlocks<Lanes: PhiloxLanes>(_: Lanes.Type, first: UInt64, stream: UInt64, key: UInt64, count: Int,
                                             into out: UnsafeMutablePointer<UInt32>) {
    let width = Lanes.scalarCount
    var laneOffsets = Lanes.zero
    for lane in 0..<width { laneOffsets[lane] = UInt32(lane) }
    var done = 0
    while done < count {
        // The counter's low 64 bits are first + done + lane; the lanes may carry into the high word.
        let base = first &+ UInt64(done)
        var x0 = Lanes(repeating: UInt32(truncatingIfNeeded: base)) &+ laneOffsets
        var x1 = Lanes(repeating: UInt32(truncatingIfNeeded: base >> 32))
        x1 &+= Lanes(repeating: 1).replacing(with: 0, where: x0 .>= laneOffsets)
        var x2 = Lanes(repeating: UInt32(truncatingIfNeeded: stream))
        var x3 = Lanes(repeating: UInt32(truncatingIfNeeded: stream >> 32))
        var k0 = UInt32(truncatingIfNeeded: key), k1 = UInt32(truncatingIfNeeded: key >> 32)
        for round in 0..<PhiloxConstants.rounds {
            if round > 0 {
                k0 &+= PhiloxConstants.keyIncrement0
                k1 &+= PhiloxConstants.keyIncrement1
            }
            let (hi0, lo0) = Lanes.multipliedFullWidth(x0, by: PhiloxConstants.multiplier0)
            let (hi1, lo1) = Lanes.multipliedFullWidth(x2, by: PhiloxConstants.multiplier1)
            (x0, x1, x2, x3) = (hi1 ^ x1 ^ Lanes(repeating: k0), lo1, hi0 ^ x3 ^ Lanes(repeating: k1), lo0)
        }
        let lanes = min(width, count - done)
        let block = out + 4 * done
        for lane in 0..<lanes {
            block[4 * lane] = x0[lane]
            block[4 * lane + 1] = x1[lane]
            block[4 * lane + 2] = x2[lane]
            block[4 * lane + 3] = x3[lane]
        }
        done += lanes
    }
}
