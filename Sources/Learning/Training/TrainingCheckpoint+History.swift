extension TrainingCheckpoint {
    /// The epoch and evaluation records as a value section: counts under `epochs` and
    /// `evaluations`, then `epoch.<i>.<field>` and `evaluation.<i>.<field>` entries.
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
    static func history(_ values: (integers: [String: Int64], reals: [String: Double]),
                        file: String) throws -> ([EpochRecord], [EvaluationRecord]) {
        let record = StateRecord(integers: values.integers, reals: values.reals)
        func count(_ key: String) throws -> Int {
            let n = try record.integer(key)
            // A count beyond the entries present is corrupt; checking first avoids a huge loop.
            guard n >= 0, n <= values.integers.count else { throw TrainingError.invalidState("history count '\(key)' is \(n)") }
            return Int(n)
        }
        let epochs = try (0..<count("epochs")).map { i in
            EpochRecord(epoch: Int(try record.integer("epoch.\(i).epoch")), phase: Int(try record.integer("epoch.\(i).phase")),
                        step: Int(try record.integer("epoch.\(i).step")), learningRate: try record.real("epoch.\(i).lr"),
                        trainLoss: try record.real("epoch.\(i).train_loss"),
                        trainAccuracy: try record.real("epoch.\(i).train_accuracy"),
                        evalLoss: values.reals["epoch.\(i).eval_loss"], evalAccuracy: values.reals["epoch.\(i).eval_accuracy"])
        }
        let evaluations = try (0..<count("evaluations")).map { i in
            EvaluationRecord(step: Int(try record.integer("evaluation.\(i).step")),
                             epoch: Int(try record.integer("evaluation.\(i).epoch")),
                             loss: try record.real("evaluation.\(i).loss"), accuracy: try record.real("evaluation.\(i).accuracy"))
        }
        return (epochs, evaluations)
    }
}
