/// A probe or the evaluation threw in the middle of training: which one, where the run was, the
/// history recorded until then, and the checkpoint (if any) that holds the run so far.
///
/// The checkpoint is the last one written before the failure (files are replaced atomically, so it
/// is whole); resuming from it repeats the failed measurement at the same point.
public struct MeasurementFailure: Error, CustomStringConvertible {
    /// What was being measured.
    public enum Source: Equatable {
        /// The training probe of this name.
        case probe(String)
        /// The evaluation on the held-out data.
        case evaluation
    }

    /// Where the last good checkpoint is and how far the run it holds got.
    public struct SavedCheckpoint: Equatable {
        /// The checkpoint file.
        public var path: String
        /// Optimizer steps done in it.
        public var step: Int
        /// Epochs completed in it.
        public var epochsCompleted: Int
    }

    /// What failed.
    public var source: Source
    /// Optimizer steps done when it failed.
    public var step: Int
    /// The epoch it belongs to, counting from 1: the one in progress after a step, the one just
    /// ended at an epoch's end; 0 for a measurement before the first step.
    public var epoch: Int
    /// The error the probe or evaluation threw.
    public var underlying: Error
    /// The configured checkpoint path, when the run writes one.
    public var checkpointPath: String?
    /// The last checkpoint on disk: written by this call, else the file it resumed from; nil when none.
    public var checkpoint: SavedCheckpoint?
    /// The run's history up to the failure (partial: the failed measurement is missing).
    public var run: Run

    /// What failed and where, e.g. "probe 'fisher' failed at step 12 (epoch 2)".
    public var position: String {
        let what: String
        switch source {
        case .probe(let name): what = "probe '\(name)'"
        case .evaluation: what = "evaluation"
        }
        if step == 0 && epoch == 0 { return "\(what) failed before the first step" }
        return "\(what) failed at step \(step) (epoch \(epoch))"
    }

    /// Where the run so far is saved, in words; nil when no checkpoint is configured or resumed from.
    public var checkpointNote: String? {
        guard let checkpoint else {
            return checkpointPath.map { "no checkpoint was written to '\($0)' before the failure" }
        }
        let epochs = checkpoint.epochsCompleted
        return "the checkpoint '\(checkpoint.path)' holds the run up to step \(checkpoint.step) "
            + "(\(epochs) epoch\(epochs == 1 ? "" : "s") completed) and can be resumed"
    }

    /// The one-line message.
    public var description: String {
        "\(position): \(underlying)" + (checkpointNote.map { "; \($0)" } ?? "")
    }
}
