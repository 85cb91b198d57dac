import Foundation

/// A progress report from the trainer, after a step or at the end of an epoch. Everything a
/// progress line shows is in here, so formatting is a pure function of the report.
public struct TrainingProgress: Equatable {
    /// After a step, or at the end of an epoch.
    public enum Kind: Equatable { case step, epoch }

    /// Which moment this reports.
    public var kind: Kind
    /// The epoch in progress (or just ended), counting from 1.
    public var epoch: Int
    /// Epochs in the whole run.
    public var totalEpochs: Int
    /// Steps done.
    public var step: Int
    /// The mean training loss so far in this epoch.
    public var loss: Double
    /// The training accuracy so far in this epoch.
    public var accuracy: Double
    /// The latest evaluation accuracy at this point, if evaluated now.
    public var evalAccuracy: Double?
    /// Training throughput so far in this call of `fit`.
    public var samplesPerSecond: Double
    /// Estimated seconds until the run ends.
    public var etaSeconds: Double
}

/// Turns progress reports into text: a line that rewrites itself on a terminal, one line per epoch
/// otherwise, nothing when quiet.
public struct ProgressFormatter {
    /// How progress is shown.
    public enum Style: Equatable {
        /// A single status line redrawn after every step (carriage return, clear line), made
        /// permanent with a newline at each epoch's end.
        case terminal
        /// One plain line per epoch, for runs of up to `plainLines` epochs; longer runs print
        /// every k-th epoch (k = ⌈epochs / plainLines⌉) and the last, so a log of a
        /// 50,000-epoch run stays readable.
        case plain
        /// Nothing.
        case quiet
    }

    /// The style in use.
    public let style: Style
    /// The most lines a plain report prints for one run (about; the last epoch always prints).
    public static let plainLines = 100

    /// A formatter of `style`.
    public init(style: Style) { self.style = style }

    /// The text to write for `progress` (control characters included), or nil to write nothing.
    public func text(for progress: TrainingProgress) -> String? {
        switch (style, progress.kind) {
        case (.quiet, _), (.plain, .step):
            return nil
        case (.plain, .epoch):
            let stride = (progress.totalEpochs + Self.plainLines - 1) / Self.plainLines
            guard progress.epoch == progress.totalEpochs || progress.epoch % max(stride, 1) == 0 else { return nil }
            return line(progress) + "\n"
        case (.terminal, .step):
            return "\r\u{1B}[2K" + line(progress)
        case (.terminal, .epoch):
            return "\r\u{1B}[2K" + line(progress) + "\n"
        }
    }

    /// `epoch 3/10  loss 0.214  acc 93.8%  eval 94.1%  61,200 samples/s  ETA 0:07`
    public func line(_ p: TrainingProgress) -> String {
        var parts = ["epoch \(p.epoch)/\(p.totalEpochs)", "loss \(TextFormat.loss(p.loss))",
                     "acc \(TextFormat.percent(p.accuracy))"]
        if let eval = p.evalAccuracy { parts.append("eval \(TextFormat.percent(eval))") }
        parts.append("\(TextFormat.groupedThousands(Int(p.samplesPerSecond.rounded()))) samples/s")
        parts.append("ETA \(Self.duration(p.etaSeconds))")
        return parts.joined(separator: "  ")
    }

    /// `m:ss`, or `h:mm:ss` from an hour on; `?` when unknown.
    static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "?" }
        let total = Int(seconds.rounded())
        let (h, m, s) = (total / 3600, total / 60 % 60, total % 60)
        return h > 0 ? String(format: "%d:%02d:%02d", h, m, s) : String(format: "%d:%02d", m, s)
    }
}
