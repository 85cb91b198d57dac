import Foundation

/// Axis ranges and tick marks at round values: steps of 1, 2 or 5 times a power of ten on a
/// linear axis, whole decades on a logarithmic one.
enum PlotTicks {
    /// An axis from `lower` to `upper` (both on a tick) with its ticks, in data units
    /// (decade exponents on a logarithmic axis).
    struct Axis: Equatable {
        let lower: Double
        let upper: Double
        let ticks: [Double]
    }

    /// Ticks covering `[low, high]`, about `target` of them, at multiples of a 1-2-5 step.
    static func linear(_ low: Double, _ high: Double, target: Int = 6) -> Axis {
        var low = low, high = high
        if low == high {
            // A flat line still needs a visible range; 10% of the value, or 1 around zero.
            let pad = low == 0 ? 1 : abs(low) * 0.1
            low -= pad
            high += pad
        }
        let span = high - low
        // Values near ±Double.greatestFiniteMagnitude overflow the span; the ends are all that can be shown.
        guard span.isFinite else { return Axis(lower: low, upper: high, ticks: [low, high]) }
        let step = niceStep(span / Double(max(1, target - 1)))
        let first = (low / step).rounded(.down), last = (high / step).rounded(.up)
        // Counted in integers: far from zero (1e22 and up) adding 1 to a Double can change nothing.
        // The 1-2-5 step keeps the count near `target`; the cap only guards rounding surprises.
        let count = Int(min(last - first, 100))
        let ticks = (0...count).map { (first + Double($0)) * step }
        return Axis(lower: first * step, upper: last * step, ticks: ticks)
    }

    /// Whole decades covering `[low, high]` (both positive), as exponents; at most about
    /// eight labelled decades so the labels do not collide.
    static func logarithmic(_ low: Double, _ high: Double) -> Axis {
        let first = log10(low).rounded(.down)
        var last = log10(high).rounded(.up)
        if first == last { last += 1 }
        let every = max(1, ((last - first) / 8).rounded(.up))
        last = first + ((last - first) / every).rounded(.up) * every
        let ticks = stride(from: first, through: last, by: every).map { $0 }
        return Axis(lower: first, upper: last, ticks: ticks)
    }

    /// The smallest step of the form 1, 2 or 5 × 10^k that is at least `raw`.
    static func niceStep(_ raw: Double) -> Double {
        let magnitude = pow(10, log10(raw).rounded(.down))
        let fraction = raw / magnitude
        let factor: Double = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10
        return factor * magnitude
    }

    /// A tick label with as many decimals as the step needs (0.25 steps show "0.25", 20 steps "40").
    static func label(_ value: Double, step: Double) -> String {
        if value == 0 { return "0" }
        let decimals = step > 0 && step.isFinite ? max(0, -Int(log10(step).rounded(.down))) : 0
        // Very large or very small values read better in exponent form than as long digit runs.
        if abs(value) >= 1e7 || decimals > 5 { return String(format: "%g", value) }
        var text = String(format: "%.\(decimals)f", value)
        // Whole values on a half step read "1", "1.5", "2" rather than "1.0", "1.5", "2.0".
        if decimals > 0 {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text == "-0" ? "0" : text
    }

    /// The label of the decade 10^`exponent`: plain digits from 0.001 to 10000, exponent form beyond.
    static func decadeLabel(_ exponent: Double) -> String {
        let k = Int(exponent)
        if (-3...4).contains(k) { return label(pow(10, exponent), step: pow(10, Double(min(k, 0)))) }
        return "1e\(k)"
    }
}
