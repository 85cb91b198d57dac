import XCTest
import TensorKernels
@testable import TensorRuntime

/// The package's raw-buffer access: in place when the storage is the tensor's alone,
/// copy-on-write when anything else (a copy, a view, an autodiff record) shares it.
final class TensorRawAccessTests: XCTestCase {
    func address(_ tensor: Tensor<Float>) -> UnsafePointer<Float>? {
        tensor.withUnsafeScalars { $0.baseAddress }
    }

    func testUniqueStorageIsWrittenInPlace() throws {
        var t = try Tensor<Float>([1, 2, 3])
        let before = address(t)
        t.withUnsafeMutableScalars { buffer in
            for i in buffer.indices { buffer[i] *= 10 }
        }
        XCTAssertEqual(t.scalars, [10, 20, 30])
        XCTAssertEqual(address(t), before)
    }

    func testSharedStorageIsCopiedFirstAndOthersKeepTheirValues() throws {
        var t = try Tensor<Float>(shape: [2, 2], scalars: [1, 2, 3, 4])
        let copy = t
        let view = try t.reshaped([4])
        t.withUnsafeMutableScalars { $0[0] = -1 }
        XCTAssertEqual(t.scalars, [-1, 2, 3, 4])
        XCTAssertEqual(t.shape, [2, 2])
        XCTAssertEqual(copy.scalars, [1, 2, 3, 4])
        XCTAssertEqual(view.scalars, [1, 2, 3, 4])
        XCTAssertNotEqual(address(t), address(copy))
    }

    func testWritingAVariableDetachesItAndLeavesTheRecordedGraphIntact() throws {
        let x = try Tensor<Float>([1, 2]).variable()
        let y = try (x * x).sum()
        var written = x
        written.withUnsafeMutableScalars { $0[0] = 5 }
        XCTAssertFalse(written.requiresGradient)
        XCTAssertEqual(written.scalars, [5, 2])
        // The graph still differentiates at the values it recorded: d/dx Σx² = 2x at x = [1, 2].
        XCTAssertEqual(try y.gradient(withRespectTo: x).scalars, [2, 4])
    }
}
