import Foundation
import XCTest

/// Keeps `grammar/` and the implementation in step.
final class GrammarTests: XCTestCase {
    static let root = GoldenScriptTests.packageRoot

    func read(_ path: String) throws -> String {
        try String(contentsOf: Self.root.appendingPathComponent(path), encoding: .utf8)
    }

    /// The EBNF without comments, and split at the lexical "Tokens" section.
    func syntaxRules() throws -> String {
        let text = try read("grammar/infoscope.ebnf")
        let syntax = text.components(separatedBy: "(* Tokens. *)")[0]
        return syntax.replacingOccurrences(of: #"\(\*[\s\S]*?\*\)"#, with: "", options: .regularExpression)
    }

    func ruleNames() throws -> [String] {
        let rules = try syntaxRules()
        let regex = try NSRegularExpression(pattern: #"(?m)^([a-z][A-Za-z]*)\s*="#)
        return regex.matches(in: rules, range: NSRange(rules.startIndex..., in: rules)).compactMap {
            Range($0.range(at: 1), in: rules).map { String(rules[$0]) }
        }
    }

    func testReservedWordsMatchLexerKeywords() throws {
        let rules = try syntaxRules()
        let regex = try NSRegularExpression(pattern: #""([a-z]+)""#)
        let words = Set(regex.matches(in: rules, range: NSRange(rules.startIndex..., in: rules)).compactMap {
            Range($0.range(at: 1), in: rules).map { String(rules[$0]) }
        })
        let keywords = Set(lexerKeywords())
        XCTAssertEqual(words, keywords, "EBNF reserved words and lexer keywords differ")
        let readme = try read("grammar/README.md")
        for k in keywords { XCTAssertTrue(readme.contains("`\(k)`"), "grammar/README.md does not list '\(k)'") }
    }

    func testEveryRuleHasAParserMethodWithTheRuleInItsDocComment() throws {
        let dir = Self.root.appendingPathComponent("Sources/Language/Parser")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path)
        let parser = try files.map { try String(contentsOf: dir.appendingPathComponent($0), encoding: .utf8) }.joined()
        let names = try ruleNames()
        XCTAssertGreaterThan(names.count, 30)
        for rule in names {
            XCTAssertTrue(parser.contains("func \(rule)("), "no parser method for rule '\(rule)'")
            XCTAssertTrue(parser.contains("/// \(rule) ="), "parser method '\(rule)' lacks its rule in a doc comment")
        }
    }

    func testTextMateGrammarIsValidJSONAndListsEveryKeyword() throws {
        let data = try Data(contentsOf: Self.root.appendingPathComponent("grammar/infoscope.tmLanguage.json"))
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        XCTAssertEqual(json["scopeName"] as? String, "source.infoscope")
        let text = String(decoding: data, as: UTF8.self)
        for k in lexerKeywords() {
            XCTAssertNotNil(text.range(of: #"[(|]"# + k + #"[|)]"#, options: .regularExpression), "TextMate grammar lacks '\(k)'")
        }
    }
}
