import XCTest
import TensorRuntime
@testable import Learning

/// The glyphs are the quick start's dataset: a small MLP must learn them quickly, but not
/// instantly and not perfectly from the first batches.
final class GlyphLearnabilityTests: XCTestCase {
    func testSmallMLPLearnsGlyphsQuickly() throws {
        let train = try Dataset.glyphs(count: 5000, stream: RandomStream(seed: 1))
        let test = try Dataset.glyphs(count: 1000, stream: RandomStream(seed: 2))
        var net = try TinyMLP(inputs: 784, hidden: 64, classes: 10, stream: RandomStream(seed: 3))
        let batcher = try Batcher(train, batchSize: 32, stream: RandomStream(seed: 4))
        var afterFirstEpoch = 0.0
        for epoch in 0..<5 {
            for batch in batcher.epoch(epoch) { net.step(batch.features, labels: batch.labels, learningRate: 0.1) }
            let accuracy = net.accuracy(test.features, labels: test.labels)
            if epoch == 0 { afterFirstEpoch = accuracy }
            print("glyphs, MLP 784-64-10, epoch \(epoch + 1): test accuracy \(accuracy)")
        }
        let final = net.accuracy(test.features, labels: test.labels)
        XCTAssertGreaterThan(final, 0.95, "a small MLP reaches high accuracy in a few epochs")
        XCTAssertLessThan(afterFirstEpoch, 0.995, "not solved perfectly at once")
    }
}
