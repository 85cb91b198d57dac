/// The interpreter's seeded random numbers (SplitMix64): the same seed gives the same sequence on
/// every machine, so scripts using `random` are reproducible from `--seed`.
final class RandomSource {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A seed for a probe, experiment or run. Results print the seed they used, so it is drawn
    /// below 10^15: the language holds such a number exactly (it can be passed back as `seed:`)
    /// and prints it as plain digits.
    func nextSeed() -> UInt64 { below(Self.seedLimit) }

    static let seedLimit: UInt64 = 1_000_000_000_000_000

    /// Uniform in [0, 1): the top 53 bits, the precision of a Double's significand.
    func uniform() -> Double { Double(next() >> 11) * 0x1p-53 }

    /// Uniform integer in 0..<n without modulo bias (rejection of the short final block).
    func below(_ n: UInt64) -> UInt64 {
        guard n > 1 else { return 0 }
        let limit = UInt64.max - UInt64.max % n
        while true {
            let x = next()
            if x < limit { return x % n }
        }
    }
}
