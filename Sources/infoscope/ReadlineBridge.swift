import CReadline
import Glibc

/// The link between GNU readline's C callbacks and the Swift line reader.
///
/// Readline is a process-wide C library, and its line handler and completion hooks are plain C
/// function pointers without a context argument, so the data they exchange with Swift has to
/// live in static storage. These slots are that storage and nothing else; they are touched
/// only on the main thread, while `LineReader` is reading a line.
enum ReadlineBridge {
    /// Where the line handler leaves the line it received, for `LineReader.read(prompt:)`.
    static var received: LineReader.Event?
    /// Supplies code completions: the line up to the cursor and the cursor's offset in
    /// characters. Set by the line reader's owner.
    static var codeCompletions: ((String, Int) -> [String])?
    /// Whether the line being read continues an unfinished entry (a leading `:` is then code).
    static var continuing = false

    /// The word-break sets for each context as C strings; readline keeps the pointer it gets,
    /// so they are allocated once and never freed.
    private static let breakSets: [Completion.Context: UnsafeMutablePointer<CChar>] = {
        let contexts: [Completion.Context] = [.code, .stringPath, .command, .commandPath, .comment]
        var sets: [Completion.Context: UnsafeMutablePointer<CChar>] = [:]
        for context in contexts {
            sets[context] = strdup(Completion.wordBreakCharacters(for: context))
        }
        return sets
    }()

    /// Points readline's hooks at this bridge.
    static func install() {
        // Readline restores the terminal around Ctrl-Z, resizes and termination signals. It
        // never sees Ctrl-C: SIGINT stays blocked for `InterruptListener`'s `sigwait`. Handlers
        // stay installed while a line is read, not only inside `rl_callback_read_char`, so a
        // signal that arrives while waiting in `poll` is caught and handled by `rl_check_signals`.
        rl_catch_signals = 1
        rl_persistent_signal_handlers = 1
        rl_attempted_completion_function = attemptCompletion
        rl_completion_word_break_hook = wordBreakCharacters
    }

    /// The line handler given to `rl_callback_handler_install`: takes the finished line (or nil
    /// at end of input), stops the callback interface, and leaves the line for the reader.
    static let lineHandler: @convention(c) (UnsafeMutablePointer<CChar>?) -> Void = { line in
        rl_callback_handler_remove()
        if let line {
            received = .line(String(cString: line))
            free(line)
        } else {
            received = .endOfInput
        }
    }

    /// The text of the line up to the cursor.
    static func lineBeforeCursor() -> Substring {
        guard let buffer = rl_line_buffer else { return "" }
        let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(buffer).assumingMemoryBound(to: UInt8.self),
                                        count: Int(max(0, rl_point)))
        return Substring(String(decoding: bytes, as: UTF8.self))
    }

    /// The byte under the cursor, or nil at the end of the line.
    static func byteAfterCursor() -> UInt8? {
        guard let buffer = rl_line_buffer, rl_point >= 0, rl_point < rl_end else { return nil }
        return UInt8(bitPattern: buffer[Int(rl_point)])
    }

    private static let wordBreakCharacters: @convention(c) () -> UnsafeMutablePointer<CChar>? = {
        breakSets[Completion.context(before: lineBeforeCursor(), continuing: continuing)]
    }

    private static let attemptCompletion: @convention(c) (
        UnsafePointer<CChar>?, Int32, Int32
    ) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = { text, _, _ in
        let word = text.map { String(cString: $0) } ?? ""
        let prefix = lineBeforeCursor()
        switch Completion.context(before: prefix, continuing: continuing) {
        case .stringPath:
            // Readline's own file-name completion, closing the string after a whole file name
            // unless the closing quote is already there.
            rl_completion_append_character = byteAfterCursor() == UInt8(ascii: "\"") ? 0 : Int32(UInt8(ascii: "\""))
            rl_attempted_completion_over = 0
            return nil
        case .commandPath:
            rl_completion_append_character = 0
            rl_attempted_completion_over = 0
            return nil
        case .command:
            rl_attempted_completion_over = 1
            rl_completion_append_character = Int32(UInt8(ascii: " "))
            return matchArray(Completion.matches(of: word, among: Completion.commandNames))
        case .code:
            rl_attempted_completion_over = 1
            rl_completion_append_character = 0
            let names = codeCompletions?(String(prefix), prefix.count) ?? []
            return matchArray(Completion.matches(of: word, among: names))
        case .comment:
            rl_attempted_completion_over = 1
            return nil
        }
    }

    /// The match list readline expects: the text to insert, then every candidate, then NULL,
    /// all allocated with malloc because readline frees them.
    private static func matchArray(_ candidates: [String]) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? {
        guard !candidates.isEmpty else { return nil }
        let entries = candidates.count == 1 ? candidates : [Completion.commonPrefix(of: candidates)] + candidates
        let size = MemoryLayout<UnsafeMutablePointer<CChar>?>.stride * (entries.count + 1)
        guard let raw = malloc(size) else { return nil }
        let array = raw.bindMemory(to: UnsafeMutablePointer<CChar>?.self, capacity: entries.count + 1)
        for (index, entry) in entries.enumerated() {
            array[index] = strdup(entry)
        }
        array[entries.count] = nil
        return array
    }
}
