/// Tree-walking evaluator over resolved statements; names are already resolved to slots.
final class Evaluator {
    let output: OutputSink
    let interrupt: InterruptFlag
    let builtins: [BuiltinFunction]
    /// The persistent top-level scope (kept across REPL chunks).
    let globals: Scope
    var scope: Scope
    var callDepth = 0
    /// User-level recursion limit. A language call costs a few dozen Swift frames (larger in debug
    /// builds); evaluation runs on a 256 MiB thread, so 1,000 levels stay far inside the stack
    /// while allowing any reasonable recursive algorithm.
    static let maxCallDepth = 1_000
    /// Lists built from ranges beyond this many elements are refused: at about 16 bytes a value,
    /// 1e7 elements is already 160 MB, and a typo like `range(1e12)` must fail clearly instead of
    /// exhausting memory. Loops over ranges (`for i in 0..<1e9`) do not build lists and are not limited.
    static let maxListElements = 10_000_000
    /// Strings built by `+` beyond this many bytes are refused: doubling a string in a loop
    /// reaches it in a few dozen steps, and failing clearly beats exhausting memory.
    static let maxStringBytes = 100_000_000

    /// Refuses a list or string result that would pass the size limits above.
    func checkSize(_ v: Value) throws {
        switch v {
        case .list(let items) where items.count > Self.maxListElements:
            throw RuntimeError(Messages.listTooLarge(String(items.count)))
        case .string(let s) where s.utf8.count > Self.maxStringBytes:
            throw RuntimeError(Messages.stringTooLarge(String(s.utf8.count)))
        default: return
        }
    }

    /// Control flow leaving a statement.
    enum Flow {
        case normal, breakLoop, continueLoop
        case returned(Value)
    }

    let stack: StackGuard
    /// The session's seeded generator, shared by every run of one interpreter.
    let random: RandomSource
    /// Options and the worker pool shared by every run of one interpreter.
    let session: Session

    init(output: OutputSink, interrupt: InterruptFlag, builtins: [BuiltinFunction], globals: Scope,
         stack: StackGuard, random: RandomSource, session: Session) {
        self.session = session
        self.stack = stack
        self.random = random
        self.output = output
        self.interrupt = interrupt
        self.builtins = builtins
        self.globals = globals
        self.scope = globals
    }

    func checkInterrupt() throws {
        if interrupt.isRequested {
            throw RuntimeError.interrupted
        }
    }

    /// Runs `statements` in the current scope, first binding the functions they declare so
    /// functions may call each other regardless of order.
    func executeSequence(_ statements: [Stmt]) throws -> Flow {
        hoistFunctions(statements)
        for s in statements {
            let flow = try execute(s)
            if case .normal = flow { continue }
            return flow
        }
        return .normal
    }

    func hoistFunctions(_ statements: [Stmt]) {
        for s in statements {
            if case .function(let decl, let slot) = s.kind {
                scope.set(slot.slot, .function(Closure(declaration: decl, scope: scope)))
            }
        }
    }

    /// Runs a block in a fresh child scope.
    func executeBlock(_ block: Block) throws -> Flow {
        let saved = scope
        scope = Scope(parent: saved)
        defer { scope = saved }
        return try executeSequence(block.statements)
    }

    func execute(_ stmt: Stmt) throws -> Flow {
        switch stmt.kind {
        case .variable(let decl):
            scope.set(decl.slot.slot, try evaluate(decl.value))
        case .function:
            break
        case .network, .dataset, .schedule, .probe:
            try domainDeclaration(stmt)
        case .importFile(let ref):
            if let statements = ref.statements { return try executeSequence(statements) }
        case .print(let values):
            let texts = try values.map { try evaluate($0).text }
            output.write(texts.joined(separator: " ") + "\n", to: .standardOutput)
        case .expression(let e):
            _ = try evaluate(e)
        case .assign(let target, let op, let value):
            try assign(target, op: op, value: value)
        case .ifElse(let condition, let then, let otherwise):
            if try truth(condition, context: nil) {
                return try executeBlock(then)
            } else if let otherwise {
                return try execute(otherwise)
            }
        case .block(let b):
            return try executeBlock(b)
        case .forIn(_, _, let slot, let iterable, let body):
            return try forLoop(slot: slot.slot, iterable: iterable, body: body)
        case .whileLoop(let condition, let body):
            return try whileLoop(condition, body)
        case .returnValue(let e):
            return .returned(try e.map { try evaluate($0) } ?? .none)
        case .breakLoop: return .breakLoop
        case .continueLoop: return .continueLoop
        }
        return .normal
    }

    /// Evaluates a condition, which must be a boolean (no implicit truthiness).
    func truth(_ e: Expr, context: String?) throws -> Bool {
        let v = try evaluate(e)
        guard case .bool(let b) = v else {
            let message = context.map { Messages.operandNotBool($0, v.typeName) } ?? Messages.conditionNotBool(v.typeName)
            throw RuntimeError(message, at: e.range)
        }
        return b
    }

    /// Gives the domain declarations their meaning: networks, datasets and schedules bind values
    /// or recipes (Evaluator+Networks, +Datasets, +Schedules); probes bind a probe to apply later
    /// (Evaluator+Probes).
    func domainDeclaration(_ stmt: Stmt) throws {
        switch stmt.kind {
        case .network(let d, let slot): networkDeclaration(d, slot: slot.slot)
        case .dataset(let d, let slot): try datasetDeclaration(d, slot: slot.slot)
        case .schedule(let d, let slot): try scheduleDeclaration(d, slot: slot.slot)
        case .probe(let d, let slot): try probeDeclaration(d, slot: slot.slot)
        default: break
        }
    }

    private func whileLoop(_ condition: Expr, _ body: Block) throws -> Flow {
        while try truth(condition, context: nil) {
            try checkInterrupt()
            let flow = try executeBlock(body)
            if case .breakLoop = flow { break }
            if case .returned = flow { return flow }
        }
        return .normal
    }

    private func forLoop(slot: Int, iterable: Expr, body: Block) throws -> Flow {
        let source = try evaluate(iterable)
        let count: Int
        let element: (Int) -> Value
        switch source {
        case .list(let items): count = items.count; element = { items[$0] }
        case .range(let r): count = r.count; element = { .number(Double(r.element($0))) }
        case .string(let s):
            let chars = s.map { Value.string(String($0)) }
            count = chars.count; element = { chars[$0] }
        case .record(let r):
            let keys = r.keys
            count = keys.count; element = { .string(keys[$0]) }
        default: throw RuntimeError(Messages.notIterable(source.typeName), at: iterable.range)
        }
        let saved = scope
        defer { scope = saved }
        for i in 0..<count {
            try checkInterrupt()
            scope = Scope(parent: saved)
            scope.set(slot, element(i))
            let flow = try executeSequence(body.statements)
            if case .breakLoop = flow { break }
            if case .returned = flow { return flow }
        }
        return .normal
    }

    func checkRangeSize(_ r: RangeValue) throws {
        if r.count > Self.maxListElements { throw RuntimeError(Messages.rangeTooLarge(String(r.count))) }
    }
}
