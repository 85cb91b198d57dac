import CPUSupport
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Flush-to-zero and denormals-are-zero on the threads that run kernels.
///
/// Why: Intel cores take a microcode assist, about a hundred cycles, on every operation with a
/// subnormal operand or result. A network that saturates (separable data, loss → 0) leaves its
/// gradients and momentum buffers subnormal, and an MLP epoch ran 1.63–2× slower for it on a
/// Sapphire Rapids CPU (bench/README.md). Values below 1.2e-38 carry no useful signal in
/// training, so the kernels' threads treat them as zero, as PyTorch (`set_flush_denormal`) and
/// TensorFlow do.
///
/// The MXCSR register is per thread: a `WorkerPool` sets the mode on each of its threads when they
/// start, on the thread that creates it and on every thread that hands it work; the executables
/// set it on their main thread at start-up. On by default; `INFOSCOPE_DENORMALS=keep` keeps
/// subnormals (read once). Only x86-64 is handled; elsewhere nothing changes.
public enum DenormalMode {
    /// The environment variable that chooses the mode: `flush` (the default) or `keep`.
    public static let environmentVariable = "INFOSCOPE_DENORMALS"

    /// Whether kernel threads flush subnormals to zero, from the environment at first use.
    public static let flushes: Bool = parse(environmentValue) ?? true

    /// The message to show at start-up when the environment variable holds something else than
    /// `flush` or `keep`, or nil.
    public static var startupProblem: String? {
        guard let value = environmentValue, parse(value) == nil else { return nil }
        return "error: \(environmentVariable)=\(value) is not understood; use \(environmentVariable)=keep " +
            "to keep subnormal numbers, or leave it unset to flush them to zero"
    }

    /// Applies the process's mode to the calling thread. Cheap when it is already applied.
    public static func prepareCurrentThread() {
        apply(flush: flushes)
    }

    /// Sets (`true`) or clears flush-to-zero and denormals-are-zero on the calling thread; false
    /// where this architecture's switch is not handled.
    @discardableResult
    public static func apply(flush: Bool) -> Bool {
        cpu_support_set_flush_denormals(flush)
    }

    /// Whether the calling thread currently flushes subnormals.
    public static var currentThreadFlushes: Bool {
        cpu_support_flushes_denormals()
    }

    /// Whether this architecture's switch is handled here (x86-64).
    public static var isSupported: Bool {
        cpu_support_has_denormal_control()
    }

    /// `flush` → true, `keep` → false, unset or empty → nil (the default), anything else → nil.
    static func parse(_ value: String?) -> Bool? {
        switch value {
        case "flush": return true
        case "keep": return false
        default: return nil
        }
    }

    private static var environmentValue: String? {
        guard let raw = getenv(environmentVariable) else { return nil }
        let value = String(cString: raw)
        return value.isEmpty ? nil : value
    }
}
