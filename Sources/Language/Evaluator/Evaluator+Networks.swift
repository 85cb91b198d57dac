import Learning
import TensorRuntime

extension Evaluator {
    /// `network name(params) { ... }` binds a recipe: calling it evaluates the layer lines with
    /// the arguments and gives a new network value.
    func networkDeclaration(_ d: NetworkDecl, slot: Int) {
        let decl = FunctionDecl(name: d.name, nameRange: d.nameRange, parameters: d.parameters, body: [])
        let closure = Closure(declaration: decl, scope: scope)
        closure.resultType = "network"
        closure.native = { evaluator in try evaluator.makeNetwork(d) }
        scope.set(slot, .function(closure))
    }

    /// Calls every layer head of the body in order; builds the network when it has an input line.
    func makeNetwork(_ d: NetworkDecl) throws -> Value {
        var layers: [any Layer] = []
        var ranges: [SourceRange] = []
        for line in d.lines {
            for call in line {
                layers.append(try layer(call))
                ranges.append(call.range)
            }
        }
        let value = NetworkValue(Network(layers, kind: d.name), name: d.name, layerRanges: ranges)
        if let rule = d.initializer {
            value.network.initializer = try initializer(try evaluate(rule), at: rule.range)
        }
        if let input = d.input {
            let shape = try inputShape(try evaluate(input), at: input.range)
            try value.build(inputShape: shape, random: RandomStream(seed: random.next()), fallback: input.range)
        }
        return .object(value)
    }

    /// The layer one head of a network line gives: a layer builtin's result or a declared
    /// network (as a block).
    private func layer(_ call: LayerCall) throws -> any Layer {
        let head = lookup(call.ref)
        switch head {
        case .builtin, .function: break
        default: throw RuntimeError(Messages.notALayer(call.name, head.typeName), at: call.nameRange)
        }
        let args = try (call.arguments ?? []).map { a in
            ArgumentValue(label: a.label, value: try evaluate(a.value),
                          range: a.labelRange.map { $0.through(a.value.range) } ?? a.value.range)
        }
        let result = try self.call(head, args, site: call.range, calleeRange: call.nameRange)
        switch result {
        case .object(let l as LayerValue): return l.layer
        case .object(let n as NetworkValue): return n.network
        default: throw RuntimeError(Messages.notALayer(call.name, result.typeName), at: call.range)
        }
    }

    /// The initialisation rule a network's `init` line names.
    func initializer(_ v: Value, at range: SourceRange) throws -> Initializer {
        guard let rule = Self.initializerRule(v) else {
            throw RuntimeError(Messages.expectedValue(Messages.initializerRule, v.repr), at: range)
        }
        return rule
    }

    /// The rule a value names, if it names one.
    static func initializerRule(_ v: Value) -> Initializer? {
        guard case .string(let name) = v else { return nil }
        return Initializer.names.first { $0.0 == name }?.1
    }

    /// A per-sample shape written in the language: a list of positive integers.
    func inputShape(_ v: Value, at range: SourceRange?) throws -> [Int] {
        guard case .list(let items) = v, !items.isEmpty else {
            throw RuntimeError(Messages.expectedValue(Messages.inputShape, v.typeName), at: range)
        }
        return try items.map { item in
            guard case .number(let x) = item, isExactInteger(x), x >= 1, x < Double(1 << 31) else {
                throw RuntimeError(Messages.expectedValue(Messages.inputShape, v.repr), at: range)
            }
            return Int(x)
        }
    }
}
