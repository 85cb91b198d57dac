import XCTest
@testable import TensorRuntime

/// Every primitive's gradient rule against central finite differences in Float64.
final class GradientRuleTests: XCTestCase {
    var random = TestRandom(seed: 7)

    func testArithmeticWithBroadcasting() throws {
        let pairs: [([Int], [Int])] = [([2, 3], [2, 3]), ([2, 3], [3]), ([2, 1], [1, 3]), ([], [2, 3]), ([4, 1, 3], [2, 1])]
        for (sa, sb) in pairs {
            let a = random.tensor(sa), b = random.tensor(sb, 0.5, 2)
            try gradientCheck("add \(sa) \(sb)", [a, b]) { try $0[0] + $0[1] }
            try gradientCheck("subtract \(sa) \(sb)", [a, b]) { try $0[0] - $0[1] }
            try gradientCheck("multiply \(sa) \(sb)", [a, b]) { try $0[0] * $0[1] }
            try gradientCheck("divide \(sa) \(sb)", [a, b]) { try $0[0] / $0[1] }
        }
    }

    func testPowerInBothOperands() throws {
        let base = random.tensor([2, 3], 0.5, 2), exponent = random.tensor([3], -1.5, 2)
        try gradientCheck("pow", [base, exponent]) { try $0[0].pow($0[1]) }
        try gradientCheck("pow constant", [base]) { try $0[0].pow(3) }
    }

    func testScalarArithmetic() throws {
        let x = random.tensor([3, 2], 0.5, 2)
        try gradientCheck("x + c", [x]) { try $0[0] + 2 }
        try gradientCheck("x - c", [x]) { try $0[0] - 2 }
        try gradientCheck("c - x", [x]) { try 2 - $0[0] }
        try gradientCheck("x * c", [x]) { try $0[0] * 3 }
        try gradientCheck("c * x", [x]) { try 3 * $0[0] }
        try gradientCheck("x / c", [x]) { try $0[0] / 4 }
        try gradientCheck("c / x", [x]) { try 4 / $0[0] }
    }

    func testUnaryFunctions() throws {
        let x = random.tensor([4, 3], -2, 2)
        let positive = random.tensor([4, 3], 0.2, 3)
        // Away from 0 so the kinks of abs, relu and leaky relu are not straddled by the difference.
        let offZero = try x + x.sign() * 0.1
        try gradientCheck("negate", [x]) { try -$0[0] }
        try gradientCheck("exp", [x]) { try $0[0].exp() }
        try gradientCheck("log", [positive]) { try $0[0].log() }
        try gradientCheck("sqrt", [positive]) { try $0[0].sqrt() }
        try gradientCheck("abs", [offZero]) { try $0[0].abs() }
        try gradientCheck("tanh", [x]) { try $0[0].tanh() }
        try gradientCheck("sigmoid", [x]) { try $0[0].sigmoid() }
        try gradientCheck("erf", [x]) { try $0[0].erf() }
        try gradientCheck("gelu", [x]) { try $0[0].gelu() }
        try gradientCheck("relu", [offZero]) { try $0[0].relu() }
        try gradientCheck("leakyRelu", [offZero]) { try $0[0].leakyRelu(slope: 0.1) }
        try gradientCheck("squared", [x]) { try $0[0].squared() }
    }

    func testSelect() throws {
        let condition = try Tensor<Double>(shape: [2, 1], scalars: [1, 0])
        let a = random.tensor([2, 3]), b = random.tensor([3])
        try gradientCheck("select", [a, b]) { try Tensor.select(condition, $0[0], $0[1]) }
    }

    func testReductions() throws {
        let x = random.tensor([2, 3, 4])
        for axes: [Int]? in [nil, [0], [1], [2], [0, 2], [-1]] {
            for keep in [false, true] {
                try gradientCheck("sum \(String(describing: axes)) \(keep)", [x]) { try $0[0].sum(axes: axes, keepingDims: keep) }
                try gradientCheck("mean \(String(describing: axes)) \(keep)", [x]) { try $0[0].mean(axes: axes, keepingDims: keep) }
                try gradientCheck("max \(String(describing: axes)) \(keep)", [x]) { try $0[0].max(axes: axes, keepingDims: keep) }
                try gradientCheck("logSumExp \(String(describing: axes)) \(keep)", [x]) {
                    try $0[0].logSumExp(axes: axes, keepingDims: keep)
                }
            }
        }
    }

    func testMaxSplitsTiedGradient() throws {
        let x = try Tensor<Double>([1, 3, 3]).variable()
        let g = try x.max().gradient(withRespectTo: x)
        XCTAssertEqual(g.scalars, [0, 0.5, 0.5])
    }

