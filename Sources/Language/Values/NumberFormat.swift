/// The one number formatter of the language: deterministic and shortest round-trip.
///
/// Integral values with magnitude below 1e15 print without a decimal point (`3`, `-12`,
/// `1000000`); the bound is where Double stops representing every integer's neighbour
/// exactly enough for digit strings to stay short. Everything else uses Swift's shortest
/// representation that reads back to the same Double (`0.1`, `1e-08`, `1.5e+20`).
/// Negative zero prints as `0`; non-finite values print as `nan`, `inf` and `-inf`.
public func formatNumber(_ x: Double) -> String {
    if x.isNaN { return "nan" }
    if x.isInfinite { return x < 0 ? "-inf" : "inf" }
    if x == 0 { return "0" }
    if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
    return x.description
}

/// Numbers of at most this magnitude convert to `Int` exactly when integral: it is just below
/// 2^53 (about 9.007e15), past which not every integer is a Double, and far from Int's limits,
/// so indices, range bounds and counts derived from it can never trap.
let maxExactInteger = 9e15

/// Whether `x` is an integer that converts to `Int` exactly (see `maxExactInteger`).
func isExactInteger(_ x: Double) -> Bool { x == x.rounded() && abs(x) < maxExactInteger }

/// Formats `x` with `digits` digits after the decimal point (used by `fixed`).
func formatFixed(_ x: Double, digits: Int) -> String {
    guard x.isFinite else { return formatNumber(x) }
    let scale = pow10(digits)
    let scaled = (abs(x) * scale).rounded()
    guard scaled < maxExactInteger else { return formatNumber(x) }
    let whole = Int64(scaled)
    let sign = x < 0 && whole != 0 ? "-" : ""
    var digitsText = String(whole)
    if digits == 0 { return sign + digitsText }
    if digitsText.count <= digits {
        digitsText = String(repeating: "0", count: digits - digitsText.count + 1) + digitsText
    }
    let split = digitsText.index(digitsText.endIndex, offsetBy: -digits)
    return sign + digitsText[..<split] + "." + digitsText[split...]
}

private func pow10(_ n: Int) -> Double {
    var r = 1.0
    for _ in 0..<n { r *= 10 }
    return r
}

