import Foundation

extension Resolver {
    func expression(_ e: Expr) {
        switch e.kind {
        case .number, .bool, .none: break
        case .string(let parts):
            for case .expression(let inner) in parts { expression(inner) }
        case .name(let ref): name(ref, e.range)
        case .list(let items): items.forEach(expression)
        case .record(let fields):
            var seen: Set<String> = []
            for f in fields {
                if !seen.insert(f.name).inserted { report(Messages.duplicateField(f.name), at: f.range) }
                expression(f.value)
            }
        case .unary(_, let x): expression(x)
        case .binary(_, let l, let r), .logical(_, let l, let r), .range(let l, let r, _):
            expression(l)
            expression(r)
        case .call(let callee, let args):
            expression(callee)
            arguments(args)
            checkCall(callee, args)
            if checksArguments { checkOutputPaths(callee, args) }
        case .index(let base, let index):
            expression(base)
            expression(index)
        case .member(let base, _, _): expression(base)
        case .lambda(let decl): function(decl)
        }
    }

    func arguments(_ args: [Argument]) {
        for a in args { expression(a.value) }
    }

    func name(_ ref: NameRef, _ range: SourceRange) {
        if let found = find(ref.name) {
            ref.binding = .local(hops: found.hops, slot: found.entry.slot)
        } else if let i = builtinIndex[ref.name] {
            ref.binding = .builtin(i)
        } else {
            // `True`, `None` and the like are habits from other languages: point at the literal.
            let literal = [Keyword.true, .false, .none].map(\.rawValue).first { $0 == ref.name.lowercased() }
            let suggestion = literal ?? closestName(to: ref.name, among: visibleNames)
            report(Messages.unknownName(ref.name), at: range, notes: suggestion.map { [Messages.didYouMean($0)] } ?? [])
        }
    }

    /// Checks argument names and counts when the callee is a builtin or a `fn` declaration.
    func checkCall(_ callee: Expr, _ args: [Argument]) {
        guard case .name(let ref) = callee.kind else { return }
        let shapes: [ParameterShape]
        switch ref.binding {
        case .builtin(let i)?: shapes = builtins[i].shapes
        case .local(let hops, _)?:
            guard let entry = scopes[scopes.count - 1 - hops].names[ref.name], let f = entry.function else { return }
            shapes = f.shapes
        case nil: return
        }
        switch bindArguments(labels: args.map(\.label), to: shapes) {
        case .failure(let problem):
            let at = problem.argument.map { i in args[i].labelRange.map { $0.through(args[i].value.range) } ?? args[i].value.range }
            var notes: [String] = []
            if case .unknown(let n, _) = problem, let s = closestName(to: n, among: shapes.map(\.name)) {
                notes.append(Messages.didYouMean(s))
            }
            report(problem.message(function: ref.name), at: at ?? callee.range, notes: notes)
        case .success(let bound):
            if checksArguments, case .builtin(let i)? = ref.binding { checkLiteralArguments(builtins[i], args, bound: bound) }
        }
    }

    /// Loads, parses and resolves an imported file into the global scope (once per file).
    func importFile(_ ref: ImportRef, at range: SourceRange) {
        let base = ref.pathRange.file.directory
        let full = ref.path.hasPrefix("/") ? ref.path : base + "/" + ref.path
        let canonical = Self.canonical(full)
        if let i = importStack.firstIndex(of: canonical) {
            let chain = (importStack[i...] + [canonical]).map { ($0 as NSString).lastPathComponent }
            report(Messages.importCycle(chain.joined(separator: " -> ")), at: ref.pathRange)
            return
        }
        if state.imported.contains(canonical) { return }
        guard let data = FileManager.default.contents(atPath: canonical) else {
            report(Messages.importNotFound(ref.path), at: ref.pathRange)
            return
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            report(Messages.invalidUTF8, at: ref.pathRange, notes: [Messages.inImportedFile(ref.path)])
            return
        }
        state.imported.insert(canonical)
        let file = SourceFile(path: full, text: text)
        let (statements, syntaxErrors) = parseSource(file)
        diagnostics += syntaxErrors
        guard syntaxErrors.isEmpty else { return }
        importStack.append(canonical)
        hoist(statements)
        statements.forEach(statement)
        importStack.removeLast()
        ref.statements = statements
    }
}

/// Lexes and parses one file, returning its statements and all syntax errors in source order.
func parseSource(_ file: SourceFile) -> ([Stmt], [Diagnostic]) {
    var lexer = Lexer(file: file)
    let tokens = lexer.tokenize()
    let parser = Parser(tokens: tokens)
    let statements = parser.program()
    // A bad character or literal usually derails the parser on the same line; only the
    // lexer's report there says what is actually wrong.
    let lexerLines = Set(lexer.diagnostics.compactMap { $0.range?.line })
    let parserReports = parser.diagnostics.filter { d in d.range.map { !lexerLines.contains($0.line) } ?? true }
    let all = (lexer.diagnostics + parserReports).sorted { ($0.range?.start ?? 0) < ($1.range?.start ?? 0) }
    return (statements, all)
}