    func testLayout() throws {
        let x = random.tensor([2, 3, 4])
        try gradientCheck("reshape", [x]) { try $0[0].reshaped([4, -1]) }
        try gradientCheck("permute", [x]) { try $0[0].permuted([2, 0, 1]) }
        try gradientCheck("transpose", [x]) { try $0[0].transposed() }
        try gradientCheck("broadcast", [random.tensor([3, 1])]) { try $0[0].broadcast(to: [2, 3, 4]) }
        try gradientCheck("slice", [x]) { try $0[0].slice(axis: 1, start: 1, count: 2) }
        try gradientCheck("pad", [x]) { try $0[0].padded(axis: 2, before: 1, after: 2) }
        try gradientCheck("expandDims", [x]) { try $0[0].expandingDims(at: 1) }
        let y = random.tensor([2, 1, 4])
        try gradientCheck("concatenate", [x, y]) { try Tensor.concatenate([$0[0], $0[1], $0[0]], axis: 1) }
        let z = random.tensor([2, 3, 4])
        try gradientCheck("stack", [x, z]) { try Tensor.stack([$0[0], $0[1]], axis: 2) }
    }

    func testIndexing() throws {
        let x = random.tensor([4, 3])
        try gradientCheck("gatherColumns", [x]) { try $0[0].gatherColumns([2, 0, 0, 1]) }
        try gradientCheck("selectRows with repeats", [x]) { try $0[0].selectRows([3, 1, 3]) }
        try gradientCheck("scatterColumns", [random.tensor([3])]) { try $0[0].scatterColumns([1, 0, 1], width: 2) }
        try gradientCheck("addRows", [random.tensor([3, 2])]) { try $0[0].addRows([1, 0, 1], count: 2) }
    }

    func testMatmulEveryTransposeAndBatched() throws {
        for (ta, tb) in [(false, false), (false, true), (true, false), (true, true)] {
            let a = random.tensor(ta ? [4, 3] : [3, 4]), b = random.tensor(tb ? [5, 4] : [4, 5])
            try gradientCheck("matmul \(ta) \(tb)", [a, b]) { try $0[0].matmul($0[1], transposeSelf: ta, transposeOther: tb) }
            let ba = random.tensor(ta ? [2, 4, 3] : [2, 3, 4]), bb = random.tensor(tb ? [2, 5, 4] : [2, 4, 5])
            try gradientCheck("batched matmul \(ta) \(tb)", [ba, bb]) {
                try $0[0].matmul($0[1], transposeSelf: ta, transposeOther: tb)
            }
        }
    }

    func testDense() throws {
        let x = random.tensor([5, 4]), w = random.tensor([4, 3]), b = random.tensor([3])
        try gradientCheck("dense", [x, w, b]) { try Tensor.dense($0[0], weight: $0[1], bias: $0[2]) }
        try gradientCheck("dense no bias", [x, w]) { try Tensor.dense($0[0], weight: $0[1], bias: nil) }
        // With this seed no pre-activation lies within the difference step of the relu kink.
        try gradientCheck("dense relu", [x, w, b]) { try Tensor.dense($0[0], weight: $0[1], bias: $0[2], relu: true) }
    }

    /// The weight stored `[out, in]` (a network's dense layer) and read transposed by the product.
    func testDenseWithTransposedWeight() throws {
        let x = random.tensor([5, 4]), w = random.tensor([3, 4]), b = random.tensor([3])
        try gradientCheck("dense Wᵀ", [x, w, b]) { try Tensor.dense($0[0], weight: $0[1], bias: $0[2], transposeWeight: true) }
        try gradientCheck("dense Wᵀ no bias", [x, w]) { try Tensor.dense($0[0], weight: $0[1], bias: nil, transposeWeight: true) }
        try gradientCheck("dense Wᵀ relu", [x, w, b]) {
            try Tensor.dense($0[0], weight: $0[1], bias: $0[2], relu: true, transposeWeight: true)
        }
        // Only the weight, or only the input, needing a gradient takes the single-product branch.
        try gradientCheck("dense Wᵀ, weight only", [w]) { try Tensor.dense(x, weight: $0[0], bias: b, transposeWeight: true) }
        try gradientCheck("dense Wᵀ, input only", [x]) { try Tensor.dense($0[0], weight: w, bias: b, transposeWeight: true) }
    }

    func testSoftmaxCrossEntropyAndSoftmax() throws {
        let logits = random.tensor([4, 5], -3, 3)
        try gradientCheck("softmaxCrossEntropy", [logits]) { try Tensor.softmaxCrossEntropy(logits: $0[0], labels: [0, 4, 2, 2]) }
        try gradientCheck("softmax", [logits]) { try $0[0].softmax(axis: 1) }
        try gradientCheck("logSoftmax axis 0", [logits]) { try $0[0].logSoftmax(axis: 0) }
    }

    func testGradientsAccumulateOverPaths() throws {
        let x = random.tensor([3])
        try gradientCheck("x*x + exp(x)*x", [x]) { try $0[0] * $0[0] + $0[0].exp() * $0[0] }
        let v = try Tensor<Double>([1, 2]).variable()
        let g = try ((v * v).sum() + (v * 3).sum()).gradient(withRespectTo: v)
        XCTAssertEqual(g.scalars, [5, 7])
    }

    func testGradientWithRespectToIntermediateAndUnusedTargets() throws {
        let x = try Tensor<Double>([1, 2]).variable()
        let y = try x * 3
        let unused = try Tensor<Double>([5]).variable()
        let grads = try (y * y).sum().gradients(withRespectTo: [y, x, unused])
        XCTAssertEqual(grads[0].scalars, [6, 12])
        XCTAssertEqual(grads[1].scalars, [18, 36])
        XCTAssertEqual(grads[2].scalars, [0])
    }
}
