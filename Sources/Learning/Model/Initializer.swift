import Foundation
import TensorRuntime

/// How a layer's weights and biases are drawn at build time. Biases start at zero except under
/// `pytorch`.
public enum Initializer: Equatable, Sendable {
    /// He when the next layer (looking past normalisation, dropout and pooling) is relu, leaky
    /// relu or gelu; Glorot otherwise.
    case automatic
    /// He (Kaiming) normal: `N(0, 2 / fan_in)`; keeps activations' variance constant through
    /// relu layers (which zero half of a symmetric input, hence the factor 2).
    case he
    /// Glorot (Xavier) uniform: `U(±sqrt(6 / (fan_in + fan_out)))`; keeps the variance of both
    /// activations and gradients near constant for symmetric activations.
    case glorot
    /// PyTorch's default for `nn.Linear` and `nn.Conv2d`: weights and biases uniform in
    /// ±1/√fan_in (`kaiming_uniform_` with a = √5 gives the weights' bound √(6/((1 + 5)·fan_in))).
    /// Its variance, 1/(3·fan_in), is a sixth of He's: the first steps of a fast schedule (SGD
    /// with a large rate and momentum) start from smaller logits.
    case pytorch
    /// All zeros (convex toy models, tests).
    case zeros

    /// The names the language gives the rules, in the order help lists them.
    public static let names: [(String, Initializer)] = [("auto", .automatic), ("he", .he), ("glorot", .glorot), ("pytorch", .pytorch)]

    /// The rule a layer uses: its own, else the one of the network it is in (`BuildScope`).
    public func within(_ scope: BuildScope) -> Initializer {
        self == .automatic ? scope.initializer : self
    }

    /// The concrete rule for a layer followed by a layer of kind `next`.
    func resolved(next: String?) -> Initializer {
        guard self == .automatic else { return self }
        switch next {
        case "relu", "leaky_relu", "gelu": return .he
        default: return .glorot
        }
    }

    /// A weight tensor of `shape` with the given fans.
    func weight(_ shape: [Int], fanIn: Int, fanOut: Int, next: String?,
                random: inout RandomStream) throws -> Tensor<Float> {
        switch resolved(next: next) {
        case .zeros:
            return try Tensor<Float>.zeros(shape)
        case .he:
            let std = (2 / Float(max(fanIn, 1))).squareRoot()
            return try Tensor<Float>.normal(shape, standardDeviation: std, using: &random)
        case .glorot, .automatic:
            let limit = (6 / Float(max(fanIn + fanOut, 1))).squareRoot()
            return try Tensor<Float>.uniform(shape, low: -limit, high: limit, using: &random)
        case .pytorch:
            let limit = 1 / Float(max(fanIn, 1)).squareRoot()
            return try Tensor<Float>.uniform(shape, low: -limit, high: limit, using: &random)
        }
    }

    /// A bias of `count` values, drawn after the weight from the same stream.
    func bias(_ count: Int, fanIn: Int, random: inout RandomStream) throws -> Tensor<Float> {
        guard self == .pytorch else { return try Tensor<Float>.zeros([count]) }
        let limit = 1 / Float(max(fanIn, 1)).squareRoot()
        return try Tensor<Float>.uniform([count], low: -limit, high: limit, using: &random)
    }
}
