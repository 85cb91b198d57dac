#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Which compiled variant of the register kernels runs: chosen once per process from the CPU's
/// features, or forced with `INFOSCOPE_KERNELS=avx512|avx2|portable` (tests and benchmarks).
///
/// Each variant lives in its own module compiled for its CPU (Package.swift), so only the one
/// chosen here may ever be called; a variant the CPU lacks would stop on an illegal instruction.
public enum KernelPath: String, CaseIterable, Sendable {
    /// 16-wide `SIMD16<Float>` tiles (6×32) with fused multiply-add, compiled for Skylake-SP.
    case avx512
    /// 8-wide `SIMD8<Float>` tiles (6×16) with fused multiply-add, compiled for Haswell.
    case avx2
    /// The 6×16 tiles in generic SIMD code compiled for no particular CPU, with a multiply and an
    /// add instead of a fused multiply-add (without FMA hardware, `addingProduct` becomes scalar
    /// `fmaf` calls, about 0.6 GFLOP/s). Runs on any x86-64, and on arm64 through NEON.
    case portable

    /// The environment variable that forces a path.
    public static let environmentVariable = "INFOSCOPE_KERNELS"

    /// The path this process uses: the forced one when it is valid for this CPU, else the best.
    public static let active: KernelPath = (try? choose(requested: environmentValue)) ?? best()

    /// Stops unless this CPU runs the path. A variant compiled for a CPU this one is not would
    /// stop on an illegal instruction. Only the package's own callers (tests, benchmarks) pass a
    /// path; users reach `.active`, which start-up refuses to choose when the CPU lacks it
    /// (KernelSettings), so this is a programming error. (`precondition` is compiled out of the
    /// -Ounchecked kernel modules.)
    func requireRunsHere() {
        if self != .active && !runs(on: .current()) {
            fatalError("the \(self) kernels cannot run on this CPU (\(CPUModel.name))")
        }
    }

    /// The message to show at start-up when `INFOSCOPE_KERNELS` names an unknown path or one this
    /// CPU cannot run, or nil.
    public static var startupProblem: String? {
        do {
            _ = try choose(requested: environmentValue)
            return nil
        } catch let refusal as KernelPathRefusal {
            return refusal.message
        } catch {
            return "error: \(error)"
        }
    }

    /// Whether a CPU with `features` can run this path.
    public func runs(on features: CPUFeatures) -> Bool {
        switch self {
        case .avx512: return features.runsAVX512Kernels
        case .avx2: return features.runsAVX2Kernels
        case .portable: return true
        }
    }

    /// Every path the CPU can run, widest first.
    public static func supported(by features: CPUFeatures = .current()) -> [KernelPath] {
        allCases.filter { $0.runs(on: features) }
    }

    /// The widest path the CPU can run.
    public static func best(for features: CPUFeatures = .current()) -> KernelPath {
        supported(by: features).first ?? .portable
    }

    /// The path `requested` names (the best one when nil), or a refusal that says why not.
    public static func choose(requested: String?, features: CPUFeatures = .current()) throws -> KernelPath {
        guard let requested else { return best(for: features) }
        guard let path = KernelPath(rawValue: requested) else {
            let names = allCases.map(\.rawValue).joined(separator: ", ")
            throw KernelPathRefusal(message: "error: \(environmentVariable)=\(requested) is not a kernel path; " +
                                    "use one of \(names), or leave it unset for the best this CPU runs")
        }
        guard path.runs(on: features) else {
            let usable = supported(by: features).map(\.rawValue).joined(separator: ", ")
            throw KernelPathRefusal(message: "error: \(environmentVariable)=\(requested): this CPU " +
                                    "(\(CPUModel.name)) lacks \(path.requirement); it runs \(usable)")
        }
        return path
    }

    /// What the CPU needs for this path, in words.
    var requirement: String {
        switch self {
        case .avx512: return "AVX-512 (F, BW and VL) with AVX2 and FMA"
        case .avx2: return "AVX2 and FMA"
        case .portable: return "nothing"
        }
    }

    /// One line for `--version` and benchmark records: the CPU and the path in use.
    public static var description: String {
        "cpu: \(CPUModel.name); kernels: \(active.rawValue)"
    }

    private static var environmentValue: String? {
        guard let raw = getenv(environmentVariable) else { return nil }
        let value = String(cString: raw)
        return value.isEmpty ? nil : value
    }
}

/// Why a forced kernel path cannot be used.
public struct KernelPathRefusal: Error, Equatable {
    public var message: String
}
