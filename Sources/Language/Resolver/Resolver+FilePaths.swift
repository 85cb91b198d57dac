import Foundation

/// File paths written as literals are checked before anything runs, so that a script that
/// trains for an hour does not fail at its last line because the folder it saves into does not
/// exist, nor at its tenth because a file it reads is missing. Paths built at run time
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
                if parameter.isOutputPath { arguments.forEach { checkPath(args[$0].value, OutputPath.problem, Messages.cannotWrite) } }
                if parameter.isInputPath { arguments.forEach { checkPath(args[$0].value, InputPath.problem, Messages.cannotReadFile) } }
            }
        case .member(_, let name, _):
            if Self.fileWritingMethods.contains(name), let first = args.first(where: { $0.label == nil }) {
                checkPath(first.value, OutputPath.problem, Messages.cannotWrite)
            }
        default:
            break
        }
    }

    /// Reports a literal path whose file cannot be used, as `problem` finds, in `message`'s words.
    private func checkPath(_ e: Expr, _ problem: (String) -> String?, _ message: (String, String) -> String) {
        // An empty path is the kind's to refuse ("a file path"), once.
        guard case .string(let path)? = Self.literalValue(e), !path.isEmpty, let found = problem(path) else { return }
        report(message(path, found), at: e.range)
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
