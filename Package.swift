// swift-tools-version: 6.0
import PackageDescription

// The kernels only vectorise (AVX2 + FMA) when the compiler may assume a Haswell-class CPU;
// without it SIMD8 multiply-adds lower to scalar calls and run ~100x slower (bench/README.md).
// INFOSCOPE_PORTABLE=1 builds without the CPU assumption, for machines that lack AVX2/FMA.
let portable = Context.environment["INFOSCOPE_PORTABLE"] == "1"
#if arch(x86_64)
let cpuFlags: [String] = portable ? [] : ["-target-cpu", "haswell"]
#else
let cpuFlags: [String] = []
#endif

// Kernels and the runtime are optimised even in debug builds, so `swift test` runs numerics at
// full speed while the rest of the package keeps fast debug compiles. Raw-buffer kernels drop
// overflow and bounds checks (-Ounchecked); the runtime above them, which validates user shapes,
// keeps its checks.
// INFOSCOPE_HASWELL tells the code that it was compiled for AVX2 + FMA, so it can check the CPU.
let cpuDefines: [SwiftSetting] = cpuFlags.isEmpty ? [] : [.define("INFOSCOPE_HASWELL")]
let kernelSettings: [SwiftSetting] = [.unsafeFlags(["-Ounchecked"] + cpuFlags)] + cpuDefines
let runtimeSettings: [SwiftSetting] = [.unsafeFlags(["-O"] + cpuFlags)]

// The register kernels exist in one variant per CPU class (docs/cpu.md): each variant module
// instantiates the generic tile of KernelTiles (compiled for no CPU) with its vector width, built
// for its CPU, and KernelPath calls only the variant the running CPU supports. These flags do not
// depend on INFOSCOPE_PORTABLE: a variant is never called on a CPU that lacks its features.
#if arch(x86_64)
let avx512Flags = ["-target-cpu", "skylake-avx512"]
let avx2Flags = ["-target-cpu", "haswell"]
#else
let avx512Flags: [String] = []
let avx2Flags: [String] = []
#endif
func variantSettings(_ flags: [String]) -> [SwiftSetting] { [.unsafeFlags(["-Ounchecked"] + flags)] }

let package = Package(
    name: "Infoscope",
    products: [
        .executable(name: "infoscope", targets: ["infoscope"]),
        .executable(name: "infoscope-bench", targets: ["infoscope-bench"]),
        .library(name: "TensorRuntime", targets: ["TensorRuntime"]),
        .library(name: "Language", targets: ["Language"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // cpuid, xgetbv and the MXCSR register, which Swift cannot reach by itself.
        .target(name: "CPUSupport"),
        .target(name: "KernelTiles", swiftSettings: variantSettings([])),
        .target(name: "KernelsAVX512", dependencies: ["KernelTiles"], swiftSettings: variantSettings(avx512Flags)),
        .target(name: "KernelsAVX2", dependencies: ["KernelTiles"], swiftSettings: variantSettings(avx2Flags)),
        .target(name: "KernelsPortable", dependencies: ["KernelTiles"], swiftSettings: variantSettings([])),
        .target(name: "TensorKernels",
                dependencies: ["CPUSupport", "KernelTiles", "KernelsAVX512", "KernelsAVX2", "KernelsPortable"],
                swiftSettings: kernelSettings),
        .target(name: "TensorRuntime", dependencies: ["TensorKernels"], swiftSettings: runtimeSettings),
        // Learning runs data transforms and training loops, so it is optimised like the runtime.
        .target(name: "Learning", dependencies: ["TensorRuntime", "CZlib"],
                swiftSettings: runtimeSettings),
        .target(name: "Language", dependencies: ["Learning", "Probes"]),
        .systemLibrary(name: "CZlib", path: "Sources/CZlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CReadline", path: "Sources/CReadline",
                       providers: [.apt(["libreadline-dev"])]),
        .executableTarget(
            name: "infoscope",
            dependencies: [
                "Language", "CReadline",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        // Speed measurements against the peers (bench/run.sh); never part of the test suite.
        .executableTarget(name: "infoscope-bench", dependencies: ["TensorKernels", "TensorRuntime", "Learning", "Probes"]),
        .testTarget(name: "TensorRuntimeTests", dependencies: ["TensorRuntime", "TensorKernels"]),
        // Golden scripts and the check corpus are read from disk by path, not bundled.
        .testTarget(name: "LanguageTests", dependencies: ["Language"], exclude: ["Scripts", "CheckCorpus"]),
        // Depends on the executable so `swift test` builds it: the tests run it as a subprocess.
        .testTarget(name: "InfoscopeTests", dependencies: ["infoscope"]),
        .testTarget(name: "LearningTests", dependencies: ["Learning", "TensorRuntime", "TensorKernels"]),
        .target(name: "Probes", dependencies: ["Learning", "TensorRuntime"], swiftSettings: runtimeSettings),
        .testTarget(name: "ProbesTests", dependencies: ["Probes", "Learning", "TensorRuntime"]),
    ],
    swiftLanguageModes: [.v5]
)
