import Foundation

/// File paths written as literals are checked before anything runs, so that a script that
/// trains for an hour does not fail at its last line because the folder it saves into does not
/// exist, nor at its tenth because a file it reads is missing. An input file is checked only
/// where the script reads it unconditionally (not in a block or a function: it may read it only
/// when it exists) and does not write that path itself. Paths built at run time
/// (`"{temp_dir()}/a.csv"`) are checked when the builtin reads its argument, with the same message.
extension Resolver {
    /// The methods of result values that write a file, whose first argument is its path
    /// (`fisher.save("f.json")`, `sweep.save_summary(...)`, `info.save_map(...)`).
    static let fileWritingMethods: Set<String> = ["save", "save_summary", "save_map"]

    /// Checks the output-path arguments of a call: a builtin's parameters marked as output paths,
    /// or the first argument of a file-writing method.
    func checkOutputPaths(_ callee: Expr, _ args: [Argument]) {
        switch callee.kind {
        case .name(let ref):
            guard case .builtin(let i)? = ref.binding,
                  case .success(let bound) = bindArguments(labels: args.map(\.label), to: builtins[i].shapes) else { return }
            for (parameter, arguments) in zip(builtins[i].parameters, bound) {
                if parameter.isOutputPath { arguments.forEach { checkOutput(args[$0].value) } }
                if parameter.isInputPath { arguments.forEach { checkInput(args[$0].value) } }
            }
        case .member(_, let name, _):
            if Self.fileWritingMethods.contains(name), let first = args.first(where: { $0.label == nil }) {
                checkOutput(first.value)
            }
        default:
            break
        }
    }

    /// Reports a literal path whose file cannot be written, and remembers it as written.
    private func checkOutput(_ e: Expr) {
        guard let path = Self.literalPath(e) else { return }
        writtenPaths.insert(path)
        if let problem = OutputPath.problem(path) { report(Messages.cannotWrite(path, problem), at: e.range) }
    }

    /// Notes a literal path, read unconditionally, whose file cannot be read (reported at the end
    /// unless the program writes it).
    private func checkInput(_ e: Expr) {
        guard blockDepth == 0, let path = Self.literalPath(e), let problem = InputPath.problem(path) else { return }
        missingInputs.append((path, Diagnostic(Messages.cannotReadFile(path, problem), at: e.range)))
    }

    /// The text of a literal path; nil when computed, or empty (the kind refuses that, once).
    private static func literalPath(_ e: Expr) -> String? {
        guard case .string(let path)? = literalValue(e), !path.isEmpty else { return nil }
        return path
    }
}

/// Whether a file can be read at a path.
enum InputPath {
    /// Why no file can be read at `path`, or nil when there is a readable file.
    static func problem(_ path: String) -> String? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return "no such file" }
        guard !isDirectory.boolValue else { return "it is a directory, not a file" }
        guard access(path, R_OK) == 0 else { return "permission denied" }
        return nil
    }
}

/// Whether a file can be written at a path, as far as can be told without writing it.
enum OutputPath {
    /// Why a file cannot be written at `path`, or nil when its folder exists and is writable.
    static func problem(_ path: String) -> String? {
        guard !path.isEmpty else { return nil }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            return "it is a directory"
        }
        let parent = (path as NSString).deletingLastPathComponent
        let folder = parent.isEmpty ? "." : parent
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) else {
            return "the folder '\(folder)' does not exist"
        }
        guard isDirectory.boolValue else { return "'\(folder)' is not a folder" }
        guard access(folder, W_OK) == 0 else { return "the folder '\(folder)' is not writable" }
        return nil
    }
}
