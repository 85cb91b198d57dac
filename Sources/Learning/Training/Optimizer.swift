import TensorKernels
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

/// What the optimizers share: validating parameters against gradients, and running a per-element
/// update in place over chunks on the worker pool.
enum OptimizerSupport {
    /// The trainable parameters with their gradients, after checking counts, names and shapes.
    static func pairs(_ parameters: [Parameter], _ gradients: [Tensor<Float>],
                      optimizer: String) throws -> [(parameter: Parameter, gradient: Tensor<Float>)] {
        guard parameters.count == gradients.count else {
            throw TrainingError.mismatch(
                "\(optimizer): \(parameters.count) parameters but \(gradients.count) gradients")
        }
        var seen = Set<String>()
        var result: [(parameter: Parameter, gradient: Tensor<Float>)] = []
        for (parameter, gradient) in zip(parameters, gradients) where parameter.isTrainable {
            guard seen.insert(parameter.name).inserted else {
                throw TrainingError.mismatch("\(optimizer): two parameters are named '\(parameter.name)'")
            }
            guard gradient.shape == parameter.shape else {
                throw TrainingError.mismatch(
                    "\(optimizer): gradient of '\(parameter.name)' has shape \(TensorShape.describe(gradient.shape)), "
                    + "parameter has \(TensorShape.describe(parameter.shape))")
            }
            result.append((parameter, gradient))
        }
        return result
    }

    /// One chunk of an in-place update: the parameter's values, the gradient, the optimizer's two
    /// buffers (nil when it keeps fewer) and the chunk's length, all pointing at the chunk's start.
    typealias ChunkUpdate = (_ w: UnsafeMutablePointer<Float>, _ g: UnsafePointer<Float>,
                             _ first: UnsafeMutablePointer<Float>?, _ second: UnsafeMutablePointer<Float>?,
                             _ count: Int) -> Void

    /// Updates `parameter` in place from `gradient`, and the buffers `first` and `second` with it
    /// (each of the parameter's size, or empty when the optimizer keeps fewer), over chunks on
    /// the worker pool in force.
    static func updateInPlace(_ parameter: Parameter, _ gradient: Tensor<Float>, _ first: inout [Float],
                              _ second: inout [Float], _ body: ChunkUpdate) {
        parameter.updateInPlace { w in
            gradient.withUnsafeScalars { g in
                first.withUnsafeMutableBufferPointer { a in
                    second.withUnsafeMutableBufferPointer { b in
                        guard let wBase = w.baseAddress, let gBase = g.baseAddress else { return }
                        let aBase = a.isEmpty ? nil : a.baseAddress, bBase = b.isEmpty ? nil : b.baseAddress
                        TensorThreading.inChunks(w.count) { range in
                            let start = range.lowerBound
                            body(wBase + start, gBase + start, aBase.map { $0 + start }, bBase.map { $0 + start },
                                 range.count)
                        }
                    }
                }
            }
        }
    }

    /// Checks a hyper-parameter, naming it and the optimizer in the error.
    static func require(_ condition: Bool, _ optimizer: String, _ message: String) throws {
        guard condition else { throw TrainingError.invalidSetting("\(optimizer): \(message)") }
    }
}
