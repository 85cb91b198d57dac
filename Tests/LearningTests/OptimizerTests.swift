import XCTest
import TensorKernels
import TensorRuntime
@testable import Learning

/// Each optimizer on w = [1, −2] with fixed gradients g₁ = [0.5, −1], g₂ = [0.25, 0.5], g₃ = [−1, 2].
/// Expected values are worked out from the update equations in each optimizer's documentation
/// (PyTorch's conventions; they agree with torch.optim 2.13 to the digits written). Float32
/// arithmetic over three steps stays within a few ulps of these, so 1e-6 is a safe tolerance.
final class OptimizerTests: XCTestCase {
    let steps: [[Float]] = [[0.5, -1], [0.25, 0.5], [-1, 2]]
    let tolerance: Float = 1e-6

    func trajectory(_ optimizer: Optimizer, count: Int = 3) throws -> [[Float]] {
        let parameter = Parameter(name: "w", value: try Tensor<Float>([1, -2]))
        var result: [[Float]] = []
        for gradient in steps.prefix(count) {
            try optimizer.update([parameter], gradients: [try Tensor<Float>(gradient)])
            result.append(parameter.value.scalars)
        }
        return result
    }

    func assertTrajectory(_ actual: [[Float]], _ expected: [[Float]], file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(actual.count, expected.count, file: file, line: line)
        for (a, e) in zip(actual, expected) {
            for (x, y) in zip(a, e) { XCTAssertEqual(x, y, accuracy: tolerance, "\(actual)", file: file, line: line) }
        }
    }

    func testPlainSGDStepsAgainstTheGradient() throws {
        // w = w − 0.1 g
        assertTrajectory(try trajectory(try SGD(learningRate: 0.1)), [[0.95, -1.9], [0.925, -1.95], [1.025, -2.15]])
    }

    func testSGDMomentumStartsTheBufferAtTheFirstGradient() throws {
        // b₁ = g₁ = [0.5, −1]; b₂ = 0.9 b₁ + g₂ = [0.7, −0.4]; b₃ = 0.9 b₂ + g₃ = [−0.37, 1.64]
        assertTrajectory(try trajectory(try SGD(learningRate: 0.1, momentum: 0.9)),
                         [[0.95, -1.9], [0.88, -1.86], [0.917, -2.024]])
    }

    func testSGDNesterovStepsAlongGradientPlusMomentumBuffer() throws {
        // d₁ = g₁ + 0.9 b₁ = [0.95, −1.9]; d₂ = g₂ + 0.9 [0.7, −0.4] = [0.88, 0.14];
        // d₃ = g₃ + 0.9 [−0.37, 1.64] = [−1.333, 3.476]
        assertTrajectory(try trajectory(try SGD(learningRate: 0.1, momentum: 0.9, nesterov: true)),
                         [[0.905, -1.81], [0.817, -1.824], [0.9503, -2.1716]])
    }

    func testSGDWeightDecayAddsLambdaTimesWeightToTheGradient() throws {
        // g₁' = g₁ + 0.1 [1, −2] = [0.6, −1.2]; g₂' = g₂ + 0.1 [0.94, −1.88] = [0.344, 0.312]
        assertTrajectory(try trajectory(try SGD(learningRate: 0.1, weightDecay: 0.1)),
                         [[0.94, -1.88], [0.9056, -1.9112], [0.996544, -2.092088]])
        assertTrajectory(try trajectory(try SGD(learningRate: 0.1, momentum: 0.9, weightDecay: 0.1)),
                         [[0.94, -1.88], [0.8516, -1.8032], [0.863524, -1.916048]])
    }

    func testAdamBiasCorrectsBothMoments() throws {
        // Step 1: m̂ = g, v̂ = g², so w moves by lr·sign(g) (ε shifts it by ~1e-9).
        // Step 2: m = [0.07, −0.04], v = [3.1225e-4, 1.249e-3], m̂ = m/0.19, v̂ = v/0.001999.
        assertTrajectory(try trajectory(try Adam(learningRate: 0.1)),
                         [[0.9, -1.9], [0.80678204, -1.873366297], [0.827417743, -1.919099476]])
    }

    func testAdamL2DecayEntersTheMoments() throws {
        assertTrajectory(try trajectory(try Adam(learningRate: 0.1, weightDecay: 0.1)),
                         [[0.9, -1.9], [0.805009766, -1.853747265], [0.812098261, -1.886363116]])
    }

