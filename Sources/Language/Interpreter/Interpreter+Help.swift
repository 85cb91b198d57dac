import Foundation

extension Interpreter {
    /// `:help` text: an overview for nil, the documentation of a builtin or keyword, or nil.
    public func help(topic: String?) -> String? {
        guard let topic = topic?.trimmingCharacters(in: .whitespaces), !topic.isEmpty else { return overview() }
        if let b = builtins.first(where: { $0.name == topic }) {
            let d = b.doc
            return "\(d.signature)\n  \(d.summary)\n\n  \(d.description)\n\n  example: \(d.example)\n"
        }
        if let k = Keyword(rawValue: topic), let text = Self.keywordHelp[k] { return text + "\n" }
        return nil
    }

    private func overview() -> String {
        var text = "Infoscope \(infoscopeVersion): a language for finding where the information in a network is.\n\n"
        text += "Builtins (:help NAME for details):\n"
        var categories: [String] = []
        for b in builtins where !categories.contains(b.doc.category) { categories.append(b.doc.category) }
        for c in categories {
            let names = builtins.filter { $0.doc.category == c }.map(\.name)
            text += "  " + c.padding(toLength: 9, withPad: " ", startingAt: 0) + names.joined(separator: ", ") + "\n"
        }
        text += "\nKeywords: " + Keyword.allCases.map(\.rawValue).joined(separator: ", ") + "\n"
        return text
    }

    static let keywordHelp: [Keyword: String] = [
        .let: "let NAME = EXPR\n  declares a constant; use 'var' for a name you will assign again",
        .var: "var NAME = EXPR\n  declares a variable that can be assigned with '=', '+=', '-=', '*=', '/='",
        .fn: "fn NAME(a, b = 2) { ... }   or   fn(x) => x * 2\n  declares a function or a lambda; call with positional or named arguments",
        .if: "if COND { ... } else if COND { ... } else { ... }\n  the condition must be a boolean",
        .for: "for NAME in LIST_OR_RANGE { ... }\n  loops over a list, range (0..<n, a..b), string or record keys",
        .while: "while COND { ... }\n  loops while the condition is true; Ctrl-C interrupts",
        .print: "print EXPR, EXPR...\n  prints values separated by spaces",
        .import: "import \"file.isc\"\n  runs a file once, relative to the importing file, and shares its names",
        .return: "return [EXPR]\n  leaves the function with a value (none when omitted)",
        .else: "if COND { ... } else { ... }\n  the branch taken when the condition is false",
        .in: "for NAME in VALUES { ... }\n  names what a for loop walks over",
        .break: "break\n  leaves the innermost loop",
        .continue: "continue\n  skips to the next iteration of the innermost loop",
        .true: "true, false\n  the boolean values; conditions must be booleans",
        .false: "true, false\n  the boolean values; conditions must be booleans",
        .none: "none\n  the absence of a value; functions without return give none",
        .and: "A and B\n  true when both are; B is not evaluated when A is false",
        .or: "A or B\n  true when either is; B is not evaluated when A is true",
        .not: "not A\n  the boolean opposite of A",
        .network: "network NAME(params) { layer layer ... }\n  declares a network (layers arrive in a later build)",
        .dataset: "dataset NAME(params) = EXPR\n  declares a dataset (datasets arrive in a later build)",
        .schedule: "schedule NAME(params) { optimizer ..., batch N, lr ... per epoch, phase N epochs on DATA }\n  declares a training schedule (training arrives in a later build)",
        .probe: "probe NAME = MEASURE(...)\n  declares an information probe (probes arrive in a later build)",
    ]
}
