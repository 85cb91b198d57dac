/// A REPL command that starts with `:` rather than code: `:help`, `:load`, `:vars`, `:reset`, `:quit`.
enum MetaCommand: Equatable {
    /// `:help [topic]`: general help, or help on one builtin, keyword or command.
    case help(topic: String?)
    /// `:load FILE`: run a script in the current session.
    case load(path: String)
    /// `:vars`: list the session's variables.
    case vars
    /// `:reset`: forget every variable and definition.
    case reset
    /// `:quit`: leave the REPL.
    case quit

    /// One line per command, for `:help` and for the error about an unknown command.
    static let summary = """
          :help [topic]   help on the language, or on one builtin, keyword or command
          :load FILE      run a script in this session (its definitions stay)
          :vars           list the variables defined so far
          :reset          forget every variable and definition
          :quit           leave (Ctrl-D does too)
        """

    /// Parses a line that starts with `:`; the error message says what was wrong.
    static func parse(_ line: String) -> Result<MetaCommand, MetaCommandError> {
        let trimmed = line.trimmingWhitespace()
        let name = String(trimmed.prefix { !$0.isWhitespace })
        let argument = String(trimmed.dropFirst(name.count)).trimmingWhitespace()
        switch name {
        case ":help":
            return .success(.help(topic: argument.isEmpty ? nil : argument))
        case ":load":
            let path = unquoted(argument)
            guard !path.isEmpty else {
                return .failure(MetaCommandError(message: CommandLineMessages.loadNeedsFile))
            }
            return .success(.load(path: path))
        case ":vars", ":reset", ":quit":
            guard argument.isEmpty else {
                return .failure(MetaCommandError(
                    message: CommandLineMessages.takesNoArgument(name, argument)))
            }
            return .success(name == ":vars" ? .vars : name == ":reset" ? .reset : .quit)
        default:
            return .failure(MetaCommandError(
                message: CommandLineMessages.unknownCommand(name, summary: summary)))
        }
    }

    /// `path` without one pair of surrounding double quotes, so `:load "my file.isc"` works.
    private static func unquoted(_ path: String) -> String {
        guard path.count >= 2, path.first == "\"", path.last == "\"" else { return path }
        return String(path.dropFirst().dropLast())
    }
}

/// Why a `:` command line could not be understood.
struct MetaCommandError: Error, Equatable {
    /// The message for the user.
    let message: String
}
