import Foundation

extension BuiltinRegistry {
    static var strings: [BuiltinFunction] {
        [
            def("str", "strings", "the text of any value, as print shows it",
                "Numbers use the one number format (3, 0.1, 1e-08). A list of more than 1,000 elements shows its first "
                    + "and last 10 and how many lie between, as print does, and a tensor of more than 1,000 elements its first and last "
                    + "few on each axis; full: true shows every element.",
                example: "str(1.50)  # \"1.5\"") { p in
                let x = p.required("x", .any), full = p.optional("full", .bool, default: .bool(false))
                return { a in .string(try a[x].text(full: try a[full])) }
            },
            def("num", "strings", "a number parsed from a string",
                "Accepts decimal and exponent forms such as \"12\", \"-0.5\", \"5e-4\". A number is returned unchanged.",
                example: "num(\"2.5\") + 1  # 3.5") { p in
                let x = p.required("x", ArgumentKind<Value>.any.constrained("a string or number") { value in
                    switch value {
                    case .string, .number: return true
                    default: return false
                    }
                })
                return { a in
                    let value = try a[x]
                    guard case .string(let s) = value else { return value }
                    guard let n = Double(s.trimmingCharacters(in: .whitespaces)) else { throw RuntimeError(Messages.cannotConvert(s), parameter: x.index) }
                    return .number(n)
                }
            },
            def("fixed", "strings", "a number as text with a fixed number of decimals", "digits is between 0 and 15.",
                example: "fixed(3.14159, digits: 3)  # \"3.142\"") { p in
                let x = p.required("x", .number)
                // Beyond 15 decimals a Double has no more significant digits to show.
                let digits = p.optional("digits", ArgumentKind<Int>.integer.constrained("an integer from 0 to 15") { (0...15).contains($0) },
                                        default: .number(2))
                return { a in .string(formatFixed(try a[x], digits: try a[digits])) }
            },
            def("join", "strings", "the texts of a list's elements joined with a separator", "Each element is converted as str does.",
                example: "join([1, 2, 3], separator: \", \")  # \"1, 2, 3\"") { p in
                let list = p.required("list", .list), separator = p.optional("separator", .string, default: .string(""))
                return { a in .string(try a[list].map(\.text).joined(separator: try a[separator])) }
            },
            def("split", "strings", "pieces of a string between separators; or a dataset in two random parts",
                "split(text, separator: \" \") cuts a string (the separator must not be empty). "
                    + "split(data, fraction, seed: none) splits a dataset into a list of two disjoint datasets "
                    + "holding fraction and 1 - fraction of the samples, each in the original order.",
                example: "split(\"a,b\", separator: \",\")  # [\"a\", \"b\"]",
                signature: "split(text, separator: \" \")  or  split(data, fraction, seed: none)") { p in
                // The second parameter is a text's separator or a dataset's fraction: its kind
                // takes either (an empty separator is refused before the script runs), and the
                // body checks that it is the one the first argument calls for.
                let separatorOrFraction = ArgumentKind<Value>.any.constrained("a non-empty string (a text's separator) or a number (a dataset's fraction)") {
                    switch $0 {
                    case .string(let text): return !text.isEmpty
                    case .number: return true
                    default: return false
                    }
                }
                let x = p.required("x", .stringOrDataset), separator = p.optional("separator", separatorOrFraction)
                let seed = p.optional("seed", .integer(atLeast: 0))
                return { a in
                    switch try a[x] {
                    case .dataset(let given, let dataset):
                        guard case .number(let fraction)? = try a[separator] else {
                            // Called on a dataset, the parameter is the fraction, whatever its name says.
                            let given = try a[separator].map(BuiltinArguments.given) ?? "none"
                            throw RuntimeError(Messages.splitFraction(given), parameter: separator.index)
                        }
                        let (first, second) = try dataset.split(fraction, stream: try a.stream(seed))
                        return .list([keepingNormalization(of: given, .dataset(first)), keepingNormalization(of: given, .dataset(second))])
                    case .other(let s):
                        var sep = " "
                        if let given = try a[separator] {
                            guard case .string(let text) = given else { throw a.fail(separator, expected: "a string") }
                            sep = text
                        }
                        return .list(s.components(separatedBy: sep).map { .string($0) })
                    }
                }
            },
            textFunction("upper", "upper-case copy of a string", "Unicode-aware.", example: "upper(\"abc\")  # \"ABC\"") {
                $0.uppercased()
            },
            textFunction("lower", "lower-case copy of a string", "Unicode-aware.", example: "lower(\"ABC\")  # \"abc\"") {
                $0.lowercased()
            },
            textFunction("trim", "a string without leading and trailing white space",
                         "Removes spaces, tabs and line breaks at both ends.", example: "trim(\"  hi \")  # \"hi\"") {
                $0.trimmingCharacters(in: .whitespacesAndNewlines)
            },
            def("replace", "strings", "a string with every occurrence of old replaced by new", "old must not be empty.",
                example: "replace(\"a-b-c\", \"-\", \"+\")  # \"a+b+c\"") { p in
                let text = p.required("text", .string), old = p.required("old", .nonEmptyString), new = p.required("new", .string)
                return { a in .string(try a[text].replacingOccurrences(of: try a[old], with: try a[new])) }
            },
            def("pad", "strings", "text padded with spaces to a width, for tables", "align is \"left\" or \"right\"; longer text is kept whole.",
                example: "pad(7, 3, align: \"right\")  # \"  7\"") { p in
                let x = p.required("x", .any), width = p.required("width", .integer)
                let align = p.optional("align", .oneOf(["left", "right"]), default: .string("left"))
                return { a in
                    let s = try a[x].text
                    // Table columns are narrow; the cap keeps a typo such as pad(x, 1e9) from
                    // allocating gigabytes of spaces.
                    let fill = String(repeating: " ", count: Swift.max(0, Swift.min(try a[width], 10_000) - s.count))
                    return .string(try a[align] == "left" ? s + fill : fill + s)
                }
            },
        ]
    }

