@testable import Language
import XCTest

/// Help text laid out for a terminal: prose wrapped, labels hanging, code kept whole; names that
/// contain an unknown topic listed.
final class HelpLayoutTests: XCTestCase {
    let interpreter = Interpreter(options: InterpreterOptions(), output: CaptureSink())

    func testProseWrapsAndCodeStaysWhole() throws {
        let text = try XCTUnwrap(interpreter.help(topic: "info_in_weights", width: 70))
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let signature = try XCTUnwrap(interpreter.help(topic: "info_in_weights")?.split(separator: "\n").first)
        XCTAssertEqual(lines.first, signature, "the signature is code: never broken")
        XCTAssertGreaterThan(signature.count, 70)
        let example = try XCTUnwrap(lines.first { $0.hasPrefix("  example:") })
        XCTAssertGreaterThan(example.count, 70, "examples are code: never broken")
        for line in lines where line != signature && line != example {
            XCTAssertLessThanOrEqual(line.count, 70, String(line))
        }
        // Nothing is lost: the words are the same, in the same order.
        let unwrapped = try XCTUnwrap(interpreter.help(topic: "info_in_weights"))
        XCTAssertEqual(text.split(whereSeparator: \.isWhitespace), unwrapped.split(whereSeparator: \.isWhitespace))
    }

    func testLabelledLinesContinueUnderTheirText() throws {
        let overview = try XCTUnwrap(interpreter.help(topic: nil, width: 60))
        let lines = overview.split(separator: "\n").map(String.init)
        let math = try XCTUnwrap(lines.firstIndex { $0.hasPrefix("  math     ") })
        XCTAssertTrue(lines[math + 1].hasPrefix(String(repeating: " ", count: 11)) && lines[math + 1].dropFirst(11).first != " ",
                      lines[math + 1])
        XCTAssertEqual(interpreter.help(topic: nil), interpreter.help(topic: nil, width: nil), "no width: lines as written")
    }

    func testAnUnknownTopicListsTheNamesThatContainIt() throws {
        let text = try XCTUnwrap(interpreter.help(topic: "fisher"))
        let names = text.split(separator: "\n").dropFirst().map { String($0.split(separator: " ").first ?? "") }
        // Those starting with the topic first, then those containing it, each group sorted.
        XCTAssertEqual(names, ["fisher_diagonal", "fisher_trace", "empirical_fisher", "hessian_fisher_gap"])
        XCTAssertTrue(text.contains("the trace of the Fisher information of the weights"), text)
        XCTAssertNil(interpreter.help(topic: "xyzzy"))
        XCTAssertTrue(interpreter.help(topic: "whil")?.contains("while") ?? false, "keywords are found too")
    }
}
