import Foundation
import TensorRuntime

/// What a probe or a training run is expected to cost before it runs: floating-point work, time
/// and peak memory, with a cheaper alternative to offer when it would not fit.
public struct CostEstimate: Sendable, Equatable {
    /// The probe's name as used in errors (e.g. `info_in_weights`).
    public let probe: String
    /// The estimator and its settings, e.g. "exact eigen-decomposition, k = 2,410".
    public let method: String
    /// Floating-point operations in tensor kernels (forward and backward passes).
    public let tensorFlops: Double
    /// Floating-point operations in the Double linear algebra (eigen-decompositions, Cholesky).
    public let linearAlgebraFlops: Double
    /// Tensor operations launched (each has a fixed overhead that dominates small models).
    public let operations: Double
    /// The expected peak of the probe's own allocations, bytes.
    public let peakBytes: Double
    /// The largest single allocation, bytes (the k×k matrix of an exact curvature, for instance).
    public let largestAllocationBytes: Double
    /// A cheaper way to get a comparable answer, and its own peak bytes; nil when there is none.
    public let alternative: Alternative?
    /// Why the probe refuses this request whatever the memory (an estimator's own size limit,
    /// e.g. the exact eigen-decomposition above its weight limit); nil when it does not.
    public let refusal: Refusal?

    /// A cheaper way to a comparable answer: other estimators (named by whoever shows them), or
    /// a change of the request said in words.
    public struct Alternative: Sendable, Equatable {
        /// The estimators to use instead; empty when `text` says what to do.
        public let instead: [EstimatorName]
        /// What to do, when it is not another estimator.
        public let text: String?
        /// The alternative's own peak bytes.
        public let peakBytes: Double

        public init(instead: [EstimatorName], peakBytes: Double) {
            self.instead = instead
            self.text = nil
            self.peakBytes = peakBytes
        }

        public init(_ text: String, peakBytes: Double) {
            self.instead = []
            self.text = text
            self.peakBytes = peakBytes
        }
    }

    /// An estimator's own size limit, and the estimators that have none.
    public struct Refusal: Sendable, Equatable {
        public let message: String
        public let instead: [EstimatorName]

        public init(_ message: String, instead: [EstimatorName]) {
            self.message = message
            self.instead = instead
        }
    }

    /// An estimate; negative or non-finite inputs are clamped to 0 so a summary never prints NaN.
    public init(probe: String, method: String, tensorFlops: Double, linearAlgebraFlops: Double = 0, operations: Double,
                peakBytes: Double, largestAllocationBytes: Double, alternative: Alternative? = nil,
                refusal: Refusal? = nil) {
        func clean(_ x: Double) -> Double { x.isFinite ? max(x, 0) : .greatestFiniteMagnitude }
        self.probe = probe
        self.method = method
        self.tensorFlops = clean(tensorFlops)
        self.linearAlgebraFlops = clean(linearAlgebraFlops)
        self.operations = clean(operations)
        self.peakBytes = clean(max(peakBytes, largestAllocationBytes))
        self.largestAllocationBytes = clean(largestAllocationBytes)
        self.alternative = alternative
        self.refusal = refusal
    }

    /// Equal when every count, size and the alternative are equal.
    public static func == (lhs: CostEstimate, rhs: CostEstimate) -> Bool {
        lhs.probe == rhs.probe && lhs.method == rhs.method && lhs.tensorFlops == rhs.tensorFlops
            && lhs.linearAlgebraFlops == rhs.linearAlgebraFlops && lhs.operations == rhs.operations
            && lhs.peakBytes == rhs.peakBytes && lhs.largestAllocationBytes == rhs.largestAllocationBytes
            && lhs.alternative == rhs.alternative && lhs.refusal == rhs.refusal
    }

    /// The cost of running this `times` times in a row: the work adds up, the peak does not.
    /// `probe` and `method` rename it (e.g. a sweep of several runs).
    public func repeated(_ times: Int, probe: String? = nil, method: String? = nil) -> CostEstimate {
        let n = Double(max(times, 0))
        return CostEstimate(probe: probe ?? self.probe, method: method.map { "\($0), \(self.method)" } ?? self.method,
                            tensorFlops: n * tensorFlops, linearAlgebraFlops: n * linearAlgebraFlops, operations: n * operations,
                            peakBytes: peakBytes, largestAllocationBytes: largestAllocationBytes, alternative: alternative,
                            refusal: refusal)
    }

