import Foundation
import XCTest
import TensorKernels

/// The build decides the speed and where the program can run: without a CPU target the
/// micro-kernel's fused multiply-adds become scalar library calls (bench/README.md measured
/// 0.6 GFLOP/s), one call from a kernel to a shared out-of-line helper could run code compiled for
/// another CPU, and code outside the kernel variants compiled for one would stop an older CPU.
/// These tests read the machine code that was actually linked into this test binary.
final class GemmBuildTests: XCTestCase {
    /// One kernel entry point, and whether no vector register may touch the stack anywhere in it
    /// or only not inside its multiply-add loop: the column kernel keeps the epilogue's alpha and
    /// beta on the stack between tiles, the direct convolution's epilogue has two row biases.
    private struct Kernel {
        var name: String
        var wholeFunction: Bool
    }

    private static func kernels(_ prefix: String, convolutions: Bool) -> [Kernel] {
        let gemm = [Kernel(name: prefix + "GemmPacked", wholeFunction: true),
                    Kernel(name: prefix + "GemmStrided", wholeFunction: true),
                    Kernel(name: prefix + "GemmColumnPacked", wholeFunction: false)]
        let direct = [Kernel(name: prefix + "ConvImage", wholeFunction: false),
                      Kernel(name: prefix + "ConvGathered", wholeFunction: false)]
        return convolutions ? gemm + direct : gemm
    }

    func testAVX512KernelsUseTwelveZmmFusedMultiplyAddsWithoutSpillsOrCalls() throws {
        try checkFusedKernels(Self.kernels("avx512", convolutions: false), register: "%zmm")
    }

    func testAVX2KernelsUseTwelveYmmFusedMultiplyAddsWithoutSpillsOrCalls() throws {
        try checkFusedKernels(Self.kernels("avx2", convolutions: true), register: "%ymm")
    }

    func testPortableKernelsAssumeNoCPUFeatures() throws {
        #if !arch(x86_64)
        throw XCTSkip("the instruction names checked here are x86_64's")
        #else
        for kernel in Self.kernels("portable", convolutions: true) {
            let lines = try disassembly(of: kernel.name)
            XCTAssertEqual(lines.filter { $0.contains("fmadd") }, [], "\(kernel.name): fused multiply-add")
            XCTAssertEqual(lines.filter { $0.contains("%ymm") || $0.contains("%zmm") || $0.contains("vex") }, [],
                           "\(kernel.name): AVX registers in code that must run on any x86-64")
            XCTAssertEqual(lines.filter { $0.contains("call") }, [], "\(kernel.name): calls (fmaf, or a shared helper)")
            // Twelve 8-wide accumulators are 24 SSE registers: 24 multiplies and 24 adds per step.
            XCTAssertGreaterThanOrEqual(lines.filter { $0.contains("mulps") }.count, 24, kernel.name)
            XCTAssertGreaterThanOrEqual(lines.filter { $0.contains("addps") }.count, 24, kernel.name)
        }
        #endif
    }

    private func checkFusedKernels(_ kernels: [Kernel], register: String) throws {
        #if !arch(x86_64)
        throw XCTSkip("vfmadd231ps is an x86_64 instruction; this is another architecture")
        #else
        for kernel in kernels {
            let lines = try disassembly(of: kernel.name)
            let fused = lines.filter { $0.contains("vfmadd") && $0.contains(register) }
            XCTAssertEqual(fused.count, 12, "\(kernel.name): expected the 12 \(register) FMAs of the tile")
            XCTAssertEqual(lines.filter { $0.contains("fmadd") }.count, 12, "\(kernel.name): other FMAs")
            let firstFMA = lines.firstIndex { $0.contains("vfmadd") } ?? 0
            let lastFMA = lines.lastIndex { $0.contains("vfmadd") } ?? lines.count - 1
            let checked = kernel.wholeFunction ? lines[...] : lines[firstFMA...lastFMA]
            let spills = checked.filter {
                ($0.contains("%ymm") || $0.contains("%zmm")) && ($0.contains("(%rsp") || $0.contains("(%rbp"))
            }
            XCTAssertEqual(spills, [], "\(kernel.name): vector registers spilled to the stack")
            XCTAssertEqual(lines.filter { $0.contains("call") }, [], "\(kernel.name): calls out of the kernel")
        }
        #endif
    }

    /// The disassembled lines of the one function whose symbol contains `name`.
    private func disassembly(of name: String) throws -> [Substring] {
        let binary = try XCTUnwrap(currentExecutablePath(), "cannot find this test binary")
        let symbols = try runTool("objdump", ["--syms", binary])
        let symbol = try XCTUnwrap(
            symbols.split(separator: "\n").compactMap { $0.split(separator: " ").last }
                .first { $0.contains(name) },
            "\(name) not found in \(binary)")
        let code = try runTool("objdump", ["-d", "--no-show-raw-insn", "--disassemble=\(symbol)", binary])
        // Only the instructions: the header lines name the symbol, which contains "Kernel".
        return code.split(separator: "\n").filter { $0.hasPrefix("  ") }
    }

