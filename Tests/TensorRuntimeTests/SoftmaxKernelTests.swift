import XCTest
import Foundation
import TensorRuntime

final class SoftmaxKernelTests: XCTestCase {
    let sizes: [(rows: Int, columns: Int)] = [(1, 1), (1, 2), (3, 7), (5, 10), (2, 97), (13, 1)]

    func testSoftmaxAndLogSoftmaxMatchDoubleReference() {
        for (i, size) in sizes.enumerated() {
            let x = seededFloats(size.rows * size.columns, seed: UInt64(i), scale: 8)
            var p = [Float](repeating: .nan, count: x.count), logp = p
            softmaxForward(rows: size.rows, columns: size.columns, input: x, output: &p)
            logSoftmaxForward(rows: size.rows, columns: size.columns, input: x, output: &logp)
            let want = referenceLogSoftmax(x.map(Double.init), size.columns)
            assertClose(p, want.map(exp), tolerance: 1e-6, "softmax \(size)")
            assertClose(logp, want, tolerance: 1e-6, "log-softmax \(size)")
        }
    }

    func testExtremeLogitsStayFinite() {
        let x: [Float] = [1000, 0, -1000, 88.8, 89, -200]
        var p = [Float](repeating: .nan, count: 6), logp = p
        softmaxForward(rows: 2, columns: 3, input: x, output: &p)
        logSoftmaxForward(rows: 2, columns: 3, input: x, output: &logp)
        XCTAssertEqual(p[0], 1)
        XCTAssertEqual(p[2], 0)
        XCTAssertEqual(logp[1], -1000)
        XCTAssertEqual(logp[2], -2000)
        XCTAssertTrue(p.allSatisfy { $0.isFinite } && logp.allSatisfy { $0.isFinite })
        let labels: [Int32] = [2, 0]
        let loss = softmaxCrossEntropyForward(rows: 2, columns: 3, logits: x, labels: labels, probabilities: nil)
        // Row 0: log-sum-exp = 1000, minus logit -1000; row 1: 89 + log(1 + e^-0.2) - 88.8.
        XCTAssertEqual(Double(loss), (2000 + 0.2 + log(1 + exp(-0.2))) / 2, accuracy: 1e-3)
    }

    func testSoftmaxBackwardsMatchFiniteDifferences() {
        let rows = 3, columns = 5
        let x = seededFloats(rows * columns, seed: 20, scale: 3)
        let dy = seededFloats(rows * columns, seed: 21)
        var p = [Float](repeating: 0, count: x.count), logp = p, dxSoft = p, dxLog = p
        softmaxForward(rows: rows, columns: columns, input: x, output: &p)
        logSoftmaxForward(rows: rows, columns: columns, input: x, output: &logp)
        softmaxBackward(rows: rows, columns: columns, output: p, outputGradient: dy, inputGradient: &dxSoft)
        logSoftmaxBackward(rows: rows, columns: columns, output: logp, outputGradient: dy, inputGradient: &dxLog)
        let xd = x.map(Double.init), dyd = dy.map(Double.init)
        func dot(_ a: [Double]) -> Double { zip(a, dyd).reduce(0) { $0 + $1.0 * $1.1 } }
        let wantSoft = xd.indices.map { finiteDifference({ dot(referenceLogSoftmax($0, columns).map(exp)) }, at: xd, coordinate: $0) }
        let wantLog = xd.indices.map { finiteDifference({ dot(referenceLogSoftmax($0, columns)) }, at: xd, coordinate: $0) }
        // Float forward outputs feed the backward formulas: about 1e-6 relative error, well under 1e-5.
        assertClose(dxSoft, wantSoft, tolerance: 1e-5, "softmax backward")
        assertClose(dxLog, wantLog, tolerance: 1e-5, "log-softmax backward")
    }

    func testCrossEntropyForwardAndBackward() {
        for (i, size) in sizes.enumerated() {
            let x = seededFloats(size.rows * size.columns, seed: UInt64(30 + i), scale: 5)
            var rng = RandomStream(seed: UInt64(40 + i))
            let labels = (0..<size.rows).map { _ in Int32(try! rng.nextInt(in: 0..<size.columns)) }
            var p = [Float](repeating: .nan, count: x.count), grad = p
            let loss = softmaxCrossEntropyForward(rows: size.rows, columns: size.columns, logits: x,
                                                  labels: labels, probabilities: &p)
            softmaxCrossEntropyBackward(rows: size.rows, columns: size.columns, probabilities: p,
                                        labels: labels, scale: 2, logitGradient: &grad)
            let xd = x.map(Double.init)
            func referenceLoss(_ z: [Double]) -> Double {
                let logp = referenceLogSoftmax(z, size.columns)
                return -(0..<size.rows).reduce(0) { $0 + logp[$1 * size.columns + Int(labels[$1])] } / Double(size.rows)
            }
            XCTAssertEqual(Double(loss), referenceLoss(xd), accuracy: 1e-5, "loss \(size)")
            assertClose(p, referenceLogSoftmax(xd, size.columns).map(exp), tolerance: 1e-6, "probabilities \(size)")
            let want = xd.indices.map { 2 * finiteDifference(referenceLoss, at: xd, coordinate: $0) }
            assertClose(grad, want, tolerance: 1e-5, "gradient \(size)")
        }
    }

    private func referenceLogSoftmax(_ x: [Double], _ columns: Int) -> [Double] {
        var out = x
        for r in 0..<(x.count / columns) {
            let row = x[(r * columns)..<((r + 1) * columns)]
            let top = row.max() ?? 0
            let shift = top + log(row.reduce(0) { $0 + exp($1 - top) })
            for j in 0..<columns { out[r * columns + j] = x[r * columns + j] - shift }
        }
        return out
    }
}
