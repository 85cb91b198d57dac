/// Box–Muller normals from Philox blocks, with the project's own logarithm, sine and cosine so
/// that the transform runs in vector lanes: libm's scalar `log`, `sin` and `cos` were half the
/// time of a variational fit's noise. One block gives one pair: its first 64 bits the radius's
/// uniform `u₁ = (k + 1)·2⁻⁵³` in (0, 1], its second 64 bits the angle `2π·n·2⁻⁵³`.
///
/// The functions are series on small ranges, every term far below a rounding unit: `log m` for
/// `m` in [√½, √2] as `2 atanh((m − 1)/(m + 1))` (11 terms of `s^(2i+1)/(2i+1)`, |s| ≤ 0.172);
/// `sin θ` and `cos θ` for |θ| ≤ π/4 by Taylor to θ¹⁷ and θ¹⁸. The exponent of `u₁` and the
/// angle's quadrant are split off exactly in integers, so the results are within a few units in
/// the last place of the exact normals. The same arithmetic serves one draw (`RandomStream`'s
/// `nextNormal`, in two-lane vectors) and the fills (eight lanes, in each kernel variant):
/// lane by lane the same IEEE operations, so the same bits.
public enum NormalTransform {
    /// A block's integer part of the transform: `u₁ = m·2^exponent` with m in [√½, √2], the
    /// angle as whole quarter turns and `turn` in [−½, ½] more, and the whole turns as the
    /// coefficients that make the pair `(cc·cos θ + cs·sin θ, sc·cos θ + ss·sin θ)`, each 0 or ±1
    /// (exact, and the same arithmetic in every lane, where a branch per lane would stop the vectors).
    public struct Split {
        public var m: Double, exponent: Double, turn: Double
        public var cc: Double, cs: Double, sc: Double, ss: Double

        @inlinable
        public init(m: Double, exponent: Double, turn: Double, quadrant: Int) {
            self.m = m
            self.exponent = exponent
            self.turn = turn
            switch quadrant {
            case 0: (cc, cs, sc, ss) = (1, 0, 0, 1)
            case 1: (cc, cs, sc, ss) = (0, -1, 1, 0)
            case 2: (cc, cs, sc, ss) = (-1, 0, 0, -1)
            default: (cc, cs, sc, ss) = (0, 1, -1, 0)
            }
        }
    }

    @inlinable @inline(__always)
    public static func split(radiusBits: UInt64, angleBits: UInt64) -> Split {
        let k = (radiusBits >> 11) + 1  // 1 ... 2⁵³
        var e = 63 - k.leadingZeroBitCount  // k in [2^e, 2^(e+1))
        var m = Double(k) * Double(bitPattern: UInt64(1023 - e) << 52)
        if m > 1.4142135623730951 {
            m *= 0.5
            e += 1
        }
        let n = angleBits >> 11  // angle = 2π·n·2⁻⁵³ = (π/2)·n·2⁻⁵¹
        let q = (n + (1 << 50)) >> 51
        let turn = Double(Int64(n) - Int64(q << 51)) * 0x1p-51
        return Split(m: m, exponent: Double(e - 53), turn: turn, quadrant: Int(q & 3))
    }

