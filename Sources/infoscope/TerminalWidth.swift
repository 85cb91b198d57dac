import Foundation

/// The number of columns of the terminal on a descriptor, for laying out help text.
enum TerminalWidth {
    /// The terminal's width when `descriptor` is a terminal (its window size, else `COLUMNS`,
    /// else 80); nil when it is a file or a pipe, whose reader lays the text out itself.
    static func of(_ descriptor: Int32, environment: [String: String] = ProcessInfo.processInfo.environment) -> Int? {
        guard isatty(descriptor) == 1 else { return nil }
        var size = winsize()
        if ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return environment["COLUMNS"].flatMap(Int.init).flatMap { $0 > 0 ? $0 : nil } ?? 80
    }
}
