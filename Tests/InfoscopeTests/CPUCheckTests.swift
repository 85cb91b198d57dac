import XCTest
import TensorKernels
@testable import infoscope

/// The start-up CPU check: a Haswell build refuses a CPU without AVX2 or FMA with status 70 and a
/// message naming what is missing; a capable CPU (and a portable build) runs.
final class CPUCheckTests: XCTestCase {
    func testCapableCPURunsAndLackingOneStopsWithStatus70() {
        var messages: [String] = []
        XCTAssertNil(Infoscope.refuseUnsupportedCPU(CPUFeatures(hasAVX2: true, hasFMA: true)) { messages.append($0) })
        XCTAssertEqual(messages, [])
        let status = Infoscope.refuseUnsupportedCPU(CPUFeatures(hasAVX2: true, hasFMA: false)) { messages.append($0) }
        if CPUFeatures.buildRequiresAVX2AndFMA {
            XCTAssertEqual(status, 70)
            XCTAssertEqual(messages.count, 1)
            XCTAssertTrue(messages[0].contains("FMA"), messages[0])
            XCTAssertTrue(messages[0].contains("INFOSCOPE_PORTABLE=1"), messages[0])
        } else {
            XCTAssertNil(status)
            XCTAssertEqual(messages, [])
        }
    }

    func testThisMachineRunsTheBuild() {
        XCTAssertNil(Infoscope.refuseUnsupportedCPU { XCTFail("unexpected refusal: \($0)") })
    }
}