    /// The pair of normals: the radius `√(−2 log u₁)` times the cosine and the sine of the angle,
    /// from θ = turn·π/2 and the quarter turns' coefficients.
    @inlinable @inline(__always)
    public static func pair<V: SIMD>(m: V, exponent: V, turn: V, cc: V, cs: V, sc: V, ss: V) -> (V, V) where V.Scalar == Double {
        // Written out rather than looped over arrays of coefficients, which would be allocated per call.
        let s = (m - 1) / (m + 1), z = s * s
        var t = z * 0.047619047619047616 + 0.05263157894736842
        t = t * z + 0.058823529411764705
        t = t * z + 0.06666666666666667
        t = t * z + 0.07692307692307693
        t = t * z + 0.09090909090909091
        t = t * z + 0.1111111111111111
        t = t * z + 0.14285714285714285
        t = t * z + 0.2
        t = t * z + 0.3333333333333333
        t = t * z + 1
        let logM = 2 * s * t
        // ln 2 in two parts (fdlibm's): the first has trailing zeros, so exponent × it is exact.
        let logU = exponent * 0.6931471803691238 + (exponent * 1.9082149292705877e-10 + logM)
        let radius = (-2 * logU).squareRoot()
        let theta = turn * 1.5707963267948966, y = theta * theta
        var sine = y * 2.8114572543455206e-15 - 7.647163731819816e-13
        sine = sine * y + 1.6059043836821613e-10
        sine = sine * y - 2.505210838544172e-08
        sine = sine * y + 2.7557319223985893e-06
        sine = sine * y - 0.0001984126984126984
        sine = sine * y + 0.008333333333333333
        sine = sine * y - 0.16666666666666666
        sine = theta + theta * y * sine
        var cosine = y * -1.5619206968586225e-16 + 4.779477332387385e-14
        cosine = cosine * y - 1.1470745597729725e-11
        cosine = cosine * y + 2.08767569878681e-09
        cosine = cosine * y - 2.755731922398589e-07
        cosine = cosine * y + 2.48015873015873e-05
        cosine = cosine * y - 0.001388888888888889
        cosine = cosine * y + 0.041666666666666664
        cosine = cosine * y - 0.5
        cosine = 1 + y * cosine
        return (radius * (cc * cosine + cs * sine), radius * (sc * cosine + ss * sine))
    }

    /// One block's pair, in two-lane vectors (the second lane unused): what `nextNormal()` draws.
    @inlinable
    public static func pair(_ split: Split) -> (Double, Double) {
        func lanes(_ x: Double) -> SIMD2<Double> { SIMD2(x, 0) }
        let (a, b) = pair(m: SIMD2(split.m, 1), exponent: lanes(split.exponent), turn: lanes(split.turn),
                          cc: lanes(split.cc), cs: lanes(split.cs), sc: lanes(split.sc), ss: lanes(split.ss))
        return (a[0], b[0])
    }
}

/// `count` pairs of normals from the Philox blocks of counters `(first + j, stream)` under `key`,
/// to `out[2j]` and `out[2j + 1]`: eight blocks at a time, in `Lanes`-wide Philox rounds and
/// eight-lane transforms (the last group padded with blocks whose results are dropped).
@inlinable @inline(__always)
public func normalPairs<Lanes: PhiloxLanes>(_: Lanes.Type, first: UInt64, stream: UInt64, key: UInt64, count: Int,
                                            into out: UnsafeMutablePointer<Double>) {
    typealias V = DoubleLanes
    let group = max(Lanes.scalarCount, V.scalarCount)
    withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 4 * group) { words in
        withUnsafeTemporaryAllocation(of: Double.self, capacity: 2 * V.scalarCount) { pairs in
            guard let w = words.baseAddress, let results = pairs.baseAddress else { return }
            var done = 0
            while done < count {
                philoxBlocks(Lanes.self, first: first &+ UInt64(done), stream: stream, key: key, count: group, into: w)
                for start in stride(from: 0, to: min(group, count - done), by: V.scalarCount) {
                    let n = min(V.scalarCount, count - done - start)
                    var m = V(repeating: 1), exponent = V.zero, turn = V.zero
                    var cc = V.zero, cs = V.zero, sc = V.zero, ss = V.zero
                    for lane in 0..<n {
                        let b = w + 4 * (start + lane)
                        let split = NormalTransform.split(radiusBits: UInt64(b[0]) | UInt64(b[1]) << 32,
                                                          angleBits: UInt64(b[2]) | UInt64(b[3]) << 32)
                        m[lane] = split.m
                        exponent[lane] = split.exponent
                        turn[lane] = split.turn
                        cc[lane] = split.cc
                        cs[lane] = split.cs
                        sc[lane] = split.sc
                        ss[lane] = split.ss
                    }
                    // Stored whole before the lanes are copied out: with only the lanes in use read,
                    // the compiler moved the series into the copy, one lane at a time.
                    let (a, b) = NormalTransform.pair(m: m, exponent: exponent, turn: turn, cc: cc, cs: cs, sc: sc, ss: ss)
                    store(a, results)
                    store(b, results + V.scalarCount)
                    for lane in 0..<n {
                        out[2 * (done + start + lane)] = results[lane]
                        out[2 * (done + start + lane) + 1] = results[V.scalarCount + lane]
                    }
                }
                done += min(group, count - done)
            }
        }
    }
}
