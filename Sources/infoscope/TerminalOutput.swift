import Glibc
import Language
import Synchronization

/// The output sink of the command line: writes the interpreter's text straight to file
/// descriptors 1 and 2.
///
/// Every write goes to the descriptor at once with `write(2)`, bypassing stdio buffers, so the
/// order of standard output and standard error lines is the order they were produced in, even
/// when both streams are the same terminal or file.
final class TerminalOutput: OutputSink, Sendable {
    /// Whether each channel may carry ANSI colour sequences; a channel that may not has them
    /// removed, so `--color auto` never leaves escape codes in a file or pipe.
    private let colorOnStandardOutput: Bool
    private let colorOnStandardError: Bool
    /// Set when Ctrl-C was typed while something ran: the terminal echoed `^C` without a newline,
    /// so the next output must start a line of its own.
    private let interruptEchoed = Atomic<Bool>(false)

    /// Creates a sink that keeps colour sequences only on the channels allowed to show them.
    init(colorOnStandardOutput: Bool, colorOnStandardError: Bool) {
        self.colorOnStandardOutput = colorOnStandardOutput
        self.colorOnStandardError = colorOnStandardError
    }

    /// Writes `text` to standard output or standard error.
    func write(_ text: String, to channel: OutputChannel) {
        let text = interruptEchoed.exchange(false, ordering: .relaxed) ? "\n" + text : text
        switch channel {
        case .standardOutput:
            Self.writeAll(colorOnStandardOutput ? text : Self.removingColor(text), to: STDOUT_FILENO)
        case .standardError:
            Self.writeAll(colorOnStandardError ? text : Self.removingColor(text), to: STDERR_FILENO)
        }
    }

    /// Notes that the terminal just echoed `^C`, so the next output starts on a new line.
    func noteInterruptEcho() {
        interruptEchoed.store(true, ordering: .relaxed)
    }

    /// Forgets an echoed `^C` that no output followed (the REPL prints its own line break then).
    func forgetInterruptEcho() {
        interruptEchoed.store(false, ordering: .relaxed)
    }

    /// Writes every byte of `text`, retrying after signals and partial writes; a descriptor that
    /// fails otherwise (a closed pipe) drops the rest, as there is nowhere left to report it.
    static func writeAll(_ text: String, to descriptor: Int32) {
        var bytes = Array(text.utf8)  // `var`: write(2) wants a stable buffer address
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                return Glibc.write(descriptor, base + offset, buffer.count - offset)
            }
            if written > 0 {
                offset += written
            } else if written < 0 && errno == EINTR {
                continue
            } else {
                return
            }
        }
    }

    /// Removes ANSI Select Graphic Rendition sequences (`ESC [ params m`), the only escape
    /// sequences the interpreter emits for colour.
    static func removingColor(_ text: String) -> String {
        guard text.utf8.contains(0x1B) else { return text }
        var result = [UInt8]()
        result.reserveCapacity(text.utf8.count)
        let bytes = Array(text.utf8)
        var index = 0
        while index < bytes.count {
            if bytes[index] == 0x1B, index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "[") {
                var end = index + 2
                while end < bytes.count, isParameterByte(bytes[end]) { end += 1 }
                if end < bytes.count, bytes[end] == UInt8(ascii: "m") {
                    index = end + 1
                    continue
                }
            }
            result.append(bytes[index])
            index += 1
        }
        return String(decoding: result, as: UTF8.self)
    }

    private static func isParameterByte(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: ";")
    }
}
