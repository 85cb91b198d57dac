// swift-tools-version: 6.1
import PackageDescription

// Kernels and the runtime are optimised even in debug builds, so `swift test` runs numerics at
// full speed while the rest of the package keeps fast debug compiles. Raw-buffer kernels drop
// overflow and bounds checks (-Ounchecked); the runtime above them, which validates user shapes,
// keeps its checks. None of these modules is compiled for a particular CPU, so the binary starts
// on any x86-64 (or arm64) and never meets an instruction its CPU lacks outside the variants below.
let kernelSettings: [SwiftSetting] = [.unsafeFlags(["-Ounchecked"])]
let runtimeSettings: [SwiftSetting] = [.unsafeFlags(["-O"])]

// The register kernels and the packing of `B` exist in one variant per CPU class (docs/cpu.md):
// each variant module instantiates the generic code of KernelTiles (compiled for no CPU) with its
// vector width, built for its CPU, and KernelPath calls only the variant the running CPU supports.
// These are the only modules built for a specific CPU: without the flag, `SIMD8.addingProduct`
// becomes eight scalar `fmaf` calls (about 0.6 GFLOP/s, bench/README.md).
#if arch(x86_64)
let avx512Flags = ["-target-cpu", "skylake-avx512"]
let avx2Flags = ["-target-cpu", "haswell"]
#else
let avx512Flags: [String] = []
let avx2Flags: [String] = []
#endif
// `-fno-math-errno` lets `squareRoot()` be the CPU's square root, which vectorises (Adam's
// step); with errno kept it is a checked call to libm per element. The results are the same.
func variantSettings(_ flags: [String]) -> [SwiftSetting] { [.unsafeFlags(["-Ounchecked", "-Xcc", "-fno-math-errno"] + flags)] }

let package = Package(
    name: "Infoscope",
    products: [
        .executable(name: "infoscope", targets: ["infoscope"]),
        .executable(name: "infoscope-bench", targets: ["infoscope-bench"]),
        .library(name: "TensorRuntime", targets: ["TensorRuntime"]),
        .library(name: "Language", targets: ["Language"]),
    ],
    // Open MPI is optional: `swift build --traits MPI` links it (docs/distributed.md); the default
    // build needs no MPI installed and runs as a single process.
    traits: [
        .trait(name: "MPI", description: "Data-parallel training and probes across processes on Open MPI."),
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
        .target(name: "TensorRuntime", dependencies: ["TensorKernels", "KernelTiles"], swiftSettings: runtimeSettings),
        // Learning runs data transforms and training loops, so it is optimised like the runtime.
        .target(name: "Learning", dependencies: ["TensorRuntime", "CZlib"],
                swiftSettings: runtimeSettings),
        .target(name: "Language", dependencies: ["Learning", "Probes"]),
        .systemLibrary(name: "CZlib", path: "Sources/CZlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CReadline", path: "Sources/CReadline",
                       providers: [.apt(["libreadline-dev"])]),
        // Open MPI's C interface, for the MPI process group of the command line
        // (Sources/infoscope/Parallel, docs/distributed.md); used only with the MPI trait.
        .systemLibrary(name: "CMPI", path: "Sources/CMPI", pkgConfig: "ompi-c",
                       providers: [.apt(["libopenmpi-dev", "openmpi-bin"])]),
        .executableTarget(
            name: "infoscope",
            dependencies: [
                "Language", "CReadline",
                .target(name: "CMPI", condition: .when(traits: ["MPI"])),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        // Speed measurements against the peers (bench/run.sh); never part of the test suite.
        .executableTarget(name: "infoscope-bench", dependencies: ["TensorKernels", "TensorRuntime", "Learning", "Probes"]),
        .testTarget(name: "TensorRuntimeTests", dependencies: ["TensorRuntime", "TensorKernels", "KernelTiles"]),
        // Golden scripts and the check corpus are read from disk by path, not bundled.
        .testTarget(name: "LanguageTests", dependencies: ["Language"], exclude: ["Scripts", "CheckCorpus"]),
        // Depends on the executable so `swift test` builds it: the tests run it as a subprocess.
        .testTarget(name: "InfoscopeTests", dependencies: ["infoscope"]),
        .testTarget(name: "LearningTests", dependencies: ["Learning", "TensorRuntime", "TensorKernels"]),
        .target(name: "Probes", dependencies: ["Learning", "TensorRuntime", "KernelTiles"], swiftSettings: runtimeSettings),
        .testTarget(name: "ProbesTests", dependencies: ["Probes", "Learning", "TensorRuntime", "TensorKernels"]),
    ],
    swiftLanguageModes: [.v5]
)
