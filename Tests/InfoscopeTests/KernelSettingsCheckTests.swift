import XCTest
import TensorKernels
@testable import infoscope

/// The start-up check: with the settings the tests run under, this machine passes it, and the main
/// thread then has the process's denormal mode; an unknown setting stops the program with status 70
/// before it runs anything. (Kernel paths: `CommandLineTests`.)
final class KernelSettingsCheckTests: XCTestCase {
    func testThisMachinePassesAndTheThreadGetsTheDenormalMode() {
        DenormalMode.apply(flush: !DenormalMode.flushes)
        XCTAssertNil(Infoscope.refuseBadKernelSettings { XCTFail("unexpected refusal: \($0)") })
        if DenormalMode.isSupported {
            XCTAssertEqual(DenormalMode.currentThreadFlushes, DenormalMode.flushes)
        }
    }

    func testAnUnknownDenormalSettingStopsTheProgram() throws {
        let result = try InfoscopeProcess.run(["-e", "print 1"], environment: ["INFOSCOPE_DENORMALS": "sometimes"])
        XCTAssertEqual(result.status, 70)
        XCTAssertEqual(result.standardOutput, "")
        XCTAssertTrue(result.standardError.contains("INFOSCOPE_DENORMALS=sometimes is not understood"),
                      result.standardError)
    }
}
