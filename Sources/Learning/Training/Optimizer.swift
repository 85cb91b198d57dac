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

/// The per-element arithmetic shared by the optimizers: gradients and parameter values as flat
/// Float arrays, validated once against each other.
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

    /// Runs `body(i)` for every parameter index, spread over the worker pool in force (largest
    /// parameters first, so the big weight matrix starts at once and the small ones fill the other
    /// threads), and returns the new values in index order.
    ///
    /// Why: the update is the largest serial part of a training step after the matrix products
    /// (copying values and gradients out of their tensors and the new values in); parameters are
    /// independent, so they update in parallel with results identical for any thread count.
    /// `body` may only touch the state of its own index.
    static func perParameter(_ counts: [Int], _ body: (Int) throws -> [Float]) throws -> [[Float]] {
        let order = counts.indices.sorted { counts[$0] > counts[$1] }
        var results = [[Float]](repeating: [], count: counts.count)
        var failures = [Error?](repeating: nil, count: counts.count)
        results.withUnsafeMutableBufferPointer { out in
            failures.withUnsafeMutableBufferPointer { errors in
                if let pool = TensorThreading.pool, counts.count > 1 {
                    pool.parallelFor(order.count) { slot, _ in
                        do { out[order[slot]] = try body(order[slot]) } catch { errors[order[slot]] = error }
                    }
                } else {
                    for index in order {
                        do { out[index] = try body(index) } catch { errors[index] = error }
                    }
                }
            }
        }
        if let failure = failures.lazy.compactMap({ $0 }).first { throw failure }
        return results
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
