import Foundation

/// An element-wise activation function, with its derivative for the backward pass.
public enum ActivationKind: Sendable, Equatable {
    /// `max(x, 0)`; the derivative at 0 is taken as 0.
    case relu
    /// `x` for `x > 0`, else `slope · x`.
    case leakyRelu(slope: Float)
    /// Hyperbolic tangent.
    case tanh
    /// Logistic sigmoid `1 / (1 + e^{-x})`.
    case sigmoid
    /// GELU in its tanh form, `0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³)))` (Hendrycks & Gimpel);
    /// within about 1e-3 of the exact `x·Φ(x)` form, and what GPT-2 and BERT use.
    case gelu
}

// √(2/π) and the cubic coefficient of the tanh approximation to GELU.
private let geluScale: Float = 0.797_884_56
private let geluCubic: Float = 0.044_715

/// Writes `output[i] = f(input[i])` for `count` contiguous floats. `input` and `output` may be the
/// same buffer. Precondition (unchecked): both hold at least `count` floats.
public func activationForward(_ kind: ActivationKind, count: Int,
                              input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>) {
    switch kind {
    case .relu:
        for i in 0..<count { output[i] = input[i] > 0 ? input[i] : 0 }
    case .leakyRelu(let slope):
        for i in 0..<count { output[i] = input[i] > 0 ? input[i] : slope * input[i] }
    case .tanh:
        for i in 0..<count { output[i] = tanhf(input[i]) }
    case .sigmoid:
        // For very negative x, expf(-x) overflows to +inf and the quotient is exactly 0, as it should be.
        for i in 0..<count { output[i] = 1 / (1 + expf(-input[i])) }
    case .gelu:
        for i in 0..<count {
            let x = input[i]
            output[i] = 0.5 * x * (1 + tanhf(geluScale * (x + geluCubic * x * x * x)))
        }
    }
}

/// Writes `inputGradient[i] = outputGradient[i] · f'(input[i])`.
///
/// `input` is the forward input and `output` the forward output: relu, leaky relu and gelu read
/// the input, tanh and sigmoid the output (their derivatives are cheapest from it). Preconditions
/// (unchecked): all buffers hold `count` floats; `inputGradient` may alias `outputGradient`.
public func activationBackward(_ kind: ActivationKind, count: Int,
                               input: UnsafePointer<Float>, output: UnsafePointer<Float>,
                               outputGradient: UnsafePointer<Float>,
                               inputGradient: UnsafeMutablePointer<Float>) {
    let dy = outputGradient, dx = inputGradient
    switch kind {
    case .relu:
        for i in 0..<count { dx[i] = input[i] > 0 ? dy[i] : 0 }
    case .leakyRelu(let slope):
        for i in 0..<count { dx[i] = input[i] > 0 ? dy[i] : slope * dy[i] }
    case .tanh:
        for i in 0..<count { dx[i] = dy[i] * (1 - output[i] * output[i]) }
    case .sigmoid:
        for i in 0..<count { dx[i] = dy[i] * output[i] * (1 - output[i]) }
    case .gelu:
        for i in 0..<count {
            let x = input[i]
            let t = tanhf(geluScale * (x + geluCubic * x * x * x))
            let dInner = geluScale * (1 + 3 * geluCubic * x * x)
            dx[i] = dy[i] * (0.5 * (1 + t) + 0.5 * x * (1 - t * t) * dInner)
        }
    }
}
