import XCTest
import TensorRuntime
@testable import Learning

/// Every truncation and every single-byte change of small weight files: readers must refuse or
/// read, never crash; checkpoints must refuse every one.
final class WeightFileDamageTests: XCTestCase {
    let tensors = [NamedTensor(name: "0.weight", shape: [2, 3], values: [1, 2, 3, 4, 5, 6]),
                   NamedTensor(name: "0.bias", shape: [2], values: [-1, 0.5])]

    func testCheckpointRefusesEveryTruncationAndEveryChangedByte() throws {
        let bytes = try Checkpoint(tensors: tensors, sections: ["position": [1, 2, 3]]).encode()
        XCTAssertEqual(try Checkpoint.decode(bytes, file: "c").network, tensors)
        for length in 0..<bytes.count {
            XCTAssertThrowsError(try Checkpoint.decode(Array(bytes.prefix(length)), file: "c"), "prefix \(length)")
        }
        for index in bytes.indices {
            var damaged = bytes
            damaged[index] ^= 0x5A
            XCTAssertThrowsError(try Checkpoint.decode(damaged, file: "c"), "byte \(index)")
        }
    }

    func testSafeTensorsAndNPZRefuseEveryTruncationAndSurviveChangedBytes() throws {
        let formats: [([UInt8], ([UInt8]) throws -> Void)] = [
            (try SafeTensors.encode(tensors), { _ = try SafeTensors.decode($0, file: "s") }),
            (try NPZ.encode(tensors), { _ = try NPZ.decode($0, file: "z") }),
        ]
        for (bytes, decode) in formats {
            XCTAssertNoThrow(try decode(bytes))
            for length in 0..<bytes.count {
                XCTAssertThrowsError(try decode(Array(bytes.prefix(length))), "prefix \(length)")
            }
            for index in bytes.indices {
                var damaged = bytes
                damaged[index] ^= 0x5A
                // A changed float is still a valid file; anything else must be a thrown error.
                _ = try? decode(damaged)
            }
        }
    }
}
