import CReadline
import Foundation

/// The file where REPL input persists between sessions: `$INFOSCOPE_HISTORY`, or
/// `~/.infoscope_history`. History is a convenience, so every failure to read or write it is
/// ignored without a word.
///
/// Each entry is preceded by a `#<seconds>` time line, which is how readline keeps an entry of
/// several lines as one item: the lines between two time lines are read back as one entry.
struct HistoryFile {
    /// The file's path.
    let path: String

    /// The history file the environment asks for; nil when `INFOSCOPE_HISTORY` is set but empty
    /// (history switched off) or when there is no home directory to put it in.
    static func fromEnvironment(_ environment: [String: String]) -> HistoryFile? {
        if let path = environment["INFOSCOPE_HISTORY"] {
            return path.isEmpty ? nil : HistoryFile(path: path)
        }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return HistoryFile(path: (home as NSString).appendingPathComponent(".infoscope_history"))
    }

    /// Reads earlier entries into readline's history list, creating the file if there is none
    /// (readline only appends to a file that exists). A file written before entries carried
    /// time lines is rewritten with them once, so entries appended later can be told apart.
    func load() {
        history_comment_char = CChar(UInt8(ascii: "#"))
        history_write_timestamps = 1
        guard FileManager.default.fileExists(atPath: path) else {
            _ = write_history(path)
            return
        }
        _ = read_history(path)
        if history_length > 0, !startsWithTimeLine() {
            _ = write_history(path)
        }
    }

    /// Appends readline's newest entry to the file, so a session that dies keeps its history.
    func append() {
        _ = append_history(1, path)
    }

    /// Cuts the file down to its newest `LineReader.historyLimit` entries.
    ///
    /// Counted in entries, not lines (readline's own truncation counts lines, which could cut an
    /// entry of several lines in two). The file is read again first, so entries other sessions
    /// appended meanwhile are kept.
    func trim() {
        clear_history()
        _ = read_history(path)
        guard history_length > LineReader.historyLimit else { return }
        stifle_history(LineReader.historyLimit)
        _ = write_history(path)
        _ = unstifle_history()
    }

    /// Whether the file begins with a time line (`#` and a digit).
    private func startsWithTimeLine() -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let start = [UInt8]((try? handle.read(upToCount: 2)) ?? Data())
        return start.count == 2 && start[0] == UInt8(ascii: "#") && (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(start[1])
    }
}
