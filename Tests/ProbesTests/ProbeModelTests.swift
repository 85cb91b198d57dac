import XCTest
import TensorRuntime
@testable import Probes

/// The model seam's checks and every result's exports.
final class ProbeModelTests: XCTestCase {
    func testDeclaredInputShapeIsCheckedBeforeWork() throws {
        let w = try Tensor<Double>.zeros([3, 2])
        let model = try ProbeModel<Double>(layers: [("fc", [("fc.weight", w)])], output: .softmax, inputShape: [3]) { p, x in
            ProbeForward(logits: try Tensor.dense(x, weight: p[0], bias: nil))
        }
        let data = try ProbeData(inputs: Tensor<Double>.zeros([2, 4]), labels: [0, 1])
        XCTAssertThrowsError(try FisherProbe.estimate(model, on: data, estimator: .exact)) {
            XCTAssertEqual("\($0)", "fisher_trace: the model takes inputs of shape [3] per sample; the data's are [4]")
        }
    }

    func testNonFiniteLogitsAreRefused() throws {
        let w = try Tensor<Double>(shape: [1, 2], scalars: [.nan, 0])
        let model = try ProbeModel<Double>(layers: [("fc", [("fc.weight", w)])], output: .softmax) { p, x in
            ProbeForward(logits: try Tensor.dense(x, weight: p[0], bias: nil))
        }
        let data = try ProbeData(inputs: Tensor<Double>.ones([2, 1]), labels: [0, 1])
        XCTAssertThrowsError(try FisherProbe.estimate(model, on: data, estimator: .exact)) {
            XCTAssertTrue("\($0)".contains("not finite"), "\($0)")
        }
    }

    func testModelRefusesDuplicateLayersAndBadBernoulliShape() throws {
        let w = try Tensor<Double>.zeros([2, 1])
        XCTAssertThrowsError(try ProbeModel<Double>(layers: [("a", [("a.w", w)]), ("a", [("a.v", w)])], output: .softmax) { _, x in ProbeForward(logits: x) })
        let wide = try ProbeModel<Double>(layers: [("a", [("a.w", try Tensor<Double>.zeros([2, 3]))])], output: .bernoulli) { p, x in
            ProbeForward(logits: try Tensor.dense(x, weight: p[0], bias: nil))
        }
        let data = try ProbeData(inputs: Tensor<Double>.ones([2, 2]), labels: [0, 1])
        XCTAssertThrowsError(try FisherProbe.estimate(wide, on: data, estimator: .exact)) {
            XCTAssertTrue("\($0)".contains("one logit per sample"), "\($0)")
        }
    }

    func testEveryResultExportsParseableJSONAndCSV() throws {
        let (model, data) = try Fixtures.mlp(seed: 1, samples: 10)
        let code = try GaussianCode(lambda: 1, beta: 0.1)
        var hessian = HessianOptions()
        hessian.probes = 4
        let results: [ProbeResult] = [
            try FisherProbe.estimate(model, on: data, estimator: .monteCarlo(seed: 1)),
            try WeightInformation.estimate(model, on: data, code: code, estimator: .diagonal),
            try WeightInformation.estimate(model, on: data, code: code, estimator: .lanczos(steps: 5, probes: 3, seed: 0)),
            try GibbsPosterior(hessian: Matrix64([[1]]), center: [1], loss: 0, lambda: 1, beta: 1),
            try PACBayesBound(empiricalLoss: 0.1, kl: 5, samples: 100, delta: 0.05, betaPAC: 2),
            try ShannonInformation(runs: [[[0.5, 0.5]], [[0.2, 0.8]]], prior: [0.5, 0.5]),
            try HessianProbe.summarize(model, on: data, options: hessian),
            InvarianceReport(nuisance: 0.1, input: 1, task: 0.5),
        ]
        for result in results {
            let table = result.table
            let object = try JSONSerialization.jsonObject(with: Data(result.json.utf8)) as? [String: Any]
            XCTAssertEqual((object?["rows"] as? [Any])?.count, table.rows.count, table.title)
            XCTAssertEqual(result.csv.split(separator: "\n").count, table.rows.count + 1, table.title)
            XCTAssertEqual(result.text.split(separator: "\n").first.map(String.init), table.title)
        }
    }
}

/// Table rendering details.
final class ProbeTableTests: XCTestCase {
    func testEstimatesGetAStandardErrorColumnInCSVAndQuotingWorks() {
        let table = ProbeTable(title: "t", settings: [("k", "v")], columns: ["name", "value"],
                               rows: [[.text("a,b"), .estimate(1.5, standardError: 0.25)], [.text("c"), .number(2)]])
        XCTAssertEqual(table.csv, "name,value,value standard error\n\"a,b\",1.5,0.25\nc,2,\n")
        // 1.5 ± 0.25: the error to two digits, the value to the same place; 2 lines up with 1.
        XCTAssertEqual(table.text, "t\nk: v\n  name  value\n  a,b    1.50 ± 0.25 (standard error)\n  c      2")
        XCTAssertEqual(table.json, "{\"title\": \"t\", \"settings\": {\"k\": \"v\"}, \"columns\": [\"name\", \"value\"], \"rows\": [{\"name\": \"a,b\", \"value\": {\"value\": 1.5, \"standard_error\": 0.25}}, {\"name\": \"c\", \"value\": 2}], \"notes\": []}")
    }

    func testExportsWriteIntegersWithoutAPointAndTypeNumericSettings() {
        let table = ProbeTable(title: "t", settings: [("seed", "0"), ("λ", "1.0"), ("exact", "true"), ("β", "0.01 (mean-loss convention)"),
                                                      ("base", "0x10"), ("unit", "nan")],
                               columns: ["epoch", "tr F"], rows: [[.number(3), .number(0.5)], [.number(-0.0), .number(1e20)]])
        XCTAssertEqual(table.csv, "epoch,tr F\n3,0.5\n0,1e+20\n")
        XCTAssertTrue(table.json.contains("\"settings\": {\"seed\": 0, \"λ\": 1, \"exact\": true, \"β\": \"0.01 (mean-loss convention)\", "
                                          + "\"base\": \"0x10\", \"unit\": \"nan\"}"), table.json)
        XCTAssertTrue(table.json.contains("{\"epoch\": 3, \"tr F\": 0.5}"), table.json)
    }
}
