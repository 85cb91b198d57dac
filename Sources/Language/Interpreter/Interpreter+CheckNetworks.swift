import Learning
import TensorRuntime

extension Interpreter {
    /// For `check`: builds every top-level network declaration that has an `input` line, with its
    /// parameters' defaults, so layer shape errors are reported at the layer's line before
    /// anything runs. Networks whose layers depend on values only a run computes are skipped.
    /// Returns the shape errors and a line per network that built.
    func checkNetworks(_ statements: [Stmt], stack: StackGuard) -> (errors: [Diagnostic], lines: [String]) {
        let evaluator = Evaluator(output: output, interrupt: interrupt, builtins: builtins,
                                  globals: Scope(parent: nil), stack: stack, random: RandomSource(seed: options.seed),
                                  session: session)
        let networks = statements.compactMap { s -> (NetworkDecl, Int)? in
            if case .network(let d, let slot) = s.kind { return (d, slot.slot) }
            return nil
        }
        // Declared networks first, so one can be checked as a block of another.
        for (d, slot) in networks { evaluator.networkDeclaration(d, slot: slot) }
        var errors: [Diagnostic] = []
        var lines: [String] = []
        for (d, _) in networks where d.input != nil {
            do {
                guard case .object(let n as NetworkValue) = try evaluator.dryBuild(d) else { continue }
                let shapes = [n.network.inputShape, n.network.outputShape].map { $0.map(TensorShape.describe) ?? "?" }
                lines.append("  network \(d.name): \(shapes[0]) -> \(shapes[1]), "
                             + "\(TextFormat.groupedThousands(n.network.parameterCount)) parameters\n")
            } catch let e as RuntimeError where e.isShapeError {
                errors.append(Diagnostic(e.message, at: e.range, notes: e.notes))
            } catch {
                continue
            }
        }
        return (errors, lines)
    }
}

extension Evaluator {
    /// Makes network `d` with its parameters' default values in a fresh scope.
    func dryBuild(_ d: NetworkDecl) throws -> Value {
        let saved = scope
        scope = Scope(parent: globals)
        defer { scope = saved }
        for (i, p) in d.parameters.enumerated() {
            guard let value = p.defaultValue else { return .none }
            scope.set(i, try evaluate(value))
        }
        return try makeNetwork(d)
    }
}
