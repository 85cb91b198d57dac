/// The per-weight passes of a variational fit's step with one variance per weight, on a range of
/// weights whose prior variance is one number (a range within one layer), in explicit eight-lane
/// Double vectors: written as plain loops the compiler could not prove the pointers apart and left
/// them scalar, and libm's `exp` runs one lane at a time. Inlined in each kernel variant; every
/// variant does the same IEEE operations lane by lane, so every variant gives the same bits.
/// `exp(x)` for |x| ≤ 700: `2^k · e^r` with k = round(x / ln 2) split off exactly and e^r, |r| ≤
/// ln 2 / 2, by Taylor to r¹³ (the next term is below 4e-18 of the result): within a few units in
/// the last place of the exact value. Arguments beyond ±700 are taken as ±700 (e^±700 is past any
/// σ); nan stays nan, so a diverged fit shows.
@inlinable @inline(__always)
public func exponential(_ x: DoubleLanes) -> DoubleLanes {
    let clamped = x.replacing(with: 700, where: x .> 700).replacing(with: -700, where: x .< -700)
    // Adding and removing 1.5·2⁵² rounds to the nearest integer, in every lane at once.
    let shifter = 6755399441055744.0
    let shifted = clamped * 1.4426950408889634 + shifter
    let k = shifted - shifter
    let r = (clamped - k * 0.6931471803691238) - k * 1.9082149292705877e-10
    var p = r * 1.6059043836821613e-10 + 2.08767569878681e-09
    p = p * r + 2.505210838544172e-08
    p = p * r + 2.755731922398589e-07
    p = p * r + 2.7557319223985893e-06
    p = p * r + 2.48015873015873e-05
    p = p * r + 0.0001984126984126984
    p = p * r + 0.001388888888888889
    p = p * r + 0.008333333333333333
    p = p * r + 0.041666666666666664
    p = p * r + 0.16666666666666666
    p = p * r + 0.5
    p = p * r + 1
    p = p * r + 1
    // 2^k from k's bits: the shifted sum holds k in its low mantissa bits.
    let kBits = unsafeBitCast(shifted, to: SIMD8<Int64>.self) &- Int64(bitPattern: shifter.bitPattern)
    let scale = unsafeBitCast((kBits &+ 1023) &<< 52, to: DoubleLanes.self)
    return p * scale
}

/// σ = e^(ρ/2) for each weight, and the range's share of KL(Q‖P): the sum of
/// `½ (σ²/λ² + (m − μ)²/λ² − 1 − (ρ − log λ²))`, lane sums added in lane order at the end.
@inlinable @inline(__always)
public func variationalSigmaAndKL(
    rho: UnsafePointer<Double>, sigma: UnsafeMutablePointer<Double>, mean: UnsafePointer<Double>, mu: UnsafePointer<Double>,
    count n: Int, prior: Double, logPrior: Double
) -> Double {
    var sums = DoubleLanes.zero
    var i = 0
    while i + DoubleLanes.scalarCount <= n {
        let r = load(rho + i), s = exponential(r * 0.5), offset = load(mean + i) - load(mu + i)
        store(s, sigma + i)
        sums += klTerms(r, s, offset, prior, logPrior)
        i += DoubleLanes.scalarCount
    }
    if i < n {
        // The tail in a vector padded with terms that are zero: σ² = λ², m = μ, ρ = log λ².
        var r = DoubleLanes(repeating: logPrior), offset = DoubleLanes.zero
        for lane in 0..<(n - i) {
            r[lane] = rho[i + lane]
            offset[lane] = mean[i + lane] - mu[i + lane]
        }
        let s = exponential(r * 0.5)
        for lane in 0..<(n - i) { sigma[i + lane] = s[lane] }
        var term = klTerms(r, s, offset, prior, logPrior)
        for lane in (n - i)..<DoubleLanes.scalarCount { term[lane] = 0 }
        sums += term
    }
    var total = 0.0
    for lane in 0..<DoubleLanes.scalarCount { total += sums[lane] }
    return total
}

/// Each lane's `½ (σ²/λ² + (m − μ)²/λ² − 1 − (ρ − log λ²))`.
@inlinable @inline(__always)
func klTerms(_ r: DoubleLanes, _ s: DoubleLanes, _ offset: DoubleLanes, _ prior: Double, _ logPrior: Double) -> DoubleLanes {
    let variance: DoubleLanes = s * s / prior, distance: DoubleLanes = offset * offset / prior
    let logRatio: DoubleLanes = r - logPrior
    let inside: DoubleLanes = variance + distance - 1 - logRatio
    return 0.5 * inside
}

