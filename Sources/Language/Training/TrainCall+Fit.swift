import Learning
import TensorRuntime

/// `train`'s run of the trainer: progress, interrupts and `stop_after:`, and the checkpoint file
/// to resume from.
extension TrainCall {
    /// Trains `net` under `config`, from the start or from `resume`; training errors become
    /// runtime errors (a layer's at the line that declared it).
    func fit(_ net: NetworkValue, _ config: TrainingConfiguration,
             resume: (checkpoint: TrainingCheckpoint, path: String)?) throws -> Run {
        let evaluator = a.evaluator
        let formatter = ProgressFormatter(style: evaluator.session.progressStyle)
        let output = evaluator.output
        let interrupt = evaluator.interrupt
        let stopAfter = a.isNone(12) ? nil : try a.integer(12, atLeast: 1)
        var epochsDone = 0
        let progress: (TrainingProgress) -> Void = { p in
            if p.kind == .epoch { epochsDone = p.epoch }
            if let text = formatter.text(for: p) { output.write(text, to: .standardError) }
        }
        let shouldStop = { interrupt.isRequested || stopAfter.map { epochsDone >= $0 } ?? false }
        let result: Run
        do {
            let trainer = try Trainer(config)
            let model = TrainingPlan.model(net.network)
            if let resume {
                result = try trainer.fit(model, resuming: resume.checkpoint, file: resume.path, progress: progress,
                                         shouldStop: shouldStop)
            } else {
                result = try trainer.fit(model, progress: progress, shouldStop: shouldStop)
            }
        } catch let e as ModelError {
            throw net.located(e, fallback: nil)
        } catch let e as TrainingError {
            throw RuntimeError(e.description)
        } catch let e as TensorError {
            throw RuntimeError("\(e)")
        } catch let e as DatasetError {
            throw RuntimeError(e.description)
        } catch let e as WeightFileError {
            throw RuntimeError(e.description)
        }
        // Only a Ctrl-C is announced; stop_after is what the script asked for.
        if result.interrupted && interrupt.isRequested {
            output.write(Messages.trainingStopped(result.finalEpoch, TextFormat.groupedThousands(result.finalStep)) + "\n",
                         to: .standardError)
        }
        return result
    }

    /// The checkpoint named by `resume:`, read and verified, with its path; nil without one.
    func resumeArgument() throws -> (checkpoint: TrainingCheckpoint, path: String)? {
        guard !a.isNone(11) else { return nil }
        let file = try path(11)
        do {
            return (try TrainingCheckpoint.read(file), file)
        } catch let e as WeightFileError {
            throw RuntimeError(e.description, parameter: 11)
        } catch let e as TrainingError {
            throw RuntimeError(e.description, parameter: 11)
        }
    }

    /// A non-empty file path argument.
    func path(_ i: Int) throws -> String {
        let text = try a.string(i)
        guard !text.isEmpty else { throw a.fail(i, expected: "a file path") }
        return text
    }
}
