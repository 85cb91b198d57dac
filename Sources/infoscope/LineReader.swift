import CReadline
import Foundation
import Glibc

/// Reads lines from the terminal with GNU readline: editing, history saved across sessions,
/// tab completion, and Ctrl-C that clears the line instead of ending the program.
///
/// Readline's callback interface is used rather than its blocking `readline()`, so the reader
/// can wait on the keyboard and on a `WakePipe` at once: a Ctrl-C, seen by `InterruptListener`
/// on another thread, wakes the reader through the pipe and the current line is thrown away.
final class LineReader {
    /// What one call to `read(prompt:)` produced.
    enum Event: Equatable {
        /// A finished line, without its newline.
        case line(String)
        /// Ctrl-C: the line being typed was abandoned.
        case interrupted
        /// Ctrl-D on an empty line, or the terminal went away.
        case endOfInput
    }

    /// Entries kept in the history file: enough for weeks of sessions, small enough to load at once.
    static let historyLimit: Int32 = 1000

    private let wake: WakePipe
    private let history: HistoryFile?

    /// Prepares readline; `history` is where entries persist, nil for none.
    init(wake: WakePipe, history: HistoryFile?, completions: @escaping (String, Int) -> [String]) {
        self.wake = wake
        self.history = history
        Self.useUTF8Characters(environment: ProcessInfo.processInfo.environment)
        rl_readline_name = UnsafePointer(strdup("infoscope"))  // Kept for the process's life.
        ContinueSignal.block()
        ReadlineBridge.install()
        ReadlineBridge.codeCompletions = completions
        using_history()
        history?.load()
    }

    /// Makes readline treat input as UTF-8 characters rather than bytes, so the cursor never
    /// lands inside a multi-byte character (scripts are UTF-8 by definition).
    ///
    /// Readline takes the character locale from the environment again at every prompt, so a C
    /// or POSIX locale is coerced the way Python does it (PEP 538): `LC_CTYPE=C.UTF-8` is put in
    /// this process's environment. Only the character category changes, never number
    /// formatting, and an explicit `LC_ALL` is respected.
    private static func useUTF8Characters(environment: [String: String]) {
        if let name = setlocale(LC_CTYPE, ""), String(cString: name).lowercased().contains("utf") { return }
        if let all = environment["LC_ALL"], !all.isEmpty { return }
        guard setlocale(LC_CTYPE, "C.UTF-8") != nil else { return }
        setenv("LC_CTYPE", "C.UTF-8", 1)
    }

    /// Shows `prompt` and reads one line; `continuing` says the line continues an open entry.
    func read(prompt: String, continuing: Bool = false) -> Event {
        wake.drain()  // A Ctrl-C that arrived before the prompt belongs to what was running then.
        _ = ContinueSignal.consume()  // A stop during evaluation needs no redraw: the prompt is new.
        ReadlineBridge.received = nil
        ReadlineBridge.continuing = continuing
        rl_callback_handler_install(prompt, ReadlineBridge.lineHandler)
        while true {
            var descriptors = [
                pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
                pollfd(fd: wake.readDescriptor, events: Int16(POLLIN), revents: 0),
            ]
            let ready = poll(&descriptors, nfds_t(descriptors.count), -1)
            if ready < 0 {
                if errno == EINTR {
                    let signal = rl_pending_signal()
                    rl_check_signals()  // Readline's deferred handling of what its handler caught.
                    afterSignalHandling(stopSignal: [SIGTSTP, SIGTTIN, SIGTTOU].contains(signal))
                    continue
                }
                rl_callback_handler_remove()
                return .endOfInput
            }
            if descriptors[1].revents != 0 {
                abandonLine()
                return .interrupted
            }
            if descriptors[0].revents != 0 {
                rl_callback_read_char()
                afterSignalHandling()  // It may have handled a signal too.
                if let event = ReadlineBridge.received { return event }
            }
        }
    }

    /// Restores what readline's signal handling may have changed, after it had the chance to
    /// act on a signal (Ctrl-Z, a window resize).
    ///
    /// `stopSignal` says readline was about to handle Ctrl-Z: a process that is its own orphaned
    /// process group (started straight from tmux, say) is never really stopped, and gets no
    /// SIGCONT, yet readline has echoed `^Z` over the line, so it is redrawn then as well.
    private func afterSignalHandling(stopSignal: Bool = false) {
        // Readline's Ctrl-Z handling unblocks every signal it found blocked.
        InterruptListener.blockOnCurrentThread()
        ContinueSignal.block()
        if ContinueSignal.consume() {
            // Back in the foreground after the shell's own output: draw prompt and text anew.
            rl_forced_update_display()
        } else if stopSignal {
            // Not stopped at all: continue on a fresh line below the echoed `^Z`.
            fflush(stdout)
            TerminalOutput.writeAll("\n", to: STDOUT_FILENO)
            rl_on_new_line()
            rl_redisplay()
        }
    }

    /// Whether more input is already waiting on standard input: text pasted or typed ahead,
    /// which the REPL may read before running the entry it has.
    func hasWaitingInput() -> Bool {
        var descriptor = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
        return poll(&descriptor, 1, 0) > 0 && descriptor.revents & Int16(POLLIN) != 0
    }

    /// Records `line` (a whole entry, possibly of several lines) in the history, in memory and in
    /// the file, skipping blanks and repeats.
    func remember(_ line: String) {
        guard !line.allSatisfy(\.isWhitespace) else { return }
        if let last = history_get(history_base + history_length - 1), let text = last.pointee.line,
           String(cString: text) == line
        {
            return
        }
        add_history(line)
        history?.append()
    }

    /// Leaves readline and trims the history file to its limit.
    func finish() {
        history?.trim()
    }

    /// Throws away the line being edited after Ctrl-C, echoing `^C` as a shell does.
    ///
    /// The newline goes out before the handler is removed: leaving readline ends bracketed-paste
    /// mode with a carriage return, which would otherwise put the next output over the prompt.
    private func abandonLine() {
        wake.drain()
        rl_point = rl_end
        rl_redisplay()
        fflush(stdout)
        TerminalOutput.writeAll("^C\n", to: STDOUT_FILENO)
        rl_replace_line("", 0)
        rl_callback_sigcleanup()
        rl_callback_handler_remove()
    }
}
