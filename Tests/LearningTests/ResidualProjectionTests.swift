import XCTest
import TensorRuntime
@testable import Learning

/// Projection strides of residual blocks.
final class ResidualProjectionTests: XCTestCase {
    func testProjectionStrideMatchesTheBody() throws {
        for (size, stride, expected) in [(4, 2, 2), (5, 2, 2), (7, 3, 3), (6, 1, 1)] {
            let net = try LayerTestSupport.built(
                [Layers.residual([Layers.conv2d(3, kernel: 3, stride: stride, padding: 1)])], [2, size, size])
            let projection = try XCTUnwrap((net.layers[0] as? ResidualBlock)?.projection as? ConvolutionLayer)
            XCTAssertEqual(projection.stride, expected, "size \(size), body stride \(stride)")
        }
        let message = LayerTestSupport.errorMessage {
            _ = try LayerTestSupport.built([Layers.residual([Layers.conv2d(2, kernel: 1), Layers.maxPool(2, stride: 1)])], [2, 3, 5])
        }
        XCTAssertEqual(message, "layer 1 (residual): cannot add the body's output [2, 2, 4] to the input [2, 3, 5]: "
                        + "no strided 1×1 projection maps one to the other")
    }
}