    /// A string function of one string.
    private static func textFunction(_ name: String, _ summary: String, _ description: String, example: String,
                                     _ f: @escaping (String) -> String) -> BuiltinFunction {
        def(name, "strings", summary, description, example: example) { p in
            let text = p.required("text", .string)
            return { a in .string(f(try a[text])) }
        }
    }

    static var misc: [BuiltinFunction] {
        [
            def("help", "values", "prints the documentation of a builtin or keyword, or the overview",
                "help() lists the builtins by category and the keywords; help(\"fisher_trace\") prints its signature, "
                    + "what it computes, its estimators and an example, as :help fisher_trace does at the prompt and "
                    + "infoscope help fisher_trace from the shell.",
                example: "help(\"moons\")") { p in
                let topic = p.optional("name", .string)
                return { a in
                    let name = try a[topic]
                    guard let text = Interpreter.help(topic: name, builtins: a.evaluator.builtins) else {
                        let known = a.evaluator.builtins.map(\.name) + Keyword.allCases.map(\.rawValue)
                        throw RuntimeError(Messages.noHelp(name ?? ""), parameter: topic.index,
                                           notes: closestName(to: name ?? "", among: known).map { [Messages.didYouMean($0)] } ?? [])
                    }
                    let shown = HelpLayout.wrap(text, width: a.evaluator.session.options.helpWidth)
                    a.evaluator.output.write(shown.hasSuffix("\n") ? shown : shown + "\n", to: .standardOutput)
                    return .none
                }
            },
            def("type_of", "values", "the type name of a value",
                "One of none, boolean, number, string, list, record, range, function, or the type of an object: tensor, network, "
                    + "layer, dataset, run, probe, probe result, ...",
                example: "type_of([1])  # \"list\"") { p in
                let x = p.required("x", .any)
                return { a in .string(try a[x].typeName) }
            },
            def("assert", "values", "stop with an error unless a condition holds", "condition must be a boolean.",
                example: "assert(1 + 1 == 2, message: \"arithmetic\")") { p in
                let condition = p.required("condition", .bool), message = p.optional("message", .string, default: .string(""))
                return { a in
                    guard try a[condition] else {
                        let m = try a[message]
                        throw RuntimeError(m.isEmpty ? Messages.assertionFailed : Messages.assertionFailed(m))
                    }
                    return .none
                }
            },
            def("fail", "values", "stop with an error carrying a message",
                "Raises a runtime error at the call with the given message.", example: "fail(\"bad input\")") { p in
                let message = p.required("message", .any)
                return { a in throw RuntimeError(try a[message].text) }
            },
            def("temp_dir", [], "values", "a directory of this run's own for scratch files",
                "Made on first use under the system's temporary directory ($TMPDIR, else /tmp) with a unique name, "
                    + "so scripts running side by side never overwrite each other's files; the same path for the whole "
                    + "run or REPL session, removed with everything in it when the run or session ends.",
                example: "let path = \"{temp_dir()}/run.ckpt\"") { a in
                .string(try a.evaluator.session.scratchDirectory())
            },
            def("file_exists", "values", "whether a file or directory exists at a path",
                "A relative path is taken from the current directory, as plot, save and train(checkpoint:) take it. "
                    + "Useful to resume a run only when its checkpoint was written, or to check a plot's file.",
                example: "file_exists(\"{temp_dir()}/run.ckpt\")  # false") { p in
                let path = p.required("path", .string)
                return { a in .bool(FileManager.default.fileExists(atPath: try a[path])) }
            },
            def("is_nan", "math", "whether a number is not-a-number",
                "nan arises from 0 * inf and similar; comparisons with nan are always false.",
                example: "is_nan(num(\"nan\"))  # true") { p in
                let x = p.required("x", .number)
                return { a in .bool(try a[x].isNaN) }
            },
        ]
    }
}

extension ArgumentKind where T == String {
    /// A string that is not empty (a separator, a text to replace).
    static var nonEmptyString: ArgumentKind<String> { string.constrained("a non-empty string") { !$0.isEmpty } }
}