/// Adds β times the KL's gradient, `(β/2)(σ²/λ² − 1)` for ρ and `β (m − μ)/λ²` for the mean
/// (when `meanGradient` is given), then takes Adam's step on ρ and on the mean: one pass where
/// four were.
@inlinable @inline(__always)
public func variationalUpdate(
    rho: UnsafeMutablePointer<Double>, rhoM: UnsafeMutablePointer<Double>, rhoV: UnsafeMutablePointer<Double>,
    rhoGradient: UnsafeMutablePointer<Double>, sigma: UnsafePointer<Double>,
    mean: UnsafeMutablePointer<Double>, meanM: UnsafeMutablePointer<Double>?, meanV: UnsafeMutablePointer<Double>?,
    meanGradient: UnsafeMutablePointer<Double>?, mu: UnsafePointer<Double>,
    count n: Int, prior: Double, beta: Double, adam: AdamSettings
) {
    let lanes = DoubleLanes.scalarCount
    var i = 0
    while i + lanes <= n {
        let s = load(sigma + i)
        store(load(rhoGradient + i) + beta / 2 * (s * s / prior - 1), rhoGradient + i)
        adamStep(rho + i, rhoM + i, rhoV + i, rhoGradient + i, count: lanes, lr: adam.rate, c1: adam.c1, c2: adam.c2)
        if let meanM, let meanV, let meanGradient {
            store(load(meanGradient + i) + beta * (load(mean + i) - load(mu + i)) / prior, meanGradient + i)
            adamStep(mean + i, meanM + i, meanV + i, meanGradient + i, count: lanes, lr: adam.meanRate, c1: adam.c1, c2: adam.c2)
        }
        i += lanes
    }
    // The last partial vector, one element at a time: the same arithmetic.
    for j in i..<n {
        rhoGradient[j] += beta / 2 * (sigma[j] * sigma[j] / prior - 1)
        if let meanGradient { meanGradient[j] += beta * (mean[j] - mu[j]) / prior }
    }
    adamStep(rho + i, rhoM + i, rhoV + i, rhoGradient + i, count: n - i, lr: adam.rate, c1: adam.c1, c2: adam.c2)
    if let meanM, let meanV, let meanGradient {
        adamStep(mean + i, meanM + i, meanV + i, meanGradient + i, count: n - i, lr: adam.meanRate, c1: adam.c1, c2: adam.c2)
    }
}

/// Adam's rates and this step's bias corrections, for `variationalUpdate`.
public struct AdamSettings {
    public var rate: Double, meanRate: Double, c1: Double, c2: Double

    @inlinable
    public init(rate: Double, meanRate: Double, c1: Double, c2: Double) {
        self.rate = rate
        self.meanRate = meanRate
        self.c1 = c1
        self.c2 = c2
    }
}

/// `point = mean + sign·σ·noise`.
@inlinable @inline(__always)
public func variationalPoint(point: UnsafeMutablePointer<Double>, mean: UnsafePointer<Double>, sigma: UnsafePointer<Double>,
                             noise: UnsafePointer<Double>, count n: Int, sign: Double) {
    var i = 0
    while i + DoubleLanes.scalarCount <= n {
        store(load(mean + i) + sign * load(sigma + i) * load(noise + i), point + i)
        i += DoubleLanes.scalarCount
    }
    while i < n {
        point[i] = mean[i] + sign * sigma[i] * noise[i]
        i += 1
    }
}

/// Adds one evaluation's share of the loss's gradient `g`: `g·sign·noise·σ/2/share` to ρ's and
/// `g/share` to the mean's (when given).
@inlinable @inline(__always)
public func variationalLossGradient(rhoGradient: UnsafeMutablePointer<Double>, meanGradient: UnsafeMutablePointer<Double>?,
                                    g: UnsafePointer<Double>, noise: UnsafePointer<Double>, sigma: UnsafePointer<Double>,
                                    count n: Int, sign: Double, share: Double) {
    var i = 0
    while i + DoubleLanes.scalarCount <= n {
        let gi = load(g + i)
        store(load(rhoGradient + i) + gi * sign * load(noise + i) * load(sigma + i) / 2 / share, rhoGradient + i)
        if let meanGradient { store(load(meanGradient + i) + gi / share, meanGradient + i) }
        i += DoubleLanes.scalarCount
    }
    while i < n {
        rhoGradient[i] += g[i] * sign * noise[i] * sigma[i] / 2 / share
        if let meanGradient { meanGradient[i] += g[i] / share }
        i += 1
    }
}

