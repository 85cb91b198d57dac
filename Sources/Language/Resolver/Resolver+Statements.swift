extension Resolver {
    func statement(_ s: Stmt) {
        switch s.kind {
        case .variable(let decl):
            expression(decl.value)
            decl.slot.slot = declare(decl.name, decl.mutable ? .variable : .constant, decl.nameRange)
        case .function(let decl, _):
            function(decl)
        case .network, .dataset, .schedule, .probe:
            domainDeclaration(s)
        case .importFile(let ref):
            importFile(ref, at: s.range)
        case .print(let values):
            values.forEach(expression)
        case .expression(let e):
            expression(e)
        case .assign(let target, _, let value):
            expression(value)
            assignmentTarget(target)
        case .ifElse(let condition, let then, let otherwise):
            expression(condition)
            block(then)
            if let otherwise { statement(otherwise) }
        case .block(let b):
            block(b)
        case .forIn(let name, let nameRange, let slot, let iterable, let body):
            expression(iterable)
            loopDepth += 1
            withScope {
                slot.slot = declare(name, .loopVariable, nameRange)
                statements(body.statements)
            }
            loopDepth -= 1
        case .whileLoop(let condition, let body):
            expression(condition)
            loopDepth += 1
            block(body)
            loopDepth -= 1
        case .returnValue(let e):
            if functionDepth == 0 { report(Messages.returnOutsideFunction, at: s.range) }
            if let e { expression(e) }
        case .breakLoop:
            if loopDepth == 0 { report(Messages.breakOutsideLoop, at: s.range) }
        case .continueLoop:
            if loopDepth == 0 { report(Messages.continueOutsideLoop, at: s.range) }
        }
    }

    /// Resolves a `network`, `dataset`, `schedule` or `probe` declaration and declares its name.
    func domainDeclaration(_ s: Stmt) {
        switch s.kind {
        case .network(let d, let slot):
            withScope {
                parameters(d.parameters)
                if let input = d.input { expression(input) }
                if let rule = d.initializer {
                    expression(rule)
                    // A literal rule is known now: refused before anything runs, as the call would.
                    if let value = Resolver.literalValue(rule), Evaluator.initializerRule(value) == nil {
                        report(Messages.expectedValue(Messages.initializerRule, value.repr), at: rule.range)
                    }
                }
                for line in d.lines {
                    for layer in line {
                        // A layer head names a layer builtin, which no declaration can hide (a
                        // script's own `fn relu(v)` must not change every `relu` layer), or else
                        // an ordinary name: a declared network or a function giving a layer.
                        let head = Expr(kind: .name(layer.ref), range: layer.nameRange)
                        if let builtin = builtinIndex[layer.ref.name], builtins[builtin].isLayer {
                            layer.ref.binding = .builtin(builtin)
                        } else {
                            expression(head)
                        }
                        arguments(layer.arguments ?? [])
                        checkCall(head, layer.arguments ?? [])
                    }
                }
            }
            slot.slot = declare(d.name, .network, d.nameRange,
                                function: FunctionDecl(name: d.name, nameRange: d.nameRange, parameters: d.parameters, body: []))
        case .dataset(let d, let slot):
            withScope {
                parameters(d.parameters)
                expression(d.value)
            }
            slot.slot = declare(d.name, .dataset, d.nameRange, function: d.isRecipe ? d.function : nil)
        case .schedule(let d, let slot):
            withScope {
                parameters(d.parameters)
                for item in d.items { scheduleItem(item) }
            }
            slot.slot = declare(d.name, .schedule, d.nameRange, function: d.isRecipe
                ? FunctionDecl(name: d.name, nameRange: d.nameRange, parameters: d.parameters, body: []) : nil)
        case .probe(let d, let slot):
            // A probe is an ordinary call of a probe builtin (or any expression giving a probe).
            expression(d.value)
            slot.slot = declare(d.name, .probe, d.nameRange)
        default:
            break
        }
    }

    func statements(_ list: [Stmt]) {
        hoist(list)
        list.forEach(statement)
    }

    func block(_ b: Block) {
        blockDepth += 1
        defer { blockDepth -= 1 }
        withScope { statements(b.statements) }
    }

    /// Parameters then body in one scope; `break`/`continue` do not reach through a function.
    func function(_ decl: FunctionDecl) {
        blockDepth += 1
        defer { blockDepth -= 1 }
        let savedLoops = loopDepth
        loopDepth = 0
        functionDepth += 1
        withScope {
            parameters(decl.parameters)
            statements(decl.body)
        }
        functionDepth -= 1
        loopDepth = savedLoops
    }

    /// Declares parameters in order; each default sees the parameters before it.
    func parameters(_ params: [ParameterDecl]) {
        var seen: Set<String> = []
        for p in params {
            if let d = p.defaultValue { expression(d) }
            if !seen.insert(p.name).inserted { report(Messages.duplicateParameter(p.name), at: p.range) }
            _ = declare(p.name, .parameter, p.range)
        }
    }

    func scheduleItem(_ item: ScheduleItem) {
        switch item.kind {
        // Optimizers (sgd, adam, adamw) and rate shapes (exponential, ...) are builtins.
        case .optimizer(let e), .batch(let e), .epochs(let e): expression(e)
        case .learningRate(let e, _): expression(e)
        case .phase(let count, _, let data):
            expression(count)
            expression(data)
        }
    }

    func assignmentTarget(_ target: Expr) {
        switch target.kind {
        case .name(let ref):
            guard let found = find(ref.name) else {
                expression(target)
                return
            }
            ref.binding = .local(hops: found.hops, slot: found.entry.slot)
            switch found.entry.kind {
            case .variable: break
            case .constant:
                report(Messages.assignToLet(ref.name), at: target.range,
                       notes: [Messages.useVar, Messages.declaredHere(found.entry.range.description)])
            default:
                report(Messages.assignToConstant(found.entry.kind.rawValue, ref.name), at: target.range)
            }
        case .index(let base, let index):
            expression(index)
            assignmentTarget(base)
        case .member(let base, _, _):
            assignmentTarget(base)
        default:
            report(Messages.invalidAssignmentTarget, at: target.range)
        }
    }
}
