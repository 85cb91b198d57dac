import Learning
import TensorRuntime

/// `train`'s run of the trainer: progress, interrupts and `stop_after:`, the checkpoint file to
/// write (`checkpoint:`, `checkpoint_every:`) and to resume from, and a probe failing mid-run.
extension TrainCall {
    /// Trains `net` under `config`, from the start or from `resume`; training errors become
    /// runtime errors (a layer's at the line that declared it).
    func fit(_ net: NetworkValue, _ config: TrainingConfiguration,
             resume: (checkpoint: TrainingCheckpoint, path: String)?) throws -> Run {
        let evaluator = a.evaluator
        let formatter = ProgressFormatter(style: evaluator.session.progressStyle)
        let output = evaluator.output
        let interrupt = evaluator.interrupt
        let stopAfter = try a[p.stopAfter]
        var epochsDone = 0
        // A terminal's redrawn step line has no newline until its epoch ends: a run that stops
        // mid-epoch (Ctrl-C, an error) ends it before anything else is written.
        var lineOpen = false
        let progress: (TrainingProgress) -> Void = { p in
            if p.kind == .epoch { epochsDone = p.epoch }
            if let text = formatter.text(for: p) {
                output.write(text, to: .standardError)
                lineOpen = !text.hasSuffix("\n")
            }
        }
        let shouldStop = { interrupt.isRequested || stopAfter.map { epochsDone >= $0 } ?? false }
        let result: Run
        do {
            defer { if lineOpen { output.write("\n", to: .standardError) } }
            let trainer = try Trainer(config)
            let model = net.network.trainableModel
            if let resume {
                result = try trainer.fit(model, resuming: resume.checkpoint, file: resume.path, progress: progress,
                                         shouldStop: shouldStop)
            } else {
                result = try trainer.fit(model, progress: progress, shouldStop: shouldStop)
            }
        } catch let e as MeasurementFailure {
            throw Self.measurementError(e, net: net)
        } catch {
            throw LanguageError.bridge(error, network: net)
        }
        // Only a Ctrl-C is announced; stop_after is what the script asked for.
        if result.interrupted && interrupt.isRequested {
            output.write(Messages.trainingStopped(result.finalEpoch, TextFormat.groupedThousands(result.finalStep)) + "\n",
                         to: .standardError)
        }
        return result
    }

    /// A probe or evaluation that failed mid-run: its own error (still pointing where it pointed)
    /// prefixed with what failed and when, and followed by where the run so far is saved. A Ctrl-C
    /// inside a probe stays an interrupt.
    static func measurementError(_ failure: MeasurementFailure, net: NetworkValue) -> Error {
        let inner = LanguageError.bridge(failure.underlying, network: net)
        if let e = inner as? RuntimeError, e.isInterrupt { return e }
        var e = inner as? RuntimeError ?? RuntimeError("\(inner)")
        e.message = "\(failure.position): \(e.message)"
        if let note = failure.checkpointNote { e.message += "; \(note)" }
        if let saved = failure.checkpoint { e.notes.append(Messages.resumeHint(saved.path)) }
        return e
    }

    /// `checkpoint:` and `checkpoint_every:` as the trainer's checkpoint saving; nil without a file.
    func checkpointSaving() throws -> CheckpointSaving? {
        let every = try a[p.checkpointEvery]
        guard let file = try a[p.checkpoint] else {
            if every != nil { throw RuntimeError(Messages.checkpointEveryWithoutFile, parameter: p.checkpointEvery.index) }
            return nil
        }
        return every.map { CheckpointSaving(path: file, every: $0) } ?? CheckpointSaving(path: file)
    }

    /// "epoch", "step", "3 epochs", "50 steps", … as an interval; nil for anything else.
    static func interval(_ text: String) -> TrainingInterval? {
        let words = text.split(separator: " ").map(String.init)
        let count: Int, unit: String
        if words.count == 1 {
            (count, unit) = (1, words[0])
        } else if words.count == 2, let n = Int(words[0]), n >= 1 {
            (count, unit) = (n, words[1])
        } else {
            return nil
        }
        switch unit {
        case "epoch", "epochs": return .epochs(count)
        case "step", "steps": return .steps(count)
        default: return nil
        }
    }

    /// The checkpoint named by `resume:`, read and verified, with its path; nil without one.
    func resumeArgument() throws -> (checkpoint: TrainingCheckpoint, path: String)? {
        guard let file = try a[p.resume] else { return nil }
        do {
            return (try TrainingCheckpoint.read(file), file)
        } catch let e as WeightFileError {
            throw RuntimeError(e.description, parameter: p.resume.index)
        } catch let e as TrainingError {
            throw RuntimeError(e.description, parameter: p.resume.index)
        }
    }
}
