#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The vector instructions of the running CPU that the kernels care about, and whether this build
/// of the kernels needs them.
///
/// Swift has no inline assembly, so `cpuid` cannot be called directly; on Linux the kernel's own
/// reading of it is in `/proc/cpuinfo` (its `flags` line), which is what `current()` parses.
public struct CPUFeatures: Sendable, Equatable {
    /// 256-bit integer and float vector instructions (Intel Haswell, AMD Excavator/Zen and later).
    public var hasAVX2: Bool
    /// Fused multiply-add on vectors (`vfmadd231ps`), the instruction the GEMM micro-kernel uses.
    public var hasFMA: Bool

    /// Creates a feature set by hand (tests, or callers with their own detection).
    public init(hasAVX2: Bool, hasFMA: Bool) {
        self.hasAVX2 = hasAVX2
        self.hasFMA = hasFMA
    }

    /// Whether the kernels were compiled for Haswell-class CPUs (`-target-cpu haswell`, the default
    /// on x86_64 unless the package was built with `INFOSCOPE_PORTABLE=1`).
    public static var buildRequiresAVX2AndFMA: Bool {
        #if INFOSCOPE_HASWELL
        return true
        #else
        return false
        #endif
    }

    /// The features of the CPU this process runs on, or nil when they cannot be read (not Linux,
    /// or `/proc/cpuinfo` unreadable).
    public static func current() -> CPUFeatures? {
        guard let text = readCPUInfo() else { return nil }
        return parse(cpuinfo: text)
    }

    /// Reads the features from the text of `/proc/cpuinfo`: the first `flags` line (x86) lists
    /// them as lower-case words. A CPU without such a line (ARM lists `Features`) has neither.
    public static func parse(cpuinfo: String) -> CPUFeatures {
        for line in cpuinfo.split(separator: "\n") {
            let parts = line.split(separator: ":", maxSplits: 1)
            guard parts.count == 2,
                  parts[0].trimmingCharacters(in: " \t") == "flags" else { continue }
            let flags = Set(parts[1].split(whereSeparator: { $0 == " " || $0 == "\t" }))
            return CPUFeatures(hasAVX2: flags.contains("avx2"), hasFMA: flags.contains("fma"))
        }
        return CPUFeatures(hasAVX2: false, hasFMA: false)
    }

    /// The message to show at start-up when this build cannot run on this CPU, or nil when it can
    /// (or when the CPU's features cannot be read, since then nothing honest can be said).
    ///
    /// Call it before any kernel runs. It cannot be a guarantee: in a Haswell build the compiler
    /// may use AVX encodings anywhere in the kernel module, so a CPU without even AVX could stop
    /// with an illegal instruction before this message is printed.
    public static func startupProblem(current features: CPUFeatures? = current()) -> String? {
        guard buildRequiresAVX2AndFMA, let features else { return nil }
        var missing: [String] = []
        if !features.hasAVX2 { missing.append("AVX2") }
        if !features.hasFMA { missing.append("FMA") }
        guard !missing.isEmpty else { return nil }
        return "error: this build of Infoscope needs a CPU with AVX2 and FMA, but this CPU lacks " +
            missing.joined(separator: " and ") +
            "; rebuild without them: INFOSCOPE_PORTABLE=1 swift build -c release"
    }

    private static func readCPUInfo() -> String? {
        guard let file = fopen("/proc/cpuinfo", "r") else { return nil }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
            if count <= 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
        }
        return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self)
    }
}

private extension Substring {
    func trimmingCharacters(in set: String) -> Substring {
        var result = self
        while let first = result.first, set.contains(first) { result = result.dropFirst() }
        while let last = result.last, set.contains(last) { result = result.dropLast() }
        return result
    }
}
