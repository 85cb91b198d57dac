import XCTest
import TensorRuntime
@testable import Learning

final class ParameterTests: XCTestCase {
    func testAssignKeepsShapeAndDetaches() throws {
        let parameter = Parameter(name: "0.weight", value: try Tensor<Float>.zeros([2, 3]))
        let replacement = try Tensor<Float>(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6]).variable()
        try parameter.assign(replacement)
        XCTAssertEqual(parameter.value.scalars, [1, 2, 3, 4, 5, 6])
        XCTAssertEqual(parameter.shape, [2, 3])
    }

    func testAssignRefusesAnotherShape() throws {
        let parameter = Parameter(name: "0.bias", value: try Tensor<Float>.zeros([3]))
        XCTAssertThrowsError(try parameter.assign(try Tensor<Float>.zeros([4]))) { error in
            XCTAssertTrue("\(error)".contains("expected shape [3], got [4]"), "\(error)")
        }
        XCTAssertEqual(parameter.shape, [3])
    }
}
