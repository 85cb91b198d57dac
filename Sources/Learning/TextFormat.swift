import Foundation

/// Text formatting shared by everything that prints tables or writes JSON (datasets, networks,
/// training progress, weight files, probe reports, the language's values), so every place shows
/// counts and escapes strings the same way.
package enum TextFormat {
    /// An integer with commas between groups of three digits (`269322` → `269,322`), as tables
    /// show counts.
    package static func groupedThousands(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return value < 0 ? "-" + out : out
    }

    /// A fraction as a percentage with one decimal (`0.9425` → `94.2%`). Progress lines and run
    /// tables both print accuracies through this, so one epoch never shows two different figures.
    package static func percent(_ fraction: Double) -> String { String(format: "%.1f%%", fraction * 100) }

    /// A loss for progress lines and run tables: three decimals while it is below 100,000, then
    /// three significant decimals with an exponent (`1.574e+09`), so a diverging run stays
    /// readable and fits the line; `nan`, `inf` and `-inf` spelled out.
    package static func loss(_ value: Double) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value > 0 ? "inf" : "-inf" }
        return String(format: abs(value) < 1e5 ? "%.3f" : "%.3e", value)
    }

    /// `text` as a JSON string literal: quotes, backslashes and control characters escaped.
    package static func jsonString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
