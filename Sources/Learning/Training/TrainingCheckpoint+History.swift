extension TrainingCheckpoint {
    /// The history so far, as read back from a checkpoint.
    struct History {
        var epochs: [EpochRecord]
        var evaluations: [EvaluationRecord]
        var steps: [StepRecord]
        var probes: [String: [SeriesPoint]]
    }

    /// The epoch and evaluation records as a value section: counts under `epochs` and
    /// `evaluations`, then `epoch.<i>.<field>` and `evaluation.<i>.<field>` entries. (Step records
    /// and probe series, far more numerous, have packed sections: `TrainingCheckpoint+Records`.)
    func historyBytes() throws -> [UInt8] {
        var integers: [String: Int64] = ["epochs": Int64(epochs.count), "evaluations": Int64(evaluations.count)]
        var reals: [String: Double] = [:]
        for (i, e) in epochs.enumerated() {
            integers["epoch.\(i).epoch"] = Int64(e.epoch)
            integers["epoch.\(i).phase"] = Int64(e.phase)
            integers["epoch.\(i).step"] = Int64(e.step)
            reals["epoch.\(i).lr"] = e.learningRate
            reals["epoch.\(i).train_loss"] = e.trainLoss
            reals["epoch.\(i).train_accuracy"] = e.trainAccuracy
            if let loss = e.evalLoss { reals["epoch.\(i).eval_loss"] = loss }
            if let accuracy = e.evalAccuracy { reals["epoch.\(i).eval_accuracy"] = accuracy }
            if let seconds = e.seconds { reals["epoch.\(i).seconds"] = seconds }
        }
        for (i, e) in evaluations.enumerated() {
            integers["evaluation.\(i).step"] = Int64(e.step)
            integers["evaluation.\(i).epoch"] = Int64(e.epoch)
            reals["evaluation.\(i).loss"] = e.loss
            reals["evaluation.\(i).accuracy"] = e.accuracy
        }
        return try Checkpoint.valueSection(integers: integers, reals: reals)
    }

    /// The records of a history section, with an error naming any missing entry.
    static func history(_ values: (integers: [String: Int64], reals: [String: Double]), steps: [UInt8]?,
                        series: [UInt8]?) throws -> History {
        let record = StateRecord(integers: values.integers, reals: values.reals)
        func count(_ key: String) throws -> Int {
            let n = try record.integer(key)
            // A count beyond the entries present is corrupt; checking first avoids a huge loop.
            guard n >= 0, n <= values.integers.count else { throw TrainingError.invalidState("history count '\(key)' is \(n)") }
            return Int(n)
        }
        func int(_ key: String) throws -> Int { Int(try record.integer(key)) }
        let epochs = try (0..<count("epochs")).map { i in
            EpochRecord(epoch: try int("epoch.\(i).epoch"), phase: try int("epoch.\(i).phase"),
                        step: try int("epoch.\(i).step"), learningRate: try record.real("epoch.\(i).lr"),
                        trainLoss: try record.real("epoch.\(i).train_loss"),
                        trainAccuracy: try record.real("epoch.\(i).train_accuracy"),
                        evalLoss: values.reals["epoch.\(i).eval_loss"], evalAccuracy: values.reals["epoch.\(i).eval_accuracy"],
                        seconds: values.reals["epoch.\(i).seconds"])
        }
        let evaluations = try (0..<count("evaluations")).map { i in
            EvaluationRecord(step: try int("evaluation.\(i).step"), epoch: try int("evaluation.\(i).epoch"),
                             loss: try record.real("evaluation.\(i).loss"), accuracy: try record.real("evaluation.\(i).accuracy"))
        }
        return History(epochs: epochs, evaluations: evaluations, steps: try Self.steps(steps), probes: try Self.series(series))
    }
}
