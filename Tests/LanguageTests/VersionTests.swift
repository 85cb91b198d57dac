import XCTest
import Language

final class VersionTests: XCTestCase {
    func testVersionIsSemantic() {
        XCTAssertEqual(infoscopeVersion.split(separator: ".").count, 3)
    }
}
