import ArgumentParser
import Glibc

/// When to colour output: the value of `--color`.
enum ColorMode: String, CaseIterable, ExpressibleByArgument {
    /// Colour a stream only when it is a terminal and `NO_COLOR` is unset or empty.
    case auto
    /// Always colour, even into files and pipes.
    case on
    /// Never colour.
    case off

    /// Whether text written to `descriptor` should carry colour under this mode.
    ///
    /// `NO_COLOR` follows the no-color.org convention: any non-empty value turns automatic colour off.
    func colors(descriptor: Int32, environment: [String: String]) -> Bool {
        switch self {
        case .on: return true
        case .off: return false
        case .auto:
            let noColor = environment["NO_COLOR"].map { !$0.isEmpty } ?? false
            return !noColor && isatty(descriptor) == 1
        }
    }
}
