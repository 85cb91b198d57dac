// A branch-free single-precision exponential the compiler can vectorise (8 lanes under AVX2), for
// the element-wise kernels; the C library's expf runs one value at a time at ~3 ns each.
//
// Method (Cody–Waite reduction and a minimax polynomial, as in Cephes' expf): write
// x = n·ln2 + r with n = round(x / ln2) and |r| <= ln2/2, evaluate e^r by a degree-6 polynomial,
// and scale by 2^n through the exponent bits. Relative error stays below 2 ulp over the whole
// normal range (checked against Float64 in the tests).

/// The largest Float whose exponential is finite, and the smallest whose exponential is a normal Float.
private let expUpperLimit: Float = 88.72283
private let expLowerLimit: Float = -87.33654

@inline(__always)
func vectorizableExp(_ x: Float) -> Float {
    // Written so NaN lands on a finite value (it is restored at the end): the arithmetic below must
    // never see NaN or infinity.
    let clamped = x > expLowerLimit ? (x < expUpperLimit ? x : expUpperLimit) : expLowerLimit
    let n = (clamped * 1.442_695_04).rounded(.toNearestOrEven)
    // ln 2 split in two so n·ln2 is exact in the first part (Cody–Waite): 0.693359375 + (-2.12194440e-4).
    let r = (clamped - n * 0.693_359_375) + n * 2.121_944_4e-4
    var p: Float = 1.987_569_15e-4
    p = p * r + 1.398_199_95e-3
    p = p * r + 8.333_451_9e-3
    p = p * r + 4.166_579_59e-2
    p = p * r + 1.666_666_55e-1
    p = p * r + 5.000_000_12e-1
    let er = p * (r * r) + r + 1
    // 2^n as 2^h · 2^(n-h) with h = floor(n/2): n reaches 128 near the top of the range, one past
    // the largest exponent a Float can hold, while each half stays well inside it.
    let half = (n * 0.5).rounded(.down)
    var result = er * powerOfTwo(half) * powerOfTwo(n - half)
    result = x > expUpperLimit ? .infinity : result
    result = x < expLowerLimit ? 0 : result
    return x.isNaN ? x : result
}

/// `2^k` for an integer-valued `k` in [-126, 127], without a conversion to an integer type (whose
/// range check would stop vectorisation): adding 1.5·2^23 leaves `k + 127` in the low mantissa bits.
@inline(__always)
private func powerOfTwo(_ k: Float) -> Float {
    let biased = (k + 127 + 12_582_912).bitPattern & 0x3F_FFFF
    return Float(bitPattern: biased << 23)
}

/// `exp` over a contiguous buffer through the vectorisable form.
func vectorizedExp(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ n: Int) {
    for i in 0..<n { y[i] = vectorizableExp(x[i]) }
}

/// The logistic function over a contiguous buffer: `1 / (1 + e^-x)`, which saturates cleanly to 0
/// and 1 at the extremes (e^-x is +inf or 0 there), so no branch on the sign is needed.
func vectorizedSigmoid(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ n: Int) {
    for i in 0..<n { y[i] = 1 / (1 + vectorizableExp(-x[i])) }
}

/// The hyperbolic tangent over a contiguous buffer, branch-free: an odd polynomial (Cephes' tanhf
/// coefficients) for |x| < 0.625, where `1 − 2/(e^{2|x|} + 1)` would lose digits to cancellation,
/// and that formula with the sign restored elsewhere (it saturates to ±1 as e^{2|x|} overflows).
func vectorizedTanh(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ n: Int) {
    for i in 0..<n {
        let v = x[i]
        let z = v * v
        var p: Float = -5.704_988_727_45e-3
        p = p * z + 2.063_908_879_54e-2
        p = p * z - 5.373_971_555_31e-2
        p = p * z + 1.333_144_220_36e-1
        p = p * z - 3.333_328_194_22e-1
        let small = p * z * v + v
        let magnitude = v.magnitude
        let large = 1 - 2 / (vectorizableExp(2 * magnitude) + 1)
        let signed = v < 0 ? -large : large
        y[i] = magnitude < 0.625 || v.isNaN ? small : signed
    }
}
