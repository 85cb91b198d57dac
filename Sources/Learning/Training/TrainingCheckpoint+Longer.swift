/// A finished (or stopped) run continued with its last phase made longer: `train(..., epochs: 5,
/// resume: "run.ckpt")` after a run of 3 epochs trains epochs 4 and 5 and gives the numbers and
/// the history of a run of 5 epochs from the start.
///
/// That is exact because nothing a run does before its end depends on where the end is: the
/// shuffles and dropout draws are functions of (seed, epoch) and (seed, step), evaluations and
/// probes fire on their own intervals, and every rate schedule is a function of the step and
/// epoch with lengths of its own (`cosine(30)` anneals over 30 epochs however long the run is).
/// A schedule stretched to the run's total length would break this; were one added, a longer
/// run would have to be refused here.
extension TrainingCheckpoint {
    /// Whether this checkpoint's run differs from `configuration` only in the length of its last
    /// phase (counted in the same unit), and the run so far is the start of the run `configuration` describes; throws when
    /// the length alone differs but the run cannot be continued to it exactly (it has already
    /// trained past the new end, or it ended part-way through an epoch the longer run finishes).
    func continues(as configuration: TrainingConfiguration, file: String) throws -> Bool {
        guard let last = configuration.phases.indices.last,
              let savedText = settings.first(where: { $0.name == "phase \(last + 1)" })?.value,
              let savedLength = PhaseLength(leadingWordsOf: savedText) else { return false }
        // A phase counted in epochs stays counted in epochs, one in steps in steps.
        switch (savedLength, configuration.phases[last].length) {
        case (.epochs, .epochs), (.steps, .steps): break
        default: return false
        }
        var saved = configuration
        saved.phases[last].length = savedLength
        let savedSettings = Self.settings(of: saved)
        guard savedSettings.map(\.name) == settings.map(\.name),
              savedSettings.map(\.value) == settings.map(\.value) else { return false }
        let before = EpochLayout(saved), after = EpochLayout(configuration)
        let (done, batch) = (state.epoch, state.batch)
        // Not past the longer run's end: within its steps, and not beyond its last epoch.
        guard state.step <= after.totalSteps, after.totalEpochs > done || (after.totalEpochs == done && batch == 0) else {
            throw TrainingError.checkpointInvalid(
                file: file, problem: "its run has already trained \(Self.epochs(done)) (\(state.step) steps), past the end of "
                    + "this run, whose last phase has \(configuration.phases[last].length); a resumed run can be made longer, "
                    + "not shorter than what it has trained")
        }
        // Every epoch trained so far must have stopped where the longer run stops it: a phase of
        // steps ends with a partial epoch, which the longer run would train to its end.
        if let partial = (0..<done).first(where: { before.batchLimit(ofEpoch: $0) != after.batchLimit(ofEpoch: $0) }) {
            throw TrainingError.checkpointInvalid(
                file: file, problem: "its last phase (\(savedLength)) ended part-way through epoch \(partial + 1), which a "
                    + "phase of \(configuration.phases[last].length) trains further, so the longer run cannot continue from "
                    + "it exactly; give the phase a length in epochs, or a number of steps that ends on a whole epoch")
        }
        return true
    }

    /// "1 epoch", "3 epochs".
    private static func epochs(_ n: Int) -> String { n == 1 ? "1 epoch" : "\(n) epochs" }
}

extension PhaseLength {
    /// The length at the start of a phase's setting (`"3 epochs on moons (200 samples)"`), as
    /// `description` writes it; nil when the text does not start with one.
    init?(leadingWordsOf text: String) {
        let words = text.split(separator: " ", maxSplits: 2)
        guard words.count >= 2, let n = Int(words[0]) else { return nil }
        switch words[1] {
        case "epoch", "epochs": self = .epochs(n)
        case "step", "steps": self = .steps(n)
        default: return nil
        }
    }
}
