import Foundation
import TensorRuntime

/// A one-hidden-layer ReLU network trained by plain SGD on the packed GEMM, only to check in
/// tests that a dataset is learnable; the real layers and trainer live elsewhere in Learning.
struct TinyMLP {
    let inputs: Int, hidden: Int, classes: Int
    var w1: [Float], b1: [Float], w2: [Float], b2: [Float]

    init(inputs: Int, hidden: Int, classes: Int, stream: RandomStream) throws {
        self.inputs = inputs
        self.hidden = hidden
        self.classes = classes
        var g = stream
        // He initialisation keeps ReLU activations at a stable scale.
        w1 = [Float](repeating: 0, count: inputs * hidden)
        w2 = [Float](repeating: 0, count: hidden * classes)
        try w1.withUnsafeMutableBufferPointer {
            try g.fillNormal($0, standardDeviation: (2 / Float(inputs)).squareRoot())
        }
        try w2.withUnsafeMutableBufferPointer {
            try g.fillNormal($0, standardDeviation: (2 / Float(hidden)).squareRoot())
        }
        b1 = [Float](repeating: 0, count: hidden)
        b2 = [Float](repeating: 0, count: classes)
    }

    /// Hidden activations and logits for a batch of `rows` inputs.
    func forward(_ x: [Float], rows: Int) -> (hidden: [Float], logits: [Float]) {
        var h = [Float](repeating: 0, count: rows * hidden)
        var z = [Float](repeating: 0, count: rows * classes)
        gemm(transA: .none, transB: .none, m: rows, n: hidden, k: inputs, alpha: 1, a: x, lda: inputs,
             b: w1, ldb: hidden, beta: 0, c: &h, ldc: hidden, bias: b1, activation: .relu)
        gemm(transA: .none, transB: .none, m: rows, n: classes, k: hidden, alpha: 1, a: h, lda: hidden,
             b: w2, ldb: classes, beta: 0, c: &z, ldc: classes, bias: b2)
        return (h, z)
    }

    /// One SGD step on the mean cross-entropy of the batch.
    mutating func step(_ x: [Float], labels: [Int32], learningRate lr: Float) {
        let rows = labels.count
        let (h, logits) = forward(x, rows: rows)
        var z = logits
        // z becomes dL/dz = (softmax − one-hot) / rows.
        for r in 0..<rows {
            let row = r * classes
            let top = z[row..<(row + classes)].max() ?? 0
            var total: Float = 0
            for c in 0..<classes { z[row + c] = Float(exp(Double(z[row + c] - top))); total += z[row + c] }
            for c in 0..<classes { z[row + c] /= total * Float(rows) }
            z[row + Int(labels[r])] -= 1 / Float(rows)
        }
        var dh = [Float](repeating: 0, count: rows * hidden)
        gemm(transA: .none, transB: .transposed, m: rows, n: hidden, k: classes, alpha: 1, a: z, lda: classes,
             b: w2, ldb: classes, beta: 0, c: &dh, ldc: hidden)
        for i in dh.indices where h[i] <= 0 { dh[i] = 0 }
        for r in 0..<rows {
            for c in 0..<classes { b2[c] -= lr * z[r * classes + c] }
            for j in 0..<hidden { b1[j] -= lr * dh[r * hidden + j] }
        }
        // W ← W − lr · (input)ᵀ · gradient, with beta = 1 accumulating into W.
        gemm(transA: .transposed, transB: .none, m: hidden, n: classes, k: rows, alpha: -lr, a: h, lda: hidden,
             b: z, ldb: classes, beta: 1, c: &w2, ldc: classes)
        gemm(transA: .transposed, transB: .none, m: inputs, n: hidden, k: rows, alpha: -lr, a: x, lda: inputs,
             b: dh, ldb: hidden, beta: 1, c: &w1, ldc: hidden)
    }

    /// The fraction of samples whose largest logit is at their label.
    func accuracy(_ x: [Float], labels: [Int32]) -> Double {
        let z = forward(x, rows: labels.count).logits
        var right = 0
        for r in labels.indices {
            let row = Array(z[(r * classes)..<((r + 1) * classes)])
            if row.firstIndex(of: row.max() ?? 0) == Int(labels[r]) { right += 1 }
        }
        return Double(right) / Double(labels.count)
    }
}
