import Foundation
import Language

extension Repl {
    /// Carries out a `:` command line; returns `.quit` when the session should end.
    @discardableResult
    func perform(_ line: String) -> MetaCommand? {
        switch MetaCommand.parse(line) {
        case .failure(let error):
            output.write("error: \(error.message)\n", to: .standardError)
            return nil
        case .success(let command):
            switch command {
            case .help(let topic): showHelp(topic)
            case .load(let path): load(path)
            case .vars: listVariables()
            case .reset:
                interpreter.reset()
                output.write(CommandLineMessages.sessionReset + "\n", to: .standardOutput)
            case .quit: break
            }
            return command
        }
    }

    /// `:help [topic]`: the REPL's commands and the interpreter's own help.
    func showHelp(_ topic: String?) {
        guard let topic else {
            output.write("REPL commands:\n" + MetaCommand.summary + "\n", to: .standardOutput)
            if let general = interpreter.help(topic: nil, width: TerminalWidth.of(STDOUT_FILENO)) {
                output.write("\n" + withNewline(general), to: .standardOutput)
            }
            return
        }
        if topic.hasPrefix(":") {
            let lines = MetaCommand.summary.split(separator: "\n").filter {
                let entry = String($0).trimmingWhitespace()
                return entry.hasPrefix(topic + " ") || entry == topic
            }
            if !lines.isEmpty {
                output.write(lines.joined(separator: "\n") + "\n", to: .standardOutput)
                return
            }
        }
        if let text = interpreter.help(topic: topic, width: TerminalWidth.of(STDOUT_FILENO)) {
            output.write(withNewline(text), to: .standardOutput)
        } else {
            output.write("error: \(CommandLineMessages.noHelp(topic))\n", to: .standardError)
        }
    }

    /// `:load FILE`: runs a script in this session, so its definitions stay.
    func load(_ path: String) {
        switch SourceLoader.read(path: path) {
        case .failure(let error):
            output.write("error: \(error.message)\n", to: .standardError)
        case .success(let source):
            // Expression values are not echoed, as when the file runs as a script.
            _ = interpreter.run(source: source, path: path)
        }
    }

    /// `:vars`: one line per variable, names aligned.
    func listVariables() {
        let variables = interpreter.variables()
        guard !variables.isEmpty else {
            output.write(CommandLineMessages.noVariables + "\n", to: .standardOutput)
            return
        }
        let width = variables.map(\.name.count).max() ?? 0
        for variable in variables {
            let padding = String(repeating: " ", count: width - variable.name.count)
            output.write("  \(variable.name)\(padding)  \(variable.description)\n", to: .standardOutput)
        }
    }

    private func withNewline(_ text: String) -> String {
        text.hasSuffix("\n") ? text : text + "\n"
    }
}