    func testAVXVariantsPackBWithTheirOwnVectorInstructions() throws {
        #if !arch(x86_64)
        throw XCTSkip("the register names checked here are x86_64's")
        #else
        for (name, registers) in [("avx512GemmPackB", ["%ymm", "%zmm"]), ("avx2GemmPackB", ["%ymm"])] {
            let lines = try disassembly(of: name)
            XCTAssertTrue(lines.contains { line in registers.contains { line.contains($0) } },
                          "\(name): the 8×8 transpose should use \(registers) registers")
        }
        #endif
    }

    /// The loops moved out of the runtime into the variants (packing, the SGD step) are compiled
    /// for each variant's CPU: AVX instructions in the AVX variants, none in the portable one.
    func testVariantHelpersUseTheirOwnInstructions() throws {
        #if !arch(x86_64)
        throw XCTSkip("the instruction names checked here are x86_64's")
        #else
        for helper in ["GemmPackB", "GemmPackA", "SGDStep"] {
            for prefix in ["avx512", "avx2"] {
                let lines = try disassembly(of: prefix + helper)
                XCTAssertTrue(lines.contains(where: Self.usesAVX), "\(prefix + helper): no AVX instruction")
            }
            let portable = try disassembly(of: "portable" + helper)
            XCTAssertEqual(portable.filter(Self.usesAVX), [], "portable\(helper): AVX in code that must run on any x86-64")
        }
        #endif
    }

    /// `infoscope-bench peak` measures what it claims: each AVX variant's loop is fused
    /// multiply-adds on its own registers (a multiple of the twelve chains, as unrolled), the
    /// portable one a multiply and an add without AVX.
    func testPeakLoopsUseEachPathsArithmetic() throws {
        #if !arch(x86_64)
        throw XCTSkip("the instruction names checked here are x86_64's")
        #else
        for (name, register) in [("avx512PeakLoop", "%zmm"), ("avx2PeakLoop", "%ymm")] {
            let fused = try disassembly(of: name).filter { $0.contains("vfmadd") }
            XCTAssertTrue(!fused.isEmpty && fused.count % 12 == 0, "\(name): \(fused.count) FMAs")
            XCTAssertEqual(fused.filter { !$0.contains(register) }, [], "\(name): FMAs on other registers")
        }
        let portable = try disassembly(of: "portablePeakLoop")
        XCTAssertEqual(portable.filter(Self.usesAVX), [], "portablePeakLoop: AVX")
        XCTAssertGreaterThanOrEqual(portable.filter { $0.contains("mulps") }.count, 24)
        XCTAssertGreaterThanOrEqual(portable.filter { $0.contains("addps") }.count, 24)
        #endif
    }

    /// Only the kernel variants may be compiled for a particular CPU: every function of the other
    /// optimised modules must run on any x86-64, so none may use an AVX (VEX- or EVEX-encoded)
    /// instruction. A `-target-cpu` flag on one of these modules makes this fail.
    func testCodeOutsideTheKernelVariantsAssumesNoCPUFeatures() throws {
        #if !arch(x86_64)
        throw XCTSkip("the instruction names checked here are x86_64's")
        #else
        let binary = try XCTUnwrap(currentExecutablePath(), "cannot find this test binary")
        let code = try runTool("objdump", ["-d", "--no-show-raw-insn", binary])
        // Swift symbols start with `$s`, the module's name with its length.
        let modules = ["KernelTiles", "TensorKernels", "TensorRuntime", "Learning", "Probes"]
        let prefixes = modules.map { "<$s\($0.count)\($0)" }
        var function: Substring?
        var checked = 0
        var offending: [String: Substring] = [:]
        for line in code.split(separator: "\n") {
            if line.hasSuffix(">:") {
                function = prefixes.contains { line.contains($0) } ? line : nil
                if function != nil { checked += 1 }
            } else if let name = function, line.hasPrefix("  "), Self.usesAVX(line) {
                offending[String(name)] = offending[String(name)] ?? line
            }
        }
        XCTAssertGreaterThan(checked, 1000, "too few functions of \(modules) found in \(binary)")
        XCTAssertEqual(offending.count, 0, "AVX outside the kernel variants:\n" +
                       offending.prefix(5).map { "\($0.key)\n\($0.value)" }.joined(separator: "\n"))
        #endif
    }

    /// Whether a disassembled instruction needs AVX: a ymm or zmm register, or a `v…` mnemonic
    /// (the VEX forms that a CPU target with AVX makes the compiler use even on xmm registers).
    private static func usesAVX(_ line: Substring) -> Bool {
        if line.contains("%ymm") || line.contains("%zmm") { return true }
        let fields = line.split(separator: "\t")
        guard fields.count >= 2 else { return false }
        return fields[1].hasPrefix("v") && !fields[1].hasPrefix("verw")
    }

    private func currentExecutablePath() -> String? {
        let path = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
        return path ?? Bundle.main.executablePath
    }

    private func runTool(_ name: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [name] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw XCTSkip("cannot run \(name) (install binutils: scripts/setup.sh): \(error)")
        }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw XCTSkip("\(name) is missing or failed (install binutils: scripts/setup.sh)")
        }
        return String(decoding: data, as: UTF8.self)
    }
}
