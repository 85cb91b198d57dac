import CPUSupport

/// The vector instructions of the running CPU that the kernels choose between.
///
/// Read with `cpuid` and `xgetbv` (the C target `CPUSupport`, since Swift has neither inline
/// assembly nor intrinsics for them): a feature counts only when the operating system also saves
/// its registers (XCR0), so code that uses it can never fault. Other architectures have none.
public struct CPUFeatures: Sendable, Equatable {
    /// 256-bit integer and float vector instructions (Intel Haswell, AMD Zen and later).
    public var hasAVX2: Bool
    /// Fused multiply-add on vectors (`vfmadd231ps`), the instruction the GEMM micro-kernel uses.
    public var hasFMA: Bool
    /// 512-bit vectors and 32 vector registers (Intel Skylake-SP and later, AMD Zen 4 and later).
    public var hasAVX512F: Bool
    /// Byte and word instructions on 512-bit vectors.
    public var hasAVX512BW: Bool
    /// The AVX-512 encodings on 128- and 256-bit vectors, which a compiler targeting an AVX-512
    /// CPU uses anywhere it likes.
    public var hasAVX512VL: Bool

    /// Creates a feature set by hand (tests, or callers with their own detection).
    public init(hasAVX2: Bool, hasFMA: Bool, hasAVX512F: Bool = false, hasAVX512BW: Bool = false,
                hasAVX512VL: Bool = false) {
        self.hasAVX2 = hasAVX2
        self.hasFMA = hasFMA
        self.hasAVX512F = hasAVX512F
        self.hasAVX512BW = hasAVX512BW
        self.hasAVX512VL = hasAVX512VL
    }

    /// The features of the CPU this process runs on.
    public static func current() -> CPUFeatures {
        detected
    }

    private static let detected: CPUFeatures = {
        let raw = cpu_support_features()
        return CPUFeatures(hasAVX2: raw.avx2, hasFMA: raw.fma, hasAVX512F: raw.avx512f,
                           hasAVX512BW: raw.avx512bw, hasAVX512VL: raw.avx512vl)
    }()

    /// Whether the CPU runs the 16-wide kernels, compiled for Skylake-SP (F, BW and VL, which
    /// every AVX-512 CPU since then has; the compiler may use any of them).
    public var runsAVX512Kernels: Bool {
        runsAVX2Kernels && hasAVX512F && hasAVX512BW && hasAVX512VL
    }

    /// Whether the CPU runs the 8-wide kernels, compiled for Haswell.
    public var runsAVX2Kernels: Bool {
        hasAVX2 && hasFMA
    }
}
