/// The messages of the experiment runners (`critical_period`, `batch_size_sweep`, `class_count_sweep`).
extension Messages {
    static func experimentRecipe(_ f: String, _ got: String) -> String {
        "'\(f)' needs a network recipe or a function returning a network as its first argument (every run starts from a fresh network: write allconv, not allconv()); got \(got)"
    }
    static func experimentNotNetwork(_ f: String, _ got: String) -> String {
        "'\(f)': the recipe must give a network when called without arguments; it gave \(got)"
    }
    static func experimentNetworksDiffer(_ f: String, _ name: String) -> String {
        "'\(f)': calling '\(name)' again gave a network with other weight shapes; each run must start from the same network"
    }
    static func experimentNeedsData(_ f: String) -> String { "'\(f)' needs training data (on: a dataset)" }
    static func experimentSchedulePhases(_ f: String, _ schedule: String) -> String {
        "'\(f)' makes its own phases; schedule '\(schedule)' has phase lines (give one with only optimizer, batch, epochs and lr)"
    }
    static func unknownDeficit(_ name: String, _ known: String) -> String { "unknown deficit \"\(name)\" (known: \(known))" }
    static func deficitStrength(_ deficit: String, _ expected: String) -> String {
        "strength of the \(deficit) deficit must be \(expected)"
    }
    static let criticalPeriodLengthsAndWindow =
        "lengths: and the sliding window (onsets: with window:) are two kinds of experiment; give one of them"
    static let criticalPeriodWindowNeedsOnsets = "window: needs onsets: the epochs at which the deficit starts, such as onsets: [0, 5, 10]"
    static let criticalPeriodOnsetsNeedWindow = "onsets: needs window: the number of epochs the deficit lasts from each onset"
    static let sweepEpochsAndSteps = "epochs: and steps: are two ways to say how long each run trains; give one of them"
}