    func testAdamWShrinksWeightsBeforeTheAdamStep() throws {
        // Step 1: w = [1, −2]·(1 − 0.1·0.1) = [0.99, −1.98], then −0.1·sign(g) = [0.89, −1.88].
        assertTrajectory(try trajectory(try AdamW(learningRate: 0.1, weightDecay: 0.1)),
                         [[0.89, -1.88], [0.78788204, -1.834566297], [0.800638922, -1.861953813]])
    }

    func testExportedStateResumesTheSameTrajectory() throws {
        for make in [{ try SGD(learningRate: 0.1, momentum: 0.9, nesterov: true) as Optimizer },
                     { try Adam(learningRate: 0.1, weightDecay: 0.1) }, { try AdamW(learningRate: 0.1) }] {
            let straight = try trajectory(try make())
            let first = try make()
            let parameter = Parameter(name: "w", value: try Tensor<Float>([1, -2]))
            try first.update([parameter], gradients: [try Tensor<Float>(steps[0])])
            let saved = try first.exportState()
            let second = try make()
            try second.importState(saved)
            for gradient in steps.dropFirst() {
                try second.update([parameter], gradients: [try Tensor<Float>(gradient)])
            }
            XCTAssertEqual(parameter.value.scalars.map(\.bitPattern), straight[2].map(\.bitPattern))
        }
    }

    func testStateNamesMomentsByParameterWithItsShape() throws {
        let adam = try Adam(learningRate: 0.1)
        let parameter = Parameter(name: "0.weight", value: try Tensor<Float>.zeros([2, 3]))
        try adam.update([parameter], gradients: [try Tensor<Float>.ones([2, 3])])
        let state = try adam.exportState()
        XCTAssertEqual(Set(state.tensors.keys), ["0.weight.adam_m", "0.weight.adam_v"])
        XCTAssertEqual(state.tensors["0.weight.adam_m"]?.shape, [2, 3])
        XCTAssertEqual(state.integers, ["0.weight.adam_step": 1])
    }

    func testImportRefusesForeignOrMisfittingState() throws {
        let sgd = try SGD(learningRate: 0.1, momentum: 0.9)
        XCTAssertThrowsError(try sgd.importState(StateRecord(tensors: ["w.adam_m": try Tensor<Float>([1])]))) {
            XCTAssertTrue("\($0)".contains("'w.adam_m'"), "\($0)")
        }
        try sgd.importState(StateRecord(tensors: ["w.momentum": try Tensor<Float>([1, 2, 3])]))
        let parameter = Parameter(name: "w", value: try Tensor<Float>([1, -2]))
        XCTAssertThrowsError(try sgd.update([parameter], gradients: [try Tensor<Float>([1, 1])])) {
            XCTAssertTrue("\($0)".contains("momentum buffer of 'w' holds 3 values, the parameter has 2"), "\($0)")
        }
    }

    func testBadSettingsAndMismatchedGradientsAreNamed() throws {
        XCTAssertThrowsError(try SGD(learningRate: -1)) { XCTAssertTrue("\($0)".contains("sgd: learning rate"), "\($0)") }
        XCTAssertThrowsError(try SGD(learningRate: 0.1, nesterov: true)) { XCTAssertTrue("\($0)".contains("nesterov"), "\($0)") }
        XCTAssertThrowsError(try Adam(beta1: 1)) { XCTAssertTrue("\($0)".contains("beta1"), "\($0)") }
        let parameter = Parameter(name: "w", value: try Tensor<Float>([1, -2]))
        XCTAssertThrowsError(try SGD(learningRate: 0.1).update([parameter], gradients: [try Tensor<Float>([1])])) {
            XCTAssertTrue("\($0)".contains("gradient of 'w' has shape [1], parameter has [2]"), "\($0)")
        }
        XCTAssertThrowsError(try SGD(learningRate: 0.1).update([parameter], gradients: [])) {
            XCTAssertTrue("\($0)".contains("1 parameters but 0 gradients"), "\($0)")
        }
    }

    func testUntrainableParametersAreLeftAlone() throws {
        let frozen = Parameter(name: "mean", value: try Tensor<Float>([3]), isTrainable: false)
        try SGD(learningRate: 1).update([frozen], gradients: [try Tensor<Float>([1])])
        XCTAssertEqual(frozen.value.scalars, [3])
    }

    func testGlobalNormClippingScalesAllGradientsTogether() throws {
        // ‖([3], [4])‖ = 5 > 1: scale 1 / (5 + 1e-6).
        let clipped = try GradientClipping.globalNorm(1).apply([try Tensor<Float>([3]), try Tensor<Float>([4])])
        XCTAssertEqual(clipped[0].scalars[0], 0.6, accuracy: 1e-6)
        XCTAssertEqual(clipped[1].scalars[0], 0.8, accuracy: 1e-6)
        let untouched = try GradientClipping.globalNorm(10).apply([try Tensor<Float>([3, 4])])
        XCTAssertEqual(untouched[0].scalars, [3, 4])
    }

