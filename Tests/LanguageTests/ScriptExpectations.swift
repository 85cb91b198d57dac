import Foundation

/// The `# expect...` directives of one golden script.
struct ScriptExpectations {
    /// One expected standard-output line: exact, approximate, or matching a pattern.
    enum OutputLine {
        case exact(String)
        case approx(value: Double, tolerance: Double)
        /// The whole line matches the regular expression (for lines that mix text and trained figures).
        case matching(NSRegularExpression)
    }
    /// An expected diagnostic: message fragment and, when known, its line.
    struct ExpectedError {
        let message: String
        let line: Int?
        let directiveLine: Int
    }

    var output: [(line: Int, expected: OutputLine)] = []
    var compileErrors: [ExpectedError] = []
    var runtimeError: ExpectedError?
    /// `# expect note: text`: a note line (such as a suggestion) somewhere in the diagnostics.
    var notes: [(line: Int, text: String)] = []
    /// `# expect warning: text`: a `warning:` line on standard error containing the text; a run
    /// may write only the warnings its script expects.
    var warnings: [(line: Int, text: String)] = []
    var problems: [String] = []
    /// `# expect check only: reason`: the script is only checked (parsed and resolved, as by
    /// `infoscope check`), which must succeed quietly; for examples too slow for the suite.
    var checkOnly: String?

    var isEmpty: Bool { output.isEmpty && compileErrors.isEmpty && runtimeError == nil && checkOnly == nil }

    /// Reads directives from comments. A directive sharing its line with code refers to that
    /// line; one on a line of its own refers to no particular line (errors) or just orders output.
    init(source: String) {
        for (i, rawLine) in source.components(separatedBy: "\n").enumerated() {
            let number = i + 1
            guard let r = rawLine.range(of: "# expect") else { continue }
            let hasCode = !rawLine[..<r.lowerBound].trimmingCharacters(in: .whitespaces).isEmpty
            let directive = String(rawLine[r.upperBound...])
            parse(directive, line: number, codeLine: hasCode ? number : nil)
        }
        if checkOnly != nil && !(output.isEmpty && compileErrors.isEmpty && runtimeError == nil && notes.isEmpty) {
            problems.append("a 'check only' script cannot expect output or errors: nothing runs")
        }
    }

    private mutating func parse(_ d: String, line: Int, codeLine: Int?) {
        if d.hasPrefix(": ") || d == ":" {
            output.append((line, .exact(String(d.dropFirst(2)))))
        } else if d.hasPrefix(" approx: ") {
            let parts = d.dropFirst(" approx: ".count).split(separator: " ")
            guard parts.count == 3, parts[1] == "tol", let v = Double(parts[0]), let t = Double(parts[2]) else {
                problems.append("line \(line): malformed approx directive")
                return
            }
            output.append((line, .approx(value: v, tolerance: t)))
        } else if d.hasPrefix(" match: ") {
            guard let regex = try? NSRegularExpression(pattern: "^(?:" + d.dropFirst(" match: ".count) + ")$") else {
                problems.append("line \(line): malformed regular expression in 'expect match:'")
                return
            }
            output.append((line, .matching(regex)))
        } else if d.hasPrefix(" check only: ") {
            checkOnly = String(d.dropFirst(" check only: ".count))
        } else if d.hasPrefix(" warning: ") {
            warnings.append((line, String(d.dropFirst(" warning: ".count))))
        } else if d.hasPrefix(" note: ") {
            notes.append((line, String(d.dropFirst(" note: ".count))))
        } else if d.hasPrefix(" runtime error: ") {
            runtimeError = ExpectedError(message: String(d.dropFirst(" runtime error: ".count)), line: codeLine, directiveLine: line)
        } else if d.hasPrefix(" error line ") {
            let rest = d.dropFirst(" error line ".count)
            guard let colon = rest.firstIndex(of: ":"), let n = Int(rest[..<colon]) else {
                problems.append("line \(line): malformed 'expect error line N:' directive")
                return
            }
            compileErrors.append(ExpectedError(message: String(rest[rest.index(after: colon)...]).trimmingCharacters(in: .whitespaces), line: n, directiveLine: line))
        } else if d.hasPrefix(" error: ") {
            compileErrors.append(ExpectedError(message: String(d.dropFirst(" error: ".count)), line: codeLine, directiveLine: line))
        } else {
            problems.append("line \(line): unknown directive '# expect\(d)'")
        }
    }
}

/// A diagnostic parsed back from rendered standard-error text.
struct ReportedError {
    let line: Int?
    let message: String

    /// Parses `path:line:col: error: message` and `path: error: message` lines.
    static func parse(_ text: String) -> [ReportedError] {
        text.components(separatedBy: "\n").compactMap { l in
            guard let r = l.range(of: ": error: ") else { return nil }
            let location = l[..<r.lowerBound].split(separator: ":")
            let line = location.count >= 3 ? Int(location[location.count - 2]) : nil
            return ReportedError(line: line, message: String(l[r.upperBound...]))
        }
    }
}
