import TensorRuntime

/// A rule that updates parameters from their gradients in one `update` call.
///
/// Conventions follow PyTorch's `torch.optim` so numbers can be compared with it directly (see
/// each optimizer's documentation). State (moments, step counts) is kept per parameter *name*, not
/// per object, so a fresh model with the same names can take over a saved state
/// (`exportState` / `importState`).
public protocol Optimizer: AnyObject {
    /// The learning rate used by the next `update`; the trainer sets it from the schedule each step.
    var learningRate: Double { get set }

    /// Applies one step: `gradients[i]` is the gradient of the loss for `parameters[i]`.
    /// Parameters that are not trainable are skipped.
    func update(_ parameters: [Parameter], gradients: [Tensor<Float>]) throws

    /// The optimizer's state as named tensors and counters, for checkpoints and resuming.
    func exportState() throws -> StateRecord

    /// Replaces the optimizer's state by one from `exportState`, checking that it fits.
    func importState(_ state: StateRecord) throws
}

/// The per-element arithmetic shared by the optimizers: gradients and parameter values as flat
/// Float arrays, validated once against each other.
enum OptimizerSupport {
    /// The flat values and gradient of every trainable parameter, after checking shapes and names.
    static func pairs(_ parameters: [Parameter], _ gradients: [Tensor<Float>],
                      optimizer: String) throws -> [(parameter: Parameter, gradient: [Float])] {
        guard parameters.count == gradients.count else {
            throw TrainingError.mismatch(
                "\(optimizer): \(parameters.count) parameters but \(gradients.count) gradients")
        }
        var seen = Set<String>()
        var result: [(parameter: Parameter, gradient: [Float])] = []
        for (parameter, gradient) in zip(parameters, gradients) where parameter.isTrainable {
            guard seen.insert(parameter.name).inserted else {
                throw TrainingError.mismatch("\(optimizer): two parameters are named '\(parameter.name)'")
            }
            guard gradient.shape == parameter.shape else {
                throw TrainingError.mismatch(
                    "\(optimizer): gradient of '\(parameter.name)' has shape \(TensorShape.describe(gradient.shape)), "
                    + "parameter has \(TensorShape.describe(parameter.shape))")
            }
            result.append((parameter, gradient.scalars))
        }
        return result
    }

    /// Stores `values` into `parameter`, whose shape they have by construction.
    static func store(_ values: [Float], into parameter: Parameter) throws {
        try parameter.assign(Tensor(shape: parameter.shape, scalars: values))
    }

    /// Checks a hyper-parameter, naming it and the optimizer in the error.
    static func require(_ condition: Bool, _ optimizer: String, _ message: String) throws {
        guard condition else { throw TrainingError.invalidSetting("\(optimizer): \(message)") }
    }
}