    func testValueClippingClampsEachComponent() throws {
        let clipped = try GradientClipping.value(0.5).apply([try Tensor<Float>([-2, 0.25, 0.7])])
        XCTAssertEqual(clipped[0].scalars, [-0.5, 0.25, 0.5])
        XCTAssertThrowsError(try GradientClipping.value(0).validate())
    }

    func testParallelUpdatesMatchSerialOnesBitForBit() throws {
        // Parameters update on the pool's threads, largest first; results must not depend on it.
        func run(_ pool: WorkerPool?, _ make: () throws -> Optimizer) throws -> [[UInt32]] {
            try updatedBits(shapes: [[50, 40], [40], [40, 3], [3]], seed: 4, pool: pool, make)
        }
        for make in [{ try SGD(learningRate: 0.1, momentum: 0.9, weightDecay: 0.01) as Optimizer },
                     { try Adam(learningRate: 0.01) }, { try AdamW(learningRate: 0.01) }] {
            XCTAssertEqual(try run(nil, make), try run(WorkerPool(threadCount: 2), make))
        }
    }

    func testChunkedInPlaceUpdatesAreBitIdenticalForEveryThreadCount() throws {
        // 181×200 = 36,200 elements: three chunks, the last one short.
        XCTAssertGreaterThan(181 * 200, 2 * TensorThreading.chunkSize)
        func run(_ pool: WorkerPool?, _ make: () throws -> Optimizer) throws -> [[UInt32]] {
            try updatedBits(shapes: [[181, 200], [200], [7]], seed: 9, pool: pool, make)
        }
        let makers: [() throws -> Optimizer] = [
            { try SGD(learningRate: 0.1) }, { try SGD(learningRate: 0.1, momentum: 0.9, weightDecay: 0.01) },
            { try SGD(learningRate: 0.1, momentum: 0.9, nesterov: true) },
            { try Adam(learningRate: 0.01, weightDecay: 0.1) }, { try AdamW(learningRate: 0.01) },
        ]
        for make in makers {
            let serial = try run(nil, make)
            for threads in 1...3 {
                XCTAssertEqual(try run(WorkerPool(threadCount: threads), make), serial, "\(threads) threads")
            }
        }
    }

    func testUpdatesWriteInPlaceButNeverIntoAValueSomeoneKept() throws {
        let parameter = Parameter(name: "w", value: try Tensor<Float>([1, -2]))
        let address = { parameter.value.withUnsafeScalars { $0.baseAddress } }
        let optimizer = try SGD(learningRate: 0.5, momentum: 0.9)
        try optimizer.update([parameter], gradients: [try Tensor<Float>([1, 1])])
        let before = address()
        try optimizer.update([parameter], gradients: [try Tensor<Float>([1, 1])])
        XCTAssertEqual(address(), before, "a value only the parameter holds is updated in place")
        let kept = parameter.value
        try optimizer.update([parameter], gradients: [try Tensor<Float>([1, 1])])
        // The kept value is the one after the second step: w = [1, −2] − 0.5·[1, 1] − 0.5·[1.9, 1.9].
        XCTAssertEqual(kept.scalars[0], -0.45, accuracy: 1e-6)
        XCTAssertEqual(kept.scalars[1], -3.45, accuracy: 1e-6)
        XCTAssertNotEqual(parameter.value.scalars, kept.scalars)
    }

    /// Parameters of `shapes` (normal values from `seed`) after three updates with random
    /// gradients on `pool`, as bit patterns, so runs can be compared bit for bit.
    private func updatedBits(shapes: [[Int]], seed: UInt64, pool: WorkerPool?,
                             _ make: () throws -> Optimizer) throws -> [[UInt32]] {
        var random = RandomStream(seed: seed)
        let parameters = try shapes.enumerated().map {
            Parameter(name: "p\($0.offset)", value: try Tensor<Float>.normal($0.element, using: &random))
        }
        let optimizer = try make()
        try TensorThreading.withPool(pool) {
            for _ in 0..<3 {
                let gradients = try parameters.map { try Tensor<Float>.normal($0.shape, using: &random) }
                try optimizer.update(parameters, gradients: gradients)
            }
        }
        return parameters.map { $0.value.scalars.map(\.bitPattern) }
    }
}
