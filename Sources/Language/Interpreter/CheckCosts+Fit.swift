import Learning
import TensorRuntime

/// Data that does not fit the network it is given to, found from the script's text: the same
/// `DataFit` test the run makes, on what `check` knows of the network and the data.
extension CheckCosts {
    /// Checks the data arguments of a `train`, `evaluate` or experiment-runner call.
    mutating func checkFits(_ name: String, _ args: [Argument]) {
        switch name {
        case "train":
            guard let net = argument(args, "net", 0).flatMap({ networkOf($0) }) else { return }
            fit(net, argument(args, "on", 1), role: DataFit.training)
            fit(net, argument(args, "eval", 3), role: DataFit.evaluation)
        case "evaluate":
            guard let net = argument(args, "net", 0).flatMap({ networkOf($0) }) else { return }
            fit(net, argument(args, "data", 1), role: DataFit.data)
        case _ where Self.experimentRunners.contains(name):
            guard let recipe = argument(args, "net", 0),
                  let net = networkOf(Expr(kind: .call(recipe, []), range: recipe.range)) else { return }
            fit(net, argument(args, "on", 1), role: DataFit.training)
            fit(net, argument(args, "eval", 2), role: DataFit.evaluation)
        default:
            return
        }
    }

    /// Checks the data of a probe call on a network, its errors starting with the probe's name as
    /// the run's do; a probe does not build a network, so one without an input line is not checked.
    mutating func checkProbeFits(_ kind: ProbeRequest.Kind, _ network: Network, _ args: [Argument]) {
        guard network.isBuilt else { return }
        fit(network, argument(args, kind.dataLabel, 1), role: DataFit.data, prefix: "\(kind.rawValue): ")
        if kind == .pacBayesBound { fit(network, argument(args, "test", -1), role: DataFit.test, prefix: "\(kind.rawValue): ") }
    }

    /// Reports `data` given to `network` as `role` when it does not fit. A network without an
    /// input line is built for the first data it meets, as the run builds it.
    private mutating func fit(_ network: Network, _ data: Expr?, role: String, prefix: String = "") {
        guard let data, let facts = datasetFacts(data) else { return }
        if !network.isBuilt, let shape = facts.shape { try? network.build(inputShape: shape, random: RandomStream(seed: 0)) }
        if let problem = DataFit.problem(network, name: network.kind, shape: facts.shape, classes: facts.classes, role: role) {
            errors.append(Diagnostic(prefix + problem, at: data.range))
        }
    }
}
