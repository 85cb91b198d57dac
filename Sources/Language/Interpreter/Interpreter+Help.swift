import Foundation

extension Interpreter {
    /// `:help` text: an overview for nil, the documentation of a builtin or keyword, the names
    /// that contain `topic` when none is named so, or nil. Wrapped to `width` columns when given
    /// (see `HelpLayout`).
    public func help(topic: String?, width: Int? = nil) -> String? {
        Self.help(topic: topic, builtins: builtins).map { HelpLayout.wrap($0, width: width) }
    }

    /// The help text of `topic` among `builtins` and the keywords (the overview for nil), else
    /// the names that contain it; nil when there is none. `:help`, `help(name)` and
    /// `infoscope help NAME` all show this.
    static func help(topic: String?, builtins: [BuiltinFunction]) -> String? {
        guard let topic = topic?.trimmingCharacters(in: .whitespaces), !topic.isEmpty else { return overview(builtins) }
        return entry(topic, builtins) ?? apropos(topic, builtins)
    }

    /// The documentation of the builtin or keyword named `topic`, if any.
    private static func entry(_ topic: String, _ builtins: [BuiltinFunction]) -> String? {
        // `dataset` and `plot` are both reserved words and builtins: their help shows both forms.
        let keywordText = Keyword(rawValue: topic).flatMap { Self.keywordHelp[$0] }.map { $0 + "\n" }
        if let b = builtins.first(where: { $0.name == topic }) {
            let d = b.doc
            let text = "\(d.signature)\n  \(d.summary)\n\n  \(d.description)\n\n  example: \(d.example)\n"
            return keywordText.map { $0 + "\n" + text } ?? text
        }
        return keywordText
    }

    /// The builtins and keywords whose names contain `topic` (those starting with it first), each
    /// with its one-line summary; nil when none does.
    private static func apropos(_ topic: String, _ builtins: [BuiltinFunction]) -> String? {
        let needle = topic.lowercased()
        var entries = builtins.map { ($0.name, $0.doc.summary) }
        for keyword in Keyword.allCases where builtins.allSatisfy({ $0.name != keyword.rawValue }) {
            let summary = keywordHelp[keyword].flatMap { $0.split(separator: "\n").dropFirst().first }
            entries.append((keyword.rawValue, summary.map { String($0).trimmingCharacters(in: .whitespaces) } ?? "keyword"))
        }
        let matching = entries.filter { $0.0.lowercased().contains(needle) }
            .sorted { ($0.0.lowercased().hasPrefix(needle) ? 0 : 1, $0.0) < ($1.0.lowercased().hasPrefix(needle) ? 0 : 1, $1.0) }
        guard !matching.isEmpty else { return nil }
        let width = matching.map(\.0.count).max() ?? 0
        var text = "nothing is named '\(topic)'; \(matching.count == 1 ? "this name contains" : "these names contain") it (:help NAME for details):\n"
        for (name, summary) in matching {
            text += "  " + name.padding(toLength: width + 2, withPad: " ", startingAt: 0) + summary + "\n"
        }
        return text
    }

    private static func overview(_ builtins: [BuiltinFunction]) -> String {
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
        .print: "print EXPR, EXPR...\n  prints values separated by spaces; a list of more than 1,000 elements shows its first and last 10 and how many lie between (str(x, full: true) gives every element)",
        .plot: "plot SERIES, to: \"file.svg\", title: \"...\"\n  the statement form of plot(...): the same arguments, checks and errors; a line may break after a comma",
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
        .network: "network NAME(params) { input [1, 28, 28]; flatten; dense(128) relu; dense(10) }\n  declares a network; calling NAME(...) makes one. Each line applies layers (layer builtins or declared networks, as blocks) in order; the optional input line fixes the per-sample input shape, else it comes from the first data it is trained on; the optional init line (init \"pytorch\", \"he\", \"glorot\" or \"auto\") says how the layers that do not choose their own (dense(n, init: ...)) draw their weights",
        .dataset: "dataset NAME = EXPR   or   dataset NAME(params) = EXPR\n  names a dataset, or declares a recipe that builds one when called: dataset small(n = 500) = glyphs(n) |> normalize",
        .schedule: "schedule NAME(params) { optimizer sgd(lr: 0.05, momentum: 0.9); batch 128; epochs 10; lr exponential(0.97) per epoch; phase N epochs on DATA }\n  declares a training schedule for train(..., with: NAME); with a parameter list NAME(...) makes one per call. Phases run in order, each on its own data",
        .probe: "probe NAME = MEASURE(on: DATA, ...)\n  declares an information probe: a probe builtin (fisher_trace, fisher_diagonal, empirical_fisher, info_in_weights, hessian_trace, hessian_eigenvalues, hessian_fisher_gap) called without its network. train(net, ..., probes: [NAME], every: \"epoch\") records it into the run (run.NAME); NAME.apply(net) measures one network now",
    ]
}
