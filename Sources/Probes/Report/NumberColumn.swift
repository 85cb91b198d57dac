import Foundation

/// A number as a table prints it, cut where the column aligns it: `whole` (sign and digits before
/// the decimal point) is right-aligned, `fraction` (the point and what follows, exponent and `%`
/// included) left-aligned after it, and `suffix` (` ± error`) follows the fraction.
package struct NumberParts: Sendable, Equatable {
    /// Sign and integer digits, or the whole text of a number without a decimal point.
    package var whole: String
    /// The decimal point and everything after it; empty for integers, nan and inf.
    package var fraction: String
    /// ` ± error` for an estimate, else empty.
    package var suffix: String

    /// The parts of `text` split at its first decimal point, with an optional suffix.
    package init(_ text: String, suffix: String = "") {
        if let dot = text.firstIndex(of: ".") {
            whole = String(text[..<dot])
            fraction = String(text[dot...])
        } else {
            whole = text
            fraction = ""
        }
        self.suffix = suffix
    }

    /// The number as one string.
    package var text: String { whole + fraction + suffix }
}

/// The numbers of one table column, formatted together so that they share one number of
/// decimals and line up on the decimal point. Plain numbers get about four significant digits on
/// the largest; estimates are shown to the precision their standard error supports.
package struct NumberColumn: Sendable {
    /// One entry per cell: the number's parts, or nil for text and empty cells.
    package let parts: [NumberParts?]

    /// Significant digits the largest plain number of a column gets: enough to compare layers and
    /// read a closed form off docs/probe-formulas.md, few enough to scan.
    static let significantDigits = 4
    /// The smallest non-zero number of a column still gets this many significant digits, up to
    /// `maxExtraDigits` more on the largest than `significantDigits`.
    static let minimumDigits = 2, maxExtraDigits = 2
    /// Magnitudes from here up print in scientific notation (a 7-digit integer part is unreadable).
    static let largeMagnitude = 1e6
    /// Magnitudes below this print in scientific notation rather than as a run of zeros.
    static let smallMagnitude = 1e-4
    /// A network computes in Float32, good to about seven significant digits: an estimate never
    /// shows more, whatever its error.
    static let maxSignificantDigits = 7
    /// An error needing more decimals than this prints in scientific notation (5.4e-16).
    static let maxFixedErrorDecimals = 7
    /// Exact inputs (integers, β = 0.01) print exactly when they need at most this many decimals.
    static let maxExactDecimals = 6
    /// A non-integer input is "exact" with at most this many significant digits.
    static let maxExactDigits = 3

    /// Formats the numeric cells of `cells`.
    package init(_ cells: [ProbeCell]) {
        let estimates = cells.compactMap { cell -> (Double, Double)? in
            if case .estimate(let v, let se) = cell { return (v, se) } else { return nil }
        }
        let estimateDecimals = estimates.compactMap { Self.errorDecimals($0.1) }.max()
        var plain = cells.compactMap { cell -> Double? in
            if case .number(let v) = cell { return v } else { return nil }
        }
        // An estimate whose error says nothing about precision prints like a plain number.
        plain += estimates.filter { Self.errorDecimals($0.1) == nil }.map(\.0)
        let decimals = Self.decimals(plain, clampedTo: estimateDecimals)
        parts = cells.map { cell in
            switch cell {
            case .text, .empty: return nil
            case .number(let v): return NumberParts(Self.plain(v, decimals: decimals))
            case .share(let v): return NumberParts(Self.share(v))
            case .estimate(let v, let se):
                if Self.errorDecimals(se) != nil { return Self.estimate(v, standardError: se) }
                return NumberParts(Self.plain(v, decimals: decimals), suffix: " ± " + Self.plain(se, decimals: nil))
            }
        }
    }

    /// How plain numbers of a column print: a fixed number of decimals, and the magnitude below
    /// which a number goes to scientific notation instead. Exact inputs print exactly; measured values get
    /// `significantDigits` on the largest, at least `minimumDigits` on the smallest when that costs
    /// at most `maxExtraDigits` more on the largest, and no more decimals than `limit` (the
    /// precision the column's standard errors support).
    static func decimals(_ values: [Double], clampedTo limit: Int?) -> Decimals {
        let fixed = values.filter { $0.isFinite && !isScientific($0) }
        if let exact = exactDecimals(fixed) {
            return Decimals(count: min(exact, limit ?? exact), smallestShown: 0)
        }
        let magnitudes = fixed.filter { $0 != 0 }.map { exponent(abs($0)) }
        guard let largest = magnitudes.max(), let smallest = magnitudes.min() else { return Decimals(count: 0, smallestShown: 0) }
        let forLargest = max(0, significantDigits - 1 - largest)
        let forSmallest = max(0, minimumDigits - 1 - smallest)
        var count = max(forLargest, min(forSmallest, forLargest + maxExtraDigits))
        if let limit { count = min(count, limit); return Decimals(count: count, smallestShown: 0) }
        // A number that would show fewer than `minimumDigits` digits goes to scientific notation.
        return Decimals(count: count, smallestShown: pow(10, Double(minimumDigits - 1 - count)))
    }

    /// A column's decimal places and the magnitude below which a non-zero number leaves them.
    package struct Decimals: Equatable {
        let count: Int
        let smallestShown: Double
    }

    /// The decimals that show every value exactly, if all are short inputs: integers, or
    /// numbers of at most `maxExactDigits` significant digits (β = 0.01, 2.5); a measured
    /// value is never that short.
    static func exactDecimals(_ values: [Double]) -> Int? {
        var needed = 0
        for v in values where v != v.rounded() {
            guard let d = (1...maxExactDecimals).first(where: { Double(fixed(v, $0)) == v }),
                  d + exponent(abs(v)) < maxExactDigits else { return nil }
            needed = max(needed, d)
        }
        return needed
    }

    /// Whether `v` prints in scientific notation whatever its column.
    static func isScientific(_ v: Double) -> Bool {
        v != 0 && (abs(v) >= largeMagnitude || abs(v) < smallMagnitude)
    }

    /// A plain number with the column's decimals (nil: on its own, four significant digits).
    package static func plain(_ v: Double, decimals: Decimals?) -> String {
        guard v.isFinite else { return nonFinite(v) }
        guard let decimals else {
            return plain(v, decimals: Self.decimals([v], clampedTo: nil))
        }
        if isScientific(v) || (v != 0 && abs(v) < decimals.smallestShown) { return scientific(v, decimals: significantDigits - 1) }
        return fixed(v, decimals.count)
    }

    /// A share as a percentage with one decimal, enough to tell layers apart.
    static func share(_ v: Double) -> String {
        v.isFinite ? fixed(v * 100, 1) + "%" : nonFinite(v)
    }

    /// `v ± se` with the error to two significant digits and the value to the same decimal
    /// place, but no more than `maxSignificantDigits`; scientific for very large or small values,
    /// and for errors below `maxFixedErrorDecimals` places.
    package static func estimate(_ v: Double, standardError se: Double) -> NumberParts {
        guard let place = errorDecimals(se) else { return NumberParts(plain(v, decimals: nil), suffix: " ± " + plain(se, decimals: nil)) }
        let scientificValue = v.isFinite && isScientific(v)
        let error = scientificValue || place > maxFixedErrorDecimals || se >= largeMagnitude ? scientific(se, decimals: 1)
            : fixed(rounded(se, toPlace: place), max(0, place))
        guard v.isFinite else { return NumberParts(nonFinite(v), suffix: " ± " + error) }
        let e = v == 0 ? 0 : exponent(abs(v))
        let shownPlace = min(place, maxSignificantDigits - 1 - e)
        if scientificValue { return NumberParts(scientific(v, decimals: max(0, e + shownPlace)), suffix: " ± " + error) }
        return NumberParts(fixed(rounded(v, toPlace: shownPlace), max(0, shownPlace)), suffix: " ± " + error)
    }

    /// `x` rounded to `place` decimals; a negative place rounds to tens (-1), hundreds (-2), ...
    static func rounded(_ x: Double, toPlace place: Int) -> Double {
        guard place < 0 else { return x }
        let unit = pow(10, Double(-place))
        return (x / unit).rounded() * unit
    }

    /// The decimal place of the second significant digit of `se` after rounding (2 for 0.31,
    /// 0 for 23, -1 for 230); nil when the error is zero, negative or not finite.
    static func errorDecimals(_ se: Double) -> Int? {
        guard se.isFinite, se > 0 else { return nil }
        var e = exponent(se)
        // 0.0996 rounds to 0.10 at two digits: its second digit sits one place higher.
        if (se / pow(10, Double(e - 1))).rounded() >= 100 { e += 1 }
        return 1 - e
    }

    /// The decimal exponent of a positive number: 1 for 12.3, -2 for 0.05.
    static func exponent(_ x: Double) -> Int {
        guard x > 0, x.isFinite else { return 0 }
        return Int(log10(x).rounded(.down))
    }

    /// Fixed notation without a lone minus on a value that rounds to zero.
    static func fixed(_ v: Double, _ decimals: Int) -> String {
        let s = String(format: "%.\(max(0, decimals))f", v)
        return s.hasPrefix("-") && s.allSatisfy({ $0 == "-" || $0 == "0" || $0 == "." }) ? String(s.dropFirst()) : s
    }

    /// Scientific notation, `decimals` digits after the mantissa's point: 6.000e-14.
    static func scientific(_ v: Double, decimals: Int) -> String {
        String(format: "%.\(max(0, decimals))e", v)
    }

    /// nan, inf and -inf as the language prints them.
    static func nonFinite(_ v: Double) -> String {
        v.isNaN ? "nan" : v < 0 ? "-inf" : "inf"
    }
}
