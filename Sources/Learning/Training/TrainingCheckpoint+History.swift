extension TrainingCheckpoint {
    /// The history so far, as read back from a checkpoint.
    struct History {
        var epochs: [EpochRecord]
        var evaluations: [EvaluationRecord]
        var steps: [StepRecord]
        var probes: [String: [SeriesPoint]]
    }

    /// The probe series' names in a fixed order (sorted), the order their index in the history
    /// section refers to.
    var seriesNames: [String] { probes.keys.sorted() }

    /// The records as a value section: counts under `epochs`, `evaluations`, `steps` and `series`,
    /// then `epoch.<i>.<field>`, `evaluation.<i>.<field>`, `step.<i>.<field>`, and for the i-th
    /// series of `seriesNames` its point count `series.<i>.points` and `series.<i>.<j>.<field>`.
    func historyBytes() throws -> [UInt8] {
        var integers: [String: Int64] = ["epochs": Int64(epochs.count), "evaluations": Int64(evaluations.count),
                                         "steps": Int64(steps.count), "series": Int64(probes.count)]
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
        for (i, s) in steps.enumerated() {
            integers["step.\(i).step"] = Int64(s.step)
            integers["step.\(i).epoch"] = Int64(s.epoch)
            reals["step.\(i).loss"] = s.loss
            reals["step.\(i).accuracy"] = s.accuracy
            reals["step.\(i).lr"] = s.learningRate
        }
        for (i, name) in seriesNames.enumerated() {
            let points = probes[name] ?? []
            integers["series.\(i).points"] = Int64(points.count)
            for (j, p) in points.enumerated() {
                integers["series.\(i).\(j).step"] = Int64(p.step)
                integers["series.\(i).\(j).epoch"] = Int64(p.epoch)
                reals["series.\(i).\(j).value"] = p.value
            }
        }
        return try Checkpoint.valueSection(integers: integers, reals: reals)
    }

    /// The series names, one per line; a name with a line break cannot be stored and is refused.
    func seriesNameBytes() throws -> [UInt8] {
        let names = seriesNames
        if let bad = names.first(where: { $0.contains("\n") || $0.contains("\r") }) {
            throw TrainingError.invalidSetting("probe series name '\(bad)' contains a line break; a checkpoint cannot store it")
        }
        return Array(names.map { $0 + "\n" }.joined().utf8)
    }

    /// The series names of a `run.series` section.
    static func seriesNames(_ bytes: [UInt8]?, file: String) throws -> [String] {
        guard let bytes, let text = String(bytes: bytes, encoding: .utf8) else {
            throw TrainingError.checkpointInvalid(file: file, problem: "the probe series names are missing or not UTF-8 text")
        }
        return text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
    }

    /// The records of a history section, with an error naming any missing entry.
    static func history(_ values: (integers: [String: Int64], reals: [String: Double]), seriesNames: [String],
                        file: String) throws -> History {
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
                        evalLoss: values.reals["epoch.\(i).eval_loss"], evalAccuracy: values.reals["epoch.\(i).eval_accuracy"])
        }
        let evaluations = try (0..<count("evaluations")).map { i in
            EvaluationRecord(step: try int("evaluation.\(i).step"), epoch: try int("evaluation.\(i).epoch"),
                             loss: try record.real("evaluation.\(i).loss"), accuracy: try record.real("evaluation.\(i).accuracy"))
        }
        let steps = try (0..<count("steps")).map { i in
            StepRecord(step: try int("step.\(i).step"), epoch: try int("step.\(i).epoch"), loss: try record.real("step.\(i).loss"),
                       accuracy: try record.real("step.\(i).accuracy"), learningRate: try record.real("step.\(i).lr"))
        }
        guard try count("series") == seriesNames.count else {
            throw TrainingError.invalidState("the history has \(values.integers["series"] ?? 0) probe series but \(seriesNames.count) series names")
        }
        var probes: [String: [SeriesPoint]] = [:]
        for (i, name) in seriesNames.enumerated() {
            probes[name] = try (0..<count("series.\(i).points")).map { j in
                SeriesPoint(step: try int("series.\(i).\(j).step"), epoch: try int("series.\(i).\(j).epoch"),
                            value: try record.real("series.\(i).\(j).value"))
            }
        }
        return History(epochs: epochs, evaluations: evaluations, steps: steps, probes: probes)
    }
}
