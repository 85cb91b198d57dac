import Foundation

/// Runs Infoscope source: whole scripts, `check` passes and REPL chunks, writing only to `output`.
///
/// The pipeline, one phase per folder: `Lexer` (bytes to tokens) → `Parser` (tokens to the AST,
/// one method per rule of `grammar/infoscope.ebnf`) → `Resolver` (names to slots, static checks,
/// imports) → `Evaluator` (tree walking). Every message lives in `Messages`.
///
/// Seams for the domain modules: `network`/`dataset`/`schedule`/`probe` declarations are parsed
/// into complete AST nodes and resolved; `Evaluator.domainDeclaration` is where they get meaning.
/// Networks, datasets, runs and probe results enter the language as `Value.object` (classes
/// conforming to `ObjectValue`), and their functions as entries of `BuiltinRegistry`.
public final class Interpreter {
    /// Set from any thread to stop the running evaluation; polled in loops and calls.
    public let interrupt = InterruptFlag()
    let options: InterpreterOptions
    let output: OutputSink
    let builtins: [BuiltinFunction]
    var state = ResolverState()
    var globals = Scope(parent: nil)
    var random: RandomSource
    let session: Session
    /// Whether argument values known before running are checked then (see `Resolver`); the
    /// corpus test turns it off to get the run's own message for the same mistake.
    var checksArgumentsBeforeRunning = true

    /// Creates an interpreter with fresh global state.
    public init(options: InterpreterOptions, output: OutputSink) {
        self.options = options
        self.output = output
        self.builtins = BuiltinRegistry.all
        self.random = RandomSource(seed: options.seed)
        self.session = Session(options: options)
    }

    /// What a chunk of input is run for.
    enum Mode { case script, interactive, check }

    /// Runs a whole script; diagnostics go to standard error.
    public func run(source: String, path: String) -> RunOutcome {
        onLargeStack { self.execute(source, path: path, mode: .script, stack: $0) }
    }

    /// Runs a script given as raw bytes, reporting invalid UTF-8 as a diagnostic.
    public func run(bytes: [UInt8], path: String) -> RunOutcome {
        guard let text = decodeOrReport(bytes, path: path) else { return .compileError }
        return run(source: text, path: path)
    }

    /// Parses and resolves only, then prints a short summary of what the file declares.
    public func check(source: String, path: String) -> RunOutcome {
        onLargeStack { self.execute(source, path: path, mode: .check, stack: $0) }
    }

    /// Runs one REPL chunk; state persists across calls and expression values are printed.
    public func evaluateInteractive(_ source: String, inputName: String) -> RunOutcome {
        onLargeStack { self.execute(source, path: inputName, mode: .interactive, stack: $0) }
    }

    /// Forgets all global names, values and imports.
    public func reset() {
        state = ResolverState()
        random = RandomSource(seed: options.seed)
        releaseGlobals()
        globals = Scope(parent: nil)
    }

    deinit { releaseGlobals() }

    /// Frees the global values without deep recursion (this may run on a small-stack thread).
    private func releaseGlobals() {
        Value.releaseIteratively(&globals.slots)
    }

    /// Decodes UTF-8 or writes a diagnostic at the first invalid byte.
    func decodeOrReport(_ bytes: [UInt8], path: String) -> String? {
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        let valid = validPrefixLength(bytes)
        let file = SourceFile(path: path, text: String(decoding: bytes[..<valid], as: UTF8.self) + "?")
        let d = Diagnostic(Messages.invalidUTF8, at: SourceRange(file: file, start: file.bytes.count - 1, end: file.bytes.count))
        output.report(d, rendered: d.render(color: options.color))
        return nil
    }

