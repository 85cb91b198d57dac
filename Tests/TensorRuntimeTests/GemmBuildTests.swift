import Foundation
import XCTest
import TensorKernels

/// The build decides the speed: without `-target-cpu haswell` the micro-kernel's multiply-adds
/// become scalar library calls (bench/README.md measured 0.6 GFLOP/s). These tests read the
/// machine code that was actually linked into this test binary.
final class GemmBuildTests: XCTestCase {
    /// Each kernel, and whether no vector register may touch the stack anywhere in it, or only
    /// not inside its multiply-add loop: the column kernel keeps the epilogue's alpha and beta
    /// vectors on the stack between tiles (reloaded once per tile, never per step).
    private static let kernels = [("gemmMicroKernelPacked", true), ("gemmMicroKernelStrided", true),
                                  ("gemmMicroKernelColumnPacked", false)]

    func testMicroKernelsUseYmmFusedMultiplyAddWithoutStackSpills() throws {
        #if !arch(x86_64)
        throw XCTSkip("vfmadd231ps is an x86_64 instruction; this is another architecture")
        #else
        guard CPUFeatures.buildRequiresAVX2AndFMA else {
            throw XCTSkip("portable build (INFOSCOPE_PORTABLE=1): the kernels are not compiled for AVX2/FMA")
        }
        let binary = try XCTUnwrap(currentExecutablePath(), "cannot find this test binary")
        let symbols = try runTool("objdump", ["--syms", binary])
        for (kernel, wholeFunction) in Self.kernels {
            let symbol = try XCTUnwrap(
                symbols.split(separator: "\n").compactMap { $0.split(separator: " ").last }
                    .first { $0.contains(kernel) },
                "\(kernel) not found in \(binary)")
            let code = try runTool("objdump", ["-d", "--no-show-raw-insn",
                                               "--disassemble=\(symbol)", binary])
            let lines = code.split(separator: "\n")
            let fused = lines.filter { $0.contains("vfmadd231ps") && $0.contains("%ymm") }
            XCTAssertEqual(fused.count, 12, "\(kernel): expected the 12 ymm FMAs of the 6×16 tile")
            let firstFMA = lines.firstIndex { $0.contains("vfmadd231ps") } ?? 0
            let lastFMA = lines.lastIndex { $0.contains("vfmadd231ps") } ?? lines.count - 1
            let checked = wholeFunction ? lines[...] : lines[firstFMA...lastFMA]
            let spills = checked.filter {
                $0.contains("%ymm") && ($0.contains("(%rsp") || $0.contains("(%rbp"))
            }
            XCTAssertEqual(spills, [], "\(kernel): vector registers spilled to the stack")
        }
        #endif
    }

    func testThisCPUCanRunThisBuild() {
        // The test is running, so the CPU executes this build's instructions: start-up must agree.
        XCTAssertNil(CPUFeatures.startupProblem())
        if CPUFeatures.buildRequiresAVX2AndFMA {
            XCTAssertTrue(CPUFeatures.current().runsAVX2Kernels)
        }
    }

    func testStartupMessageNamesWhatIsMissing() throws {
        guard CPUFeatures.buildRequiresAVX2AndFMA else {
            XCTAssertNil(CPUFeatures.startupProblem(current: CPUFeatures(hasAVX2: false, hasFMA: false)))
            return
        }
        let message = try XCTUnwrap(
            CPUFeatures.startupProblem(current: CPUFeatures(hasAVX2: true, hasFMA: false)))
        XCTAssertTrue(message.contains("lacks FMA") && message.contains("INFOSCOPE_PORTABLE=1"), message)
        XCTAssertNil(CPUFeatures.startupProblem(current: CPUFeatures(hasAVX2: true, hasFMA: true)))
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
