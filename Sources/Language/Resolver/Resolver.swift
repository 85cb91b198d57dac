import Foundation

/// The checker: resolves every name to a slot or builtin, reports unknown names with suggestions,
/// checks calls to known functions, loop/function context of `break`/`continue`/`return`,
/// duplicate parameters and fields, assignment to `let`, and loads imports.
final class Resolver {
    var state: ResolverState
    var scopes: [ScopeNames] = []
    let builtinIndex: [String: Int]
    let builtins: [BuiltinFunction]
    var diagnostics: [Diagnostic] = []
    /// Whether argument values known before running (literals, output paths) are checked here;
    /// off only where a test wants the run's own message for the same mistake.
    var checksArguments = true
    /// How many blocks and function bodies enclose the statement being resolved: a file read
    /// there may be one the script makes first, or reads only when it exists.
    var blockDepth = 0
    /// Literal paths the program writes, and the literal input paths found missing: a missing
    /// input is reported at the end unless the program writes that path itself.
    var writtenPaths: Set<String> = []
    var missingInputs: [(path: String, diagnostic: Diagnostic)] = []
    var functionDepth = 0
    var loopDepth = 0
    /// Canonical paths of the files being resolved, outermost first (for cycle detection).
    var importStack: [String]
    /// Declarations made by each top-level statement: (statement index, name, entry it replaced).
    var topLevelDeclarations: [(statement: Int, name: String, previous: NameEntry?)] = []
    var currentTopLevelStatement: Int?

    init(state: ResolverState, builtins: [BuiltinFunction], mainPath: String?) {
        self.state = state
        self.builtins = builtins
        var index: [String: Int] = [:]
        for (i, b) in builtins.enumerated() { index[b.name] = i }
        self.builtinIndex = index
        self.importStack = mainPath.map { [Self.canonical($0)] } ?? []
    }

    static func canonical(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }

    func report(_ message: String, at range: SourceRange, notes: [String] = []) {
        diagnostics.append(Diagnostic(message, at: range, notes: notes))
    }

    /// Resolves a chunk's top-level statements in the global scope.
    func resolveProgram(_ statements: [Stmt]) {
        scopes = [state.globals]
        hoist(statements)
        for (i, s) in statements.enumerated() {
            currentTopLevelStatement = i
            statement(s)
        }
        currentTopLevelStatement = nil
        diagnostics += missingInputs.filter { !writtenPaths.contains($0.path) }.map(\.diagnostic)
        state.globals = scopes[0]
    }

    func declare(_ name: String, _ kind: DeclarationKind, _ range: SourceRange, function: FunctionDecl? = nil) -> Int {
        let top = scopes.count - 1
        if top == 0, let i = currentTopLevelStatement {
            topLevelDeclarations.append((i, name, scopes[0].names[name]))
        }
        return scopes[top].declare(name, kind, range, function: function)
    }

    /// Declares the functions of a statement list before resolving it, so order does not matter.
    func hoist(_ statements: [Stmt]) {
        var seen: Set<String> = []
        for s in statements {
            guard case .function(let decl, let slot) = s.kind else { continue }
            if !seen.insert(decl.name).inserted {
                report(Messages.duplicateDeclaration(decl.name), at: decl.nameRange)
            }
            slot.slot = declare(decl.name, .function, decl.nameRange, function: decl)
        }
    }

    /// Finds a name from the innermost scope outwards.
    func find(_ name: String) -> (hops: Int, entry: NameEntry)? {
        for (hops, scope) in scopes.reversed().enumerated() {
            if let e = scope.names[name] { return (hops, e) }
        }
        return nil
    }

    func withScope<T>(_ body: () -> T) -> T {
        scopes.append(ScopeNames())
        defer { scopes.removeLast() }
        return body()
    }

    /// All names visible here (for suggestions).
    var visibleNames: [String] {
        scopes.flatMap { $0.names.keys } + builtinIndex.keys
    }
}
