import CReadline
import Foundation

/// The file where REPL input persists between sessions: `$INFOSCOPE_HISTORY`, or
/// `~/.infoscope_history`. History is a convenience, so every failure to read or write it is
/// ignored without a word.
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
    /// (readline only appends to a file that exists).
    func load() {
        if FileManager.default.fileExists(atPath: path) {
            _ = read_history(path)
        } else {
            _ = write_history(path)
        }
    }

    /// Appends readline's newest entry to the file, so a session that dies keeps its history.
    func append() {
        _ = append_history(1, path)
    }

    /// Cuts the file down to its newest `LineReader.historyLimit` entries.
    func trim() {
        _ = history_truncate_file(path, LineReader.historyLimit)
    }
}
