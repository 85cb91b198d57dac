import Foundation
import XCTest
import TensorKernels

/// `cpuid`-based detection against what the operating system reports, and the CPU's name.
final class CPUDetectionTests: XCTestCase {
    /// Linux lists a feature in /proc/cpuinfo only when the CPU has it and the kernel saves its
    /// registers, which is exactly what `CPUFeatures` checks with cpuid and XCR0.
    func testFeaturesAgreeWithTheKernelsFlagsLine() throws {
        #if !arch(x86_64)
        XCTAssertEqual(CPUFeatures.current(), CPUFeatures(hasAVX2: false, hasFMA: false))
        #else
        guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else {
            throw XCTSkip("no /proc/cpuinfo on this system")
        }
        let flagsLine = try XCTUnwrap(text.split(separator: "\n").first { $0.hasPrefix("flags") })
        let flags = Set(flagsLine.split(separator: ":", maxSplits: 1)[1].split(separator: " ").map(String.init))
        let features = CPUFeatures.current()
        XCTAssertEqual(features.hasAVX2, flags.contains("avx2"))
        XCTAssertEqual(features.hasFMA, flags.contains("fma"))
        XCTAssertEqual(features.hasAVX512F, flags.contains("avx512f"))
        XCTAssertEqual(features.hasAVX512BW, flags.contains("avx512bw"))
        XCTAssertEqual(features.hasAVX512VL, flags.contains("avx512vl"))
        #endif
    }

    func testBrandStringIsTrimmedText() throws {
        #if arch(x86_64)
        let brand = try XCTUnwrap(CPUModel.brandString, "every x86-64 CPU since 2004 has a brand string")
        XCTAssertFalse(brand.isEmpty)
        XCTAssertEqual(brand, brand.trimmingCharacters(in: .whitespaces))
        XCTAssertFalse(brand.contains("\0"))
        XCTAssertEqual(CPUModel.name, brand)
        #endif
    }

    func testCacheSizesAreReadFromSysfs() throws {
        let caches = CPUModel.caches
        try XCTSkipIf(caches.level1Data == nil, "this system does not report caches in sysfs")
        let l1 = try XCTUnwrap(caches.level1Data)
        XCTAssertTrue((8 << 10)...(1 << 20) ~= l1, "L1d of \(l1) bytes")
        if let l2 = caches.level2 { XCTAssertGreaterThan(l2, l1) }
    }

    func testRunningTheWideKernelsNeedsEveryPartOfTheirBaseline() {
        let all = CPUFeatures(hasAVX2: true, hasFMA: true, hasAVX512F: true, hasAVX512BW: true, hasAVX512VL: true)
        XCTAssertTrue(all.runsAVX512Kernels && all.runsAVX2Kernels)
        var noVL = all
        noVL.hasAVX512VL = false
        XCTAssertFalse(noVL.runsAVX512Kernels)
        XCTAssertTrue(noVL.runsAVX2Kernels)
        XCTAssertFalse(CPUFeatures(hasAVX2: true, hasFMA: false).runsAVX2Kernels)
    }
}
