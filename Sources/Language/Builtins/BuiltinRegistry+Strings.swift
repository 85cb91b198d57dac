import Foundation

extension BuiltinRegistry {
    static var strings: [BuiltinFunction] {
        [
            def("str", [.required("x")], "strings", "the text of any value, as print shows it",
                "Numbers use the one number format (3, 0.1, 1e-08).", example: "str(1.50)  # \"1.5\"") { a in
                .string(a[0].text)
            },
            def("num", [.required("x")], "strings", "a number parsed from a string",
                "Accepts decimal and exponent forms such as \"12\", \"-0.5\", \"5e-4\". A number is returned unchanged.",
                example: "num(\"2.5\") + 1  # 3.5") { a in
                if case .number = a[0] { return a[0] }
                let s = try a.string(0)
                guard let x = Double(s.trimmingCharacters(in: .whitespaces)) else { throw RuntimeError(Messages.cannotConvert(s), parameter: 0) }
                return .number(x)
            },
            def("fixed", [.required("x"), .optional("digits", .number(2))], "strings",
                "a number as text with a fixed number of decimals", "digits is between 0 and 15.",
                example: "fixed(3.14159, digits: 3)  # \"3.142\"") { a in
                let x = try a.number(0), d = try a.integer(1)
                // Beyond 15 decimals a Double has no more significant digits to show.
                guard (0...15).contains(d) else { throw a.fail(1, expected: "an integer from 0 to 15") }
                return .string(formatFixed(x, digits: d))
            },
            def("join", [.required("list"), .optional("separator", .string(""))], "strings",
                "the texts of a list's elements joined with a separator", "Each element is converted as str does.",
                example: "join([1, 2, 3], separator: \", \")  # \"1, 2, 3\"") { a in
                .string(try a.list(0).map(\.text).joined(separator: try a.string(1)))
            },
            def("split", [.required("x"), .optional("separator", .none), .optional("seed", .none)], "strings",
                "pieces of a string between separators; or a dataset in two random parts",
                "split(text, separator: \" \") cuts a string (the separator must not be empty). "
                    + "split(data, fraction, seed: none) splits a dataset into a list of two disjoint datasets "
                    + "holding fraction and 1 - fraction of the samples, each in the original order.",
                example: "split(\"a,b\", separator: \",\")  # [\"a\", \"b\"]",
                signature: "split(text, separator: \" \")  or  split(data, fraction, seed: none)") { a in
                if case .object(let o as DatasetValue) = a[0] {
                    let (first, second) = try o.dataset.split(try a.number(1), stream: try a.stream(2))
                    return .list([keepingNormalization(of: a[0], .dataset(first)), keepingNormalization(of: a[0], .dataset(second))])
                }
                let s = try a.string(0), sep = a.isNone(1) ? " " : try a.string(1)
                guard !sep.isEmpty else { throw a.fail(1, expected: "a non-empty string") }
                return .list(s.components(separatedBy: sep).map { .string($0) })
            },
            def("upper", [.required("text")], "strings", "upper-case copy of a string", "Unicode-aware.",
                example: "upper(\"abc\")  # \"ABC\"") { a in .string(try a.string(0).uppercased()) },
            def("lower", [.required("text")], "strings", "lower-case copy of a string", "Unicode-aware.",
                example: "lower(\"ABC\")  # \"abc\"") { a in .string(try a.string(0).lowercased()) },
            def("trim", [.required("text")], "strings", "a string without leading and trailing white space",
                "Removes spaces, tabs and line breaks at both ends.", example: "trim(\"  hi \")  # \"hi\"") { a in
                .string(try a.string(0).trimmingCharacters(in: .whitespacesAndNewlines))
            },
            def("replace", [.required("text"), .required("old"), .required("new")], "strings",
                "a string with every occurrence of old replaced by new", "old must not be empty.",
                example: "replace(\"a-b-c\", \"-\", \"+\")  # \"a+b+c\"") { a in
                let old = try a.string(1)
                guard !old.isEmpty else { throw a.fail(1, expected: "a non-empty string") }
                return .string(try a.string(0).replacingOccurrences(of: old, with: try a.string(2)))
            },
            def("pad", [.required("x"), .required("width"), .optional("align", .string("left"))], "strings",
                "text padded with spaces to a width, for tables", "align is \"left\" or \"right\"; longer text is kept whole.",
                example: "pad(7, 3, align: \"right\")  # \"  7\"") { a in
                let s = a[0].text, width = try a.integer(1), align = try a.string(2)
                guard align == "left" || align == "right" else { throw a.fail(2, expected: "\"left\" or \"right\"") }
                // Table columns are narrow; the cap keeps a typo such as pad(x, 1e9) from
                // allocating gigabytes of spaces.
                let fill = String(repeating: " ", count: Swift.max(0, Swift.min(width, 10_000) - s.count))
                return .string(align == "left" ? s + fill : fill + s)
            },
        ]
    }

    static var misc: [BuiltinFunction] {
        [
            def("type_of", [.required("x")], "values", "the type name of a value",
                "One of none, boolean, number, string, list, record, range, function.",
                example: "type_of([1])  # \"list\"") { a in .string(a[0].typeName) },
            def("assert", [.required("condition"), .optional("message", .string(""))], "values",
                "stop with an error unless a condition holds", "condition must be a boolean.",
                example: "assert(1 + 1 == 2, message: \"arithmetic\")") { a in
                guard try a.bool(0) else {
                    let m = try a.string(1)
                    throw RuntimeError(m.isEmpty ? Messages.assertionFailed : Messages.assertionFailed(m))
                }
                return .none
            },
            def("fail", [.required("message")], "values", "stop with an error carrying a message",
                "Raises a runtime error at the call with the given message.", example: "fail(\"bad input\")") { a in
                throw RuntimeError(a[0].text)
            },
            def("temp_dir", [], "values", "a directory of this run's own for scratch files",
                "Made on first use under the system's temporary directory ($TMPDIR, else /tmp) with a unique name, "
                    + "so scripts running side by side never overwrite each other's files; the same path for the whole "
                    + "run or REPL session, removed with everything in it when the run or session ends.",
                example: "let path = \"{temp_dir()}/run.ckpt\"") { a in
                .string(try a.evaluator.session.scratchDirectory())
            },
            def("file_exists", [.required("path")], "values", "whether a file or directory exists at a path",
                "A relative path is taken from the current directory, as plot, save and train(checkpoint:) take it. "
                    + "Useful to resume a run only when its checkpoint was written, or to check a plot's file.",
                example: "file_exists(\"{temp_dir()}/run.ckpt\")  # false") { a in
                .bool(FileManager.default.fileExists(atPath: try a.string(0)))
            },
            def("is_nan", [.required("x")], "math", "whether a number is not-a-number",
                "nan arises from 0 * inf and similar; comparisons with nan are always false.",
                example: "is_nan(num(\"nan\"))  # true") { a in .bool(try a.number(0).isNaN) },
        ]
    }
}
