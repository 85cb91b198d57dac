/// The Philox4x32-10 counter-based bijection of Salmon et al., "Parallel Random Numbers: As Easy
/// as 1, 2, 3" (SC 2011).
///
/// It maps a 128-bit counter and a 64-bit key to 128 random-looking bits. Because the output is a
/// pure function of (counter, key), any block can be computed independently of every other one, so
/// results never depend on how work is split between threads.
public enum Philox4x32 {
    /// Multipliers of the two multiply-hi/lo S-boxes (the published Philox4x32 constants).
    static let multiplier0: UInt32 = 0xD251_1F53
    static let multiplier1: UInt32 = 0xCD9E_8D57
    /// Key increments (Weyl sequence): the golden ratio and sqrt(3) - 1 as 32-bit fractions.
    static let keyIncrement0: UInt32 = 0x9E37_79B9
    static let keyIncrement1: UInt32 = 0xBB67_AE85
    /// Ten rounds: the variant Random123 recommends, with a safety margin over the 7 that pass BigCrush.
    static let rounds = 10

    /// Encrypts one 128-bit counter under a 64-bit key and returns the four output words.
    public static func block(counter: SIMD4<UInt32>, key: SIMD2<UInt32>) -> SIMD4<UInt32> {
        var x = counter
        var k = key
        for round in 0..<rounds {
            if round > 0 {
                k[0] &+= keyIncrement0
                k[1] &+= keyIncrement1
            }
            let p0 = UInt64(multiplier0) &* UInt64(x[0])
            let p1 = UInt64(multiplier1) &* UInt64(x[2])
            let hi0 = UInt32(truncatingIfNeeded: p0 >> 32), lo0 = UInt32(truncatingIfNeeded: p0)
            let hi1 = UInt32(truncatingIfNeeded: p1 >> 32), lo1 = UInt32(truncatingIfNeeded: p1)
            x = SIMD4(hi1 ^ x[1] ^ k[0], lo1, hi0 ^ x[3] ^ k[1], lo0)
        }
        return x
    }
}
