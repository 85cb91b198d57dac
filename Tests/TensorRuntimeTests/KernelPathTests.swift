import XCTest
import TensorKernels

/// Choosing the kernel path: the widest the CPU runs, or the one `INFOSCOPE_KERNELS` names when
/// the CPU can run it; anything else is refused with a message that says why.
final class KernelPathTests: XCTestCase {
    private let zen3 = CPUFeatures(hasAVX2: true, hasFMA: true)
    private let zen4 = CPUFeatures(hasAVX2: true, hasFMA: true, hasAVX512F: true, hasAVX512BW: true,
                                   hasAVX512VL: true)
    private let old = CPUFeatures(hasAVX2: false, hasFMA: false)

    func testTheWidestSupportedPathIsTheDefault() throws {
        XCTAssertEqual(try KernelPath.choose(requested: nil, features: zen4), .avx512)
        XCTAssertEqual(try KernelPath.choose(requested: nil, features: zen3), .avx2)
        XCTAssertEqual(try KernelPath.choose(requested: nil, features: old), .portable)
        XCTAssertEqual(KernelPath.supported(by: zen4), [.avx512, .avx2, .portable])
        XCTAssertEqual(KernelPath.supported(by: old), [.portable])
    }

    func testANarrowerPathCanBeForced() throws {
        XCTAssertEqual(try KernelPath.choose(requested: "avx2", features: zen4), .avx2)
        XCTAssertEqual(try KernelPath.choose(requested: "portable", features: zen3), .portable)
    }

    func testAPathTheCPULacksIsRefused() {
        XCTAssertThrowsError(try KernelPath.choose(requested: "avx512", features: zen3)) { error in
            let message = (error as? KernelPathRefusal)?.message ?? ""
            XCTAssertTrue(message.contains("lacks AVX-512"), message)
            XCTAssertTrue(message.contains("it runs avx2, portable"), message)
        }
        XCTAssertThrowsError(try KernelPath.choose(requested: "avx2", features: old))
    }

    func testAnUnknownNameIsRefused() {
        XCTAssertThrowsError(try KernelPath.choose(requested: "AVX512", features: zen4)) { error in
            let message = (error as? KernelPathRefusal)?.message ?? ""
            XCTAssertTrue(message.contains("avx512, avx2, portable"), message)
        }
    }

    func testTheActivePathRunsOnThisCPU() {
        XCTAssertTrue(KernelPath.active.runs(on: .current()))
        XCTAssertTrue(KernelPath.supported().contains(KernelPath.active))
    }
}
