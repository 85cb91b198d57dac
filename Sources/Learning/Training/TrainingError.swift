import Foundation

/// An error raised while configuring or running training. Every message says what was wrong and
/// where (which optimizer setting, which step, which state entry).
public enum TrainingError: Error, Equatable, CustomStringConvertible {
    /// A setting outside its allowed range, e.g. a negative learning rate.
    case invalidSetting(String)
    /// The loss became NaN or infinite: training stopped before applying that step's update.
    /// `restoredStep` is the step whose weights the model was given back (the start of the epoch
    /// that diverged), nil while the error has not yet left the step.
    case nonFiniteLoss(value: Float, step: Int, epoch: Int, lastFiniteLoss: Float?, restoredStep: Int?)
    /// Gradients or parameters that do not match what the optimizer was given.
    case mismatch(String)
    /// A saved state that is incomplete or belongs to another model or optimizer.
    case invalidState(String)
    /// A data source that yielded an unusable batch.
    case invalidBatch(String)
    /// A training checkpoint saved by a run with another setting than the one resuming it.
    case checkpointMismatch(file: String, setting: String, saved: String, current: String)
    /// A checkpoint file that cannot be resumed from (no training state, or a bad entry).
    case checkpointInvalid(file: String, problem: String)

    /// The one-line message.
    public var description: String {
        switch self {
        case .invalidSetting(let message), .mismatch(let message), .invalidBatch(let message):
            return message
        case .invalidState(let message):
            return "training state: \(message)"
        case let .checkpointMismatch(file, setting, saved, current):
            return "checkpoint '\(file)' belongs to another run: it was saved with \(setting) \(saved), "
                + "but this run has \(setting) \(current)"
        case let .checkpointInvalid(file, problem):
            return "checkpoint '\(file)' cannot be resumed: \(problem)"
        case .nonFiniteLoss(let value, let step, let epoch, let last, let restored):
            let lastText = last.map { "last finite loss \(TrainingError.format($0))" } ?? "no finite loss before it"
            let kept = restored.map { restored in
                restored == 0 ? "; the network is back at its initial weights"
                    : "; the network is back at its weights after step \(restored), the start of an epoch"
            } ?? ""
            return "training stopped: loss became \(TrainingError.format(value)) at step \(step) (epoch \(epoch)); "
                + lastText + kept + "; a lower learning rate may help"
        }
    }

    /// Four significant figures are enough to recognise a loss; nan/inf are spelled out.
    static func format(_ value: Float) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value > 0 ? "inf" : "-inf" }
        return String(format: "%.4g", Double(value))
    }
}