/// The variational fit's passes of one kernel variant (see the functions of the same names).
public struct VariationalKernelTable: @unchecked Sendable {
    /// `(rho, sigma, mean, mu, count, prior, logPrior) -> KL`.
    public var sigmaAndKL: (UnsafePointer<Double>, UnsafeMutablePointer<Double>, UnsafePointer<Double>, UnsafePointer<Double>,
                            Int, Double, Double) -> Double
    /// `(point, mean, sigma, noise, count, sign)`.
    public var point: (UnsafeMutablePointer<Double>, UnsafePointer<Double>, UnsafePointer<Double>, UnsafePointer<Double>, Int,
                       Double) -> Void
    /// `(rhoGradient, meanGradient, g, noise, sigma, count, sign, share)`.
    public var lossGradient: (UnsafeMutablePointer<Double>, UnsafeMutablePointer<Double>?, UnsafePointer<Double>,
                              UnsafePointer<Double>, UnsafePointer<Double>, Int, Double, Double) -> Void
    /// `update(range, prior, beta, adam)` over the operands of `VariationalOperands`.
    public var update: (VariationalOperands, Int, Int, Double, Double, AdamSettings) -> Void

    public init(sigmaAndKL: @escaping (UnsafePointer<Double>, UnsafeMutablePointer<Double>, UnsafePointer<Double>,
                                       UnsafePointer<Double>, Int, Double, Double) -> Double,
                point: @escaping (UnsafeMutablePointer<Double>, UnsafePointer<Double>, UnsafePointer<Double>,
                                  UnsafePointer<Double>, Int, Double) -> Void,
                lossGradient: @escaping (UnsafeMutablePointer<Double>, UnsafeMutablePointer<Double>?, UnsafePointer<Double>,
                                         UnsafePointer<Double>, UnsafePointer<Double>, Int, Double, Double) -> Void,
                update: @escaping (VariationalOperands, Int, Int, Double, Double, AdamSettings) -> Void) {
        self.sigmaAndKL = sigmaAndKL
        self.point = point
        self.lossGradient = lossGradient
        self.update = update
    }
}

/// The vectors `variationalUpdate` reads and writes, whole (the update takes a range of them).
public struct VariationalOperands {
    public var rho, rhoM, rhoV, rhoGradient: UnsafeMutablePointer<Double>
    public var sigma: UnsafePointer<Double>
    public var mean: UnsafeMutablePointer<Double>
    public var meanM, meanV, meanGradient: UnsafeMutablePointer<Double>?
    public var mu: UnsafePointer<Double>

    public init(rho: UnsafeMutablePointer<Double>, rhoM: UnsafeMutablePointer<Double>, rhoV: UnsafeMutablePointer<Double>,
                rhoGradient: UnsafeMutablePointer<Double>, sigma: UnsafePointer<Double>, mean: UnsafeMutablePointer<Double>,
                meanM: UnsafeMutablePointer<Double>?, meanV: UnsafeMutablePointer<Double>?,
                meanGradient: UnsafeMutablePointer<Double>?, mu: UnsafePointer<Double>) {
        (self.rho, self.rhoM, self.rhoV, self.rhoGradient, self.sigma) = (rho, rhoM, rhoV, rhoGradient, sigma)
        (self.mean, self.meanM, self.meanV, self.meanGradient, self.mu) = (mean, meanM, meanV, meanGradient, mu)
    }

    /// `variationalUpdate` on weights `start ..< start + count`.
    @inlinable @inline(__always)
    public func update(start i: Int, count: Int, prior: Double, beta: Double, adam: AdamSettings) {
        variationalUpdate(rho: rho + i, rhoM: rhoM + i, rhoV: rhoV + i, rhoGradient: rhoGradient + i, sigma: sigma + i,
                          mean: mean + i, meanM: meanM.map { $0 + i }, meanV: meanV.map { $0 + i },
                          meanGradient: meanGradient.map { $0 + i }, mu: mu + i, count: count, prior: prior, beta: beta, adam: adam)
    }
}
