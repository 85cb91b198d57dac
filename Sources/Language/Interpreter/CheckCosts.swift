import Learning
import Probes
import TensorRuntime

/// For `check`: one cost line per probe call and `train` call among a script's top-level
/// statements, from the networks' shapes and the sample counts the script states, without
/// running anything. Values the script only computes when it runs (a network from a function,
/// the size of a loaded CSV) make the line say the cost is unknown instead of guessing.
struct CheckCosts {
    /// What a top-level name is known to hold before anything runs.
    enum Known {
        case network(Network)
        /// A dataset, and what the script's text says of it.
        case dataset(DatasetFacts)
        case schedule(batch: Int?, epochs: Int?)
        /// A probe value (a probe call without a network): its builtin and arguments.
        case probe(ProbeRequest.Kind, [Argument])
    }

    var names: [String: Known] = [:]
    private var declarations: [String: NetworkDecl] = [:]
    private var built: [String: Network] = [:]
    let evaluator: Evaluator
    /// The lines, in source order.
    var lines: [String] = []
    /// Errors the script's text reveals (data that does not fit its network), in source order.
    var errors: [Diagnostic] = []

    init(evaluator: Evaluator) {
        self.evaluator = evaluator
    }

    /// Names bound inside a block being walked: unknown there (they may hide a top-level one).
    var hidden: Set<String> = []
    /// Said after the next line: an assumption its estimate rests on.
    var note: String?
    /// How many loops enclose the statement being walked.
    var loopDepth = 0

    /// Walks the top-level statements in order, and the blocks of loops and conditionals (a
    /// name bound inside a block is unknown there; nothing inside a function body is reported).
    mutating func visit(_ statements: [Stmt]) {
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
                // What the name held is no longer known (a new value, or a changed element).
                if case .name(let ref) = root(of: target).kind {
                    if nested { hidden.insert(ref.name) } else { names[ref.name] = nil }
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
                inBlock(loop: false) { costs in
                    costs.visit(then.statements)
                    if let otherwise { costs.visit([otherwise]) }
                }
            case .block(let b):
                inBlock(loop: false) { $0.visit(b.statements) }
            default:
                continue
            }
        }
    }

    /// The name an assignment target starts from (`d` in `d`, `d.x`, `d[0]`).
    private func root(of target: Expr) -> Expr {
        switch target.kind {
        case .member(let base, _, _), .index(let base, _): return root(of: base)
        default: return target
        }
    }

    /// Whether the walk is inside a block.
    var nested: Bool { loopDepth > 0 || blockDepth > 0 }
    /// How many non-loop blocks enclose the statement being walked.
    var blockDepth = 0

    /// Runs `body` one block deeper; the block's own names are forgotten after it.
    private mutating func inBlock(loop: Bool, hiding: Set<String> = [], _ body: (inout CheckCosts) -> Void) {
        let saved = hidden
        hidden.formUnion(hiding)
        if loop { loopDepth += 1 } else { blockDepth += 1 }
        body(&self)
        if loop { loopDepth -= 1 } else { blockDepth -= 1 }
        hidden = saved
    }

    /// What a name holds, unless a block hides it.
    func known(_ name: String) -> Known? {
        hidden.contains(name) ? nil : names[name]
    }

    /// What `e` is known to be, if anything.
    private mutating func classify(_ e: Expr) -> Known? {
        if case .name(let ref) = e.kind { return known(ref.name) }
        if let network = networkOf(e) { return .network(network) }
        if let probe = probeValue(e) { return probe }
        if let facts = datasetFacts(e) { return .dataset(facts) }
        return nil
    }

    /// The network `e` makes or names, built with its declaration's defaults.
    mutating func networkOf(_ e: Expr) -> Network? {
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
    /// For `check`: the cost lines of the probe and train calls, and the errors the walk found
    /// (see `CheckCosts`).
    func costLines(_ statements: [Stmt], stack: StackGuard) -> (lines: [String], errors: [Diagnostic]) {
        let evaluator = Evaluator(output: output, interrupt: interrupt, builtins: builtins,
                                  globals: Scope(parent: nil), stack: stack, random: RandomSource(seed: options.seed),
                                  session: session)
        var costs = CheckCosts(evaluator: evaluator)
        costs.visit(statements)
        let header = "  estimated cost (nothing runs; memory limit \(CostEstimate.formatBytes(Double(TensorLimits.maxBytes)))):\n"
        return (costs.lines.isEmpty ? [] : [header] + costs.lines, costs.errors)
    }
}