    /// Expected wall-clock seconds on this machine (see `CostModel` for the constants).
    public var seconds: Double {
        tensorFlops / CostModel.tensorFlopsPerSecond + linearAlgebraFlops / CostModel.linearAlgebraFlopsPerSecond
            + operations * CostModel.secondsPerOperation
    }

    /// One line for people: "info_in_weights (exact …): about 3.1 GFLOP, ~2 s, peak 46 MB".
    public var summary: String { summary(as: probe) }

    /// The one-line summary under another name (a language builtin's, for instance).
    public func summary(as name: String) -> String {
        let flops = tensorFlops + linearAlgebraFlops
        let time = seconds < 0.001 ? "under 1 ms" : "~" + CostEstimate.formatSeconds(seconds)
        return "\(name) (\(method)): about \(CostEstimate.formatFlops(flops)), \(time), "
            + "peak \(CostEstimate.formatBytes(peakBytes))"
    }

    /// Throws `ProbeError.tooLarge` with `refusal` when there is one, or when the peak is over
    /// `limit` bytes, naming the estimate, the
    /// limit and the cheaper alternative. The default limit is the tensor runtime's
    /// (`TensorLimits.maxBytes`: 4 GiB unless `INFOSCOPE_MAX_TENSOR_BYTES` says otherwise).
    public func check(limit: Int = TensorLimits.maxBytes) throws {
        if let refusal { throw ProbeError.tooLarge(probe: probe, message: refusal.message, instead: refusal.instead) }
        guard peakBytes > Double(limit) else { return }
        var message = "\(method) would need about \(CostEstimate.formatBytes(peakBytes)) of memory at its peak"
        if largestAllocationBytes > 0 && largestAllocationBytes < peakBytes {
            message += " (largest block \(CostEstimate.formatBytes(largestAllocationBytes)))"
        }
        message += ", over the memory limit of \(CostEstimate.formatBytes(Double(limit))) (INFOSCOPE_MAX_TENSOR_BYTES)"
        guard let alternative else { throw ProbeError.tooLarge(probe: probe, message: message + "; use fewer samples or a smaller network") }
        let about = "about \(CostEstimate.formatBytes(alternative.peakBytes))"
        if let text = alternative.text { throw ProbeError.tooLarge(probe: probe, message: message + "; use \(text) instead (\(about))") }
        throw ProbeError.tooLarge(probe: probe, message: message + "; the cheaper estimate needs \(about)", instead: alternative.instead)
    }

    /// Bytes in binary units, two significant digits above 10: "512 B", "3.2 MiB", "48 GiB".
    public static func formatBytes(_ bytes: Double) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"]
        var value = bytes, unit = 0
        while value >= 1024 && unit < units.count - 1 { value /= 1024; unit += 1 }
        if unit == 0 { return "\(Int(value)) B" }
        return value >= 10 ? "\(Int(value.rounded())) \(units[unit])" : String(format: "%.1f %@", value, units[unit])
    }

    /// Flops with an SI prefix: "850 kFLOP", "3.1 GFLOP".
    public static func formatFlops(_ flops: Double) -> String {
        let units = ["FLOP", "kFLOP", "MFLOP", "GFLOP", "TFLOP", "PFLOP", "EFLOP"]
        var value = flops, unit = 0
        while value >= 1000 && unit < units.count - 1 { value /= 1000; unit += 1 }
        return value >= 10 || unit == 0 ? "\(Int(value.rounded())) \(units[unit])" : String(format: "%.1f %@", value, units[unit])
    }

    /// Seconds as people read them: "0.02 s", "14 s", "3.5 min", "2.1 h", "4.0 days", "1400 years".
    public static func formatSeconds(_ s: Double) -> String {
        if s < 1 { return String(format: "%.2g s", s) }
        if s < 120 { return String(format: "%.0f s", s) }
        if s < 7200 { return String(format: "%.1f min", s / 60) }
        if s < 172_800 { return String(format: "%.1f h", s / 3600) }
        if s < 86_400 * 1000 { return String(format: "%.1f days", s / 86_400) }
        let years = s / (86_400 * 365.25)
        return String(format: years < 100 ? "%.1f years" : "%.0f years", years)
    }
}
