import Learning
import TensorRuntime

/// Fresh networks for the runs of an experiment: calls the recipe (or function) given to the
/// runner without arguments, builds the result for the data with a fixed seed when it has no
/// input line, and gives every network after the first the first one's initial weights, so runs
/// differ only in what the experiment varies.
final class NetworkFactory {
    private let recipe: Value
    /// Where the recipe was given, for errors about what it made.
    private let recipeParameter: Int
    private let a: BuiltinArguments
    private let inputShape: [Int]
    private let seed: UInt64
    private var initial: [Tensor<Float>]?
    /// The last network made (its name is the recipe's).
    private(set) var last: NetworkValue?

    /// A factory for the recipe given to `recipe`, building for per-sample inputs of `inputShape`.
    init(_ a: BuiltinArguments, recipe parameter: Param<Value>, inputShape: [Int], seed: UInt64) throws {
        let given = try a[parameter]
        switch given {
        case .function, .builtin: recipe = given
        default: throw RuntimeError(Messages.experimentRecipe(a.function.name, given.typeName), parameter: parameter.index)
        }
        self.a = a
        recipeParameter = parameter.index
        self.inputShape = inputShape
        self.seed = seed
    }

    /// A fresh network with the experiment's initial weights.
    func make() throws -> NetworkValue {
        let value = try a.call(recipe, [])
        guard case .object(let net as NetworkValue) = value else {
            throw RuntimeError(Messages.experimentNotNetwork(a.function.name, value.typeName), parameter: recipeParameter)
        }
        if !net.network.isBuilt {
            try net.build(inputShape: inputShape, random: RandomStream(seed: seed), fallback: nil)
        }
        let parameters = net.network.allParameters
        if let initial {
            guard initial.count == parameters.count, zip(initial, parameters).allSatisfy({ $0.shape == $1.shape }) else {
                throw RuntimeError(Messages.experimentNetworksDiffer(a.function.name, net.name), parameter: recipeParameter)
            }
            for (value, parameter) in zip(initial, parameters) { try parameter.assign(value) }
        } else {
            initial = parameters.map(\.value)
        }
        last = net
        return net
    }
}
