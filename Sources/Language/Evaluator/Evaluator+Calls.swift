import Learning

extension Evaluator {
    /// An evaluated argument with where it came from.
    struct ArgumentValue {
        let label: String?
        let value: Value
        let range: SourceRange?
    }

    func callExpression(_ callee: Expr, _ args: [Argument], _ range: SourceRange) throws -> Value {
        var f = try evaluate(callee)
        // Scripts name their data after what it is for (`let train = ...`) and still call
        // `train(net, on: train)`: a call of a name whose value cannot be called means the builtin
        // of that name. Only calls that would fail change meaning; a function value still wins.
        if case .name(let ref) = callee.kind, case .local? = ref.binding, !Self.isCallable(f),
           let builtin = builtins.first(where: { $0.name == ref.name }) {
            f = .builtin(builtin)
        }
        let values = try args.map { a in
            ArgumentValue(label: a.label, value: try evaluate(a.value),
                          range: a.labelRange.map { $0.through(a.value.range) } ?? a.value.range)
        }
        return try call(f, values, site: range, calleeRange: callee.range)
    }

    private static func isCallable(_ v: Value) -> Bool {
        switch v {
        case .builtin, .function, .object(is any CallableObject): return true
        default: return false
        }
    }

    /// Calls a function value given to a builtin (positional arguments only).
    func callFromBuiltin(_ f: Value, _ args: [Value]) throws -> Value {
        try call(f, args.map { ArgumentValue(label: nil, value: $0, range: nil) }, site: nil, calleeRange: nil)
    }

    func call(_ f: Value, _ args: [ArgumentValue], site: SourceRange?, calleeRange: SourceRange?) throws -> Value {
        try checkInterrupt()
        switch f {
        case .builtin(let b): return try callBuiltin(b, args, site: site)
        case .function(let c): return try callClosure(c, args, site: site)
        case .object(let o as any CallableObject): return try callObject(o, args, site: site)
        default: throw RuntimeError(Messages.notCallable(f.typeName), at: calleeRange ?? site)
        }
    }

    private func bind(_ name: String, _ shapes: [ParameterShape], _ args: [ArgumentValue], site: SourceRange?) throws -> [[Int]] {
        switch bindArguments(labels: args.map(\.label), to: shapes) {
        case .success(let bound): return bound
        case .failure(let problem):
            let at = problem.argument.flatMap { args[$0].range } ?? site
            throw RuntimeError(problem.message(function: name), at: at)
        }
    }

    private func callBuiltin(_ b: BuiltinFunction, _ args: [ArgumentValue], site: SourceRange?) throws -> Value {
        let bound = try bind(b.name, b.shapes, args, site: site)
        var values: [Value] = []
        for (p, indices) in bound.enumerated() {
            let param = b.parameters[p]
            if param.variadic {
                values.append(.list(indices.map { args[$0].value }))
            } else {
                values.append(indices.first.map { args[$0].value } ?? param.defaultValue ?? .none)
            }
        }
        do {
            let result = try b.body(BuiltinArguments(function: b, values: values, evaluator: self))
            announceWrittenFiles(b, values)
            return result
        } catch var e as RuntimeError {
            if e.range == nil {
                let argRange = e.parameterIndex.flatMap { p in p < bound.count ? bound[p].first : nil }.flatMap { args[$0].range }
                e.range = argRange ?? site
            }
            throw e
        } catch let e as DatasetError {
            var converted = RuntimeError(e)
            converted.range = site
            throw converted
        }
    }

    /// `net(x)`: an object called on one positional argument.
    private func callObject(_ o: any CallableObject, _ args: [ArgumentValue], site: SourceRange?) throws -> Value {
        guard args.count == 1, args[0].label == nil else {
            throw RuntimeError(Messages.networkCallArity((o as? NetworkValue)?.name ?? o.typeName, args.count), at: site)
        }
        do {
            return try o.call(args[0].value, evaluator: self)
        } catch var e as RuntimeError {
            if e.range == nil { e.range = args[0].range ?? site }
            throw e
        }
    }

    /// Tells the output which files a builtin that returned normally has written (its output-path
    /// arguments), so a front end that can show a figure inline shows the plot just drawn.
    private func announceWrittenFiles(_ b: BuiltinFunction, _ values: [Value]) {
        for (parameter, value) in zip(b.parameters, values) where parameter.isOutputPath {
            if case .string(let path) = value { output.wroteFile(path) }
        }
    }

    private func callClosure(_ c: Closure, _ args: [ArgumentValue], site: SourceRange?) throws -> Value {
        let decl = c.declaration
        let bound = try bind(decl.name, decl.shapes, args, site: site)
        guard callDepth < Self.maxCallDepth, !stack.isExhausted else {
            throw RuntimeError(Messages.callDepthExceeded(Self.maxCallDepth), at: site)
        }
        callDepth += 1
        let saved = scope
        scope = Scope(parent: c.scope, capacity: decl.parameters.count)
        defer {
            scope = saved
            callDepth -= 1
        }
        do {
            for (p, param) in decl.parameters.enumerated() {
                if let i = bound[p].first {
                    scope.set(p, args[i].value)
                } else if let d = param.defaultValue {
                    scope.set(p, try evaluate(d))
                }
            }
            var result = Value.none
            if let native = c.native {
                result = try native(self)
            } else if case .returned(let v) = try executeSequence(decl.body) {
                result = v
            }
            if let expected = c.resultType, result.typeName != expected {
                throw RuntimeError(Messages.declarationResult(expected, decl.name, result.typeName), at: site)
            }
            return result
        } catch var e as RuntimeError {
            if !e.isInterrupt, e.trace.count < Self.maxTraceLines {
                e.trace.append(Messages.callTraceLine(decl.name, site?.description))
            } else if !e.isInterrupt, e.trace.count == Self.maxTraceLines {
                e.trace.append("...")
            }
            throw e
        }
    }

    /// Call traces longer than this are cut: deep recursion would otherwise print a thousand lines.
    static var maxTraceLines: Int { 12 }
}