    private func validPrefixLength(_ bytes: [UInt8]) -> Int {
        var lo = 0, hi = bytes.count
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if String(validating: bytes[..<mid], as: UTF8.self) != nil || startsValid(bytes, mid) { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }

    /// True when the first `n` bytes are valid UTF-8 except possibly for a sequence cut at the end.
    private func startsValid(_ bytes: [UInt8], _ n: Int) -> Bool {
        for cut in 1...3 where n - cut >= 0 {
            if String(validating: bytes[..<(n - cut)], as: UTF8.self) != nil, n < bytes.count,
               String(validating: bytes[(n - cut)..<min(bytes.count, n - cut + 4)], as: UTF8.self) != nil { return true }
        }
        return false
    }

    func emit(_ diagnostics: [Diagnostic], path: String) {
        for d in diagnostics.prefix(Parser.maxErrors) { output.report(d, rendered: d.render(color: options.color)) }
        if diagnostics.count > Parser.maxErrors {
            output.write("\(path): error: \(Messages.tooManyErrors)\n", to: .standardError)
        }
    }

    func execute(_ source: String, path: String, mode: Mode, stack: StackGuard) -> RunOutcome {
        interrupt.clear()
        let file = SourceFile(path: path, text: source)
        let (statements, syntaxErrors) = parseSource(file)
        if !syntaxErrors.isEmpty {
            emit(syntaxErrors, path: path)
            return .compileError
        }
        let isRealFile = !(path.hasPrefix("<") && path.hasSuffix(">"))
        let resolver = Resolver(state: state, builtins: builtins, mainPath: isRealFile ? path : nil)
        resolver.checksArguments = checksArgumentsBeforeRunning
        resolver.resolveProgram(statements)
        if !resolver.diagnostics.isEmpty {
            emit(resolver.diagnostics, path: path)
            return .compileError
        }
        if mode == .check {
            let networks = checkNetworks(statements, stack: stack)
            if !networks.errors.isEmpty {
                emit(networks.errors, path: path)
                return .compileError
            }
            let costs = costLines(statements, stack: stack)
            if !costs.errors.isEmpty {
                emit(costs.errors, path: path)
                return .compileError
            }
            output.write(summary(of: statements, path: path) + networks.lines.joined() + costs.lines.joined(), to: .standardOutput)
            return .success
        }
        state = resolver.state
        return evaluate(statements, resolver: resolver, interactive: mode == .interactive, stack: stack)
    }

    private func evaluate(_ statements: [Stmt], resolver: Resolver, interactive: Bool, stack: StackGuard) -> RunOutcome {
        let evaluator = Evaluator(output: output, interrupt: interrupt, builtins: builtins, globals: globals, stack: stack, random: random, session: session)
        evaluator.hoistFunctions(statements)
        for (i, s) in statements.enumerated() {
            do {
                // An interrupt that a builtin absorbed (train keeps its partial run) still ends the chunk.
                try evaluator.checkInterrupt()
                if interactive, case .expression(let e) = s.kind {
                    let v = try evaluator.evaluate(e)
                    if case .none = v { continue }
                    output.show(ShownValue(text: v.repr, html: v.htmlTable))
                } else {
                    _ = try evaluator.execute(s)
                }
            } catch let e as RuntimeError {
                rollBack(resolver.topLevelDeclarations, from: i)
                if e.isInterrupt {
                    output.write("\(Messages.interrupted)\n", to: .standardError)
                    return .interrupted
                }
                let d = Diagnostic(e.message, at: e.range, notes: e.notes)
                output.report(d, rendered: d.render(color: options.color, trace: e.trace))
                return .runtimeError
            } catch {
                let d = Diagnostic(Messages.internalError("\(error)"), at: nil)
                output.report(d, rendered: d.render(color: options.color))
                return .runtimeError
            }
        }
        return .success
    }

    /// Undoes the global names declared by statements that did not run, so a failed REPL line
    /// leaves no half-defined names behind.
    private func rollBack(_ declarations: [(statement: Int, name: String, previous: NameEntry?)], from index: Int) {
        for d in declarations.reversed() where d.statement >= index {
            state.globals.names[d.name] = d.previous
        }
    }
}

