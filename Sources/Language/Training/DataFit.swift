import Learning
import TensorRuntime

/// Whether data fits a network: its samples have the network's input shape, and its classes are
/// no more than the network's output distribution covers (one output unit is a Bernoulli logit:
/// two classes). One function for the run and for `check`, so both say the same; the data is
/// named by its role in the call, as `check` knows it before any dataset exists.
enum DataFit {
    /// What is wrong, or nil when the data fits; `shape` and `classes` nil when unknown.
    static func problem(_ network: Network, name: String, shape: [Int]?, classes: Int?, role: String) -> String? {
        if let input = network.inputShape, let shape, input != shape {
            return Messages.dataShape(name, TensorShape.describe(input), role, TensorShape.describe(shape))
        }
        if network.isBuilt, let problem = network.outputProblem { return Messages.networkOutput(name, problem) }
        guard let classes, network.isBuilt else { return nil }
        guard let distribution = network.outputDistribution, distribution.classes >= classes else {
            return Messages.outputClasses(name, network.outputShape.map(TensorShape.describe) ?? "?", role, classes)
        }
        return nil
    }

    /// Throws the problem of `data` given to `net` as `role`, pointing at `parameter`.
    static func check(_ net: NetworkValue, _ data: Dataset, role: String, parameter: Int?) throws {
        if let problem = problem(net.network, name: net.name, shape: data.sampleShape, classes: data.classCount, role: role) {
            throw RuntimeError(problem, parameter: parameter)
        }
    }

    static let training = "the training data", evaluation = "the evaluation data", data = "the data", test = "the test data"
    static func phase(_ index: Int) -> String { "the data of phase \(index + 1)" }
}
