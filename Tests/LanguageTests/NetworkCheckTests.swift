import Language
import XCTest

/// `infoscope check` builds declared networks that have an input line: shape errors are compile
/// errors at the layer's line, and built networks report their shapes and parameter counts.
final class NetworkCheckTests: XCTestCase {
    func check(_ source: String) -> (RunOutcome, CaptureSink) {
        let sink = CaptureSink()
        let interpreter = Interpreter(options: InterpreterOptions(), output: sink)
        return (interpreter.check(source: source, path: "n.isc"), sink)
    }

    func testShapeErrorIsReportedAtTheLayerLine() {
        let (outcome, sink) = check("print \"never\"\nnetwork bad {\n    input [1, 28, 28]\n    conv(4)\n    dense(10)\n}\n")
        XCTAssertEqual(outcome, .compileError)
        XCTAssertTrue(sink.standardError.hasPrefix("n.isc:5:5: error: layer 2 (dense): expects a flat input [n], got [4, 26, 26]"),
                      sink.standardError)
        XCTAssertTrue(sink.standardError.contains("note: in network 'bad'"))
        XCTAssertEqual(sink.standardOutput, "")
    }

    func testBuiltNetworksReportShapesAndParameters() {
        let source = """
            network block(w) { dense(w) relu }
            network mlp(width = 128) {
                input [1, 28, 28]
                flatten
                block(width)
                dense(10)
            }
            network lazy { dense(3) }

            """
        let (outcome, sink) = check(source)
        XCTAssertEqual(outcome, .success, sink.standardError)
        XCTAssertEqual(sink.standardOutput, "n.isc: ok: 3 networks (block, mlp, lazy)\n"
                       + "  network mlp: [1, 28, 28] -> [10], 101,770 parameters\n")
    }

    func testNetworksDependingOnRunValuesAreSkipped() {
        let (outcome, sink) = check("let w = 4\nnetwork n { input [2]; dense(w) }\n")
        XCTAssertEqual(outcome, .success, sink.standardError)
        XCTAssertEqual(sink.standardOutput, "n.isc: ok: 1 variable (w), 1 network (n)\n")
    }
}
