import Foundation
import TensorRuntime

/// How a layer's weights are drawn at build time. Biases always start at zero.
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
    /// All zeros (convex toy models, tests).
    case zeros

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
        }
    }
}
