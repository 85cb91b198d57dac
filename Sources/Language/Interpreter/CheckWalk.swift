import Learning
import Probes
import TensorRuntime

/// The walk `check` makes over a script's statements, before anything runs: it keeps what each
/// top-level name is known to hold (a network, a dataset's facts, a schedule, a probe) and asks
/// every builtin call what its declaration can tell from that (`BuiltinFunction.staticCheck`):
/// cost lines for the calls that do real work, and errors the run would stop with (data that
/// does not fit its network, a member the value will not have, a probe over its size limit). Values the
/// script only computes when it runs (a network from a function, the size of a loaded CSV) make
/// a line say the cost is unknown instead of guessing.
final class CheckWalk {
    /// What a top-level name is known to hold before anything runs.
    enum Known {
        case network(Network)
        /// A dataset, and what the script's text says of it.
        case dataset(DatasetFacts)
        case schedule(batch: Int?, epochs: Int?)
        /// A probe value: the call without a network that made it.
        case probe(Expr)
        /// A value of another type whose members a builtin declares (`ParameterList.returns`).
        case value(StaticMembers)
    }

    var names: [String: Known] = [:]
    private var declarations: [String: NetworkDecl] = [:]
    private var built: [String: Network] = [:]
    let evaluator: Evaluator
    /// The lines, in source order.
    var lines: [String] = []
    /// Errors the script's text reveals (data that does not fit its network, an unknown member),
    /// in source order.
    var errors: [Diagnostic] = []

    init(evaluator: Evaluator) {
        self.evaluator = evaluator
    }

    /// Names bound inside a block being walked: unknown there (they may hide a top-level one).
    var hidden: Set<String> = []
    /// Names some function or lambda assigns to: unknown everywhere (see `assignedInFunctions`).
    var untrusted: Set<String> = []
    /// How many loops enclose the statement being walked.
    var loopDepth = 0

    /// Walks the top-level statements in order, and the blocks of loops and conditionals (a
    /// name bound inside a block is unknown there; a function's body is not walked: what its
    /// parameters hold is known only when it is called).
    func visit(_ statements: [Stmt]) {
        for s in statements {
            switch s.kind {
            case .network(let d, let slot) where hidden.isEmpty && loopDepth == 0:
                evaluator.networkDeclaration(d, slot: slot.slot)
                declarations[d.name] = d
            case .schedule(let d, _) where hidden.isEmpty && loopDepth == 0:
                names[d.name] = schedule(d)
            case .probe(let d, _) where hidden.isEmpty && loopDepth == 0:
                if let p = probeValue(d.value) { names[d.name] = p }
            case .variable(let v):
                calls(in: v.value)
                if nested { hidden.insert(v.name) } else { names[v.name] = classify(v.value) }
            case .assign(let target, _, let value):
                calls(in: value)
                // What the name held is no longer known (a new value, or a changed element), after
                // the block too: the assignment may or may not have run.
                if let name = Self.assignedName(target) {
                    names[name] = nil
                    if nested { hidden.insert(name) }
                }
            case .expression(let e):
                calls(in: e)
            case .print(let es):
                es.forEach { calls(in: $0) }
            case .forIn(let name, _, _, let iterable, let body):
                calls(in: iterable)
                inBlock(loop: true, hiding: [name]) { $0.visit(body.statements) }
            case .whileLoop(let condition, let body):
                inBlock(loop: true) { $0.calls(in: condition); $0.visit(body.statements) }
            case .ifElse(let condition, let then, let otherwise):
                calls(in: condition)
                inBlock(loop: false) { walk in
                    walk.visit(then.statements)
                    if let otherwise { walk.visit([otherwise]) }
                }
            case .block(let b):
                inBlock(loop: false) { $0.visit(b.statements) }
            default:
                continue
            }
        }
    }

    /// Whether the walk is inside a block.
    var nested: Bool { loopDepth > 0 || blockDepth > 0 }
    /// How many non-loop blocks enclose the statement being walked.
    var blockDepth = 0

    /// Runs `body` one block deeper; the block's own names are forgotten after it.
    private func inBlock(loop: Bool, hiding: Set<String> = [], _ body: (CheckWalk) -> Void) {
        let saved = hidden
        hidden.formUnion(hiding)
        if loop { loopDepth += 1 } else { blockDepth += 1 }
        body(self)
        if loop { loopDepth -= 1 } else { blockDepth -= 1 }
        hidden = saved
    }

    /// What a name holds, unless a block hides it or a function may change it.
    func known(_ name: String) -> Known? {
        hidden.contains(name) || untrusted.contains(name) ? nil : names[name]
    }

    /// What `e` is known to be, if anything.
    private func classify(_ e: Expr) -> Known? {
        if case .name(let ref) = e.kind { return known(ref.name) }
        if let network = networkOf(e) { return .network(network) }
        if let probe = probeValue(e) { return probe }
        if let facts = datasetFacts(e) { return .dataset(facts) }
        if let s = staticArguments(e), let members = s.function.resultMembers?(s) { return .value(members) }
        return nil
    }

    /// The network `e` makes or names, built with its declaration's defaults.
    func networkOf(_ e: Expr) -> Network? {
        switch e.kind {
        case .name(let ref):
            if case .network(let n) = known(ref.name) { return n }
            return nil
        case .call(let callee, let args):
            guard case .name(let ref) = callee.kind, let d = declarations[ref.name], args.isEmpty || d.parameters.allSatisfy({ $0.defaultValue != nil }) else {
                return nil
            }
            if let n = built[d.name] { return n }
            guard case .object(let value as NetworkValue)? = try? evaluator.dryBuild(d) else { return nil }
            built[d.name] = value.network
            return value.network
        default:
            return nil
        }
    }
}

extension Interpreter {
    /// For `check`: the cost lines of the calls that do real work, and the errors the walk found
    /// (see `CheckWalk`).
    func costLines(_ statements: [Stmt], stack: StackGuard) -> (lines: [String], errors: [Diagnostic]) {
        let evaluator = Evaluator(output: output, interrupt: interrupt, builtins: builtins,
                                  globals: Scope(parent: nil), stack: stack, random: RandomSource(seed: options.seed),
                                  session: session)
        let walk = CheckWalk(evaluator: evaluator)
        walk.untrusted = CheckWalk.assignedInFunctions(statements)
        walk.visit(statements)
        let header = "  estimated cost (nothing runs; memory limit \(CostEstimate.formatBytes(Double(TensorLimits.maxBytes)))):\n"
        return (walk.lines.isEmpty ? [] : [header] + walk.lines, walk.errors)
    }
}
