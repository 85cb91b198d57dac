import XCTest
@testable import infoscope

/// `infoscope --kernel`, the line protocol the Jupyter kernel speaks (docs/kernel.md).
final class KernelProtocolTests: XCTestCase {
    private func ofType(_ type: String, _ events: [[String: Any]]) -> [[String: Any]] {
        events.filter { $0["type"] as? String == type }
    }

    private func startKernel() throws -> KernelProcess {
        let kernel = try KernelProcess()
        let ready = try kernel.event()
        XCTAssertEqual(ready["type"] as? String, "ready")
        return kernel
    }

    func testExecuteKeepsVariablesAndShowsValues() throws {
        let kernel = try startKernel()
        let first = try kernel.events(of: try kernel.send("execute", ["code": "let x = 41\nprint \"hello\""]))
        XCTAssertEqual(ofType("stream", first).first?["text"] as? String, "hello\n")
        XCTAssertEqual(ofType("stream", first).first?["name"] as? String, "stdout")
        XCTAssertEqual(first.last?["status"] as? String, "ok")
        XCTAssertEqual(first.last?["execution_count"] as? Int, 1)
        let second = try kernel.events(of: try kernel.send("execute", ["code": "x + 1"]))
        let value = try XCTUnwrap(ofType("display", second).first)
        XCTAssertEqual(value["result"] as? Bool, true)
        XCTAssertEqual((value["data"] as? [String: Any])?["text/plain"] as? String, "42")
        XCTAssertEqual(second.last?["execution_count"] as? Int, 2)
        try kernel.send("shutdown")
        XCTAssertEqual(try kernel.event()["type"] as? String, "done")
        XCTAssertEqual(kernel.waitForExit(), 0)
    }

    func testATensorIsShownAbbreviatedAsAtTheREPL() throws {
        let kernel = try startKernel()
        let events = try kernel.events(of: try kernel.send("execute", ["code": "reshape(tensor(0..<2000), [2, 1000])"]))
        let text = try XCTUnwrap((ofType("display", events).first?["data"] as? [String: Any])?["text/plain"] as? String)
        XCTAssertEqual(text, "tensor [2, 1000]\n[[   0,    1,    2, … 994 more …,  997,  998,  999],\n [1000, 1001, 1002, … 994 more …, 1997, 1998, 1999]]")
        try kernel.send("shutdown")
        XCTAssertEqual(try kernel.event()["type"] as? String, "done")
    }

    func testErrorsCarryLineColumnAndEntry() throws {
        let kernel = try startKernel()
        let compile = try kernel.events(of: try kernel.send("execute", ["code": "print 1\nlet = 2"]))
        let error = try XCTUnwrap(ofType("error", compile).first)
        XCTAssertEqual(error["message"] as? String, "name expected near '='")
        XCTAssertEqual(error["line"] as? Int, 2)
        XCTAssertEqual(error["column"] as? Int, 5)
        XCTAssertEqual(error["entry"] as? String, "[1]:2:5")
        XCTAssertTrue((error["traceback"] as? String ?? "").contains("let = 2"))
        XCTAssertTrue(ofType("stream", compile).isEmpty, "nothing runs after a compile error")
        XCTAssertEqual(compile.last?["status"] as? String, "error")
        let runtime = try kernel.events(of: try kernel.send("execute", ["code": "print 1 / 0"]))
        XCTAssertEqual(ofType("error", runtime).first?["entry"] as? String, "[2]:1:7")
        XCTAssertEqual(runtime.last?["status"] as? String, "error")
        XCTAssertEqual(runtime.last?["execution_count"] as? Int, 2)
        // A notebook's own cell number names the entry; the next execute counts on from it.
        let numbered = try kernel.events(of: try kernel.send("execute", ["code": "print 1 / 0", "execution_count": 7]))
        XCTAssertEqual(ofType("error", numbered).first?["entry"] as? String, "[7]:1:7")
        XCTAssertEqual(numbered.last?["execution_count"] as? Int, 7)
        let next = try kernel.events(of: try kernel.send("execute", ["code": "1"]))
        XCTAssertEqual(next.last?["execution_count"] as? Int, 8)
    }

    func testIsCompleteCompleteAndInspect() throws {
        let kernel = try startKernel()
        func completeness(_ code: String) throws -> [String: Any] {
            try XCTUnwrap(try kernel.events(of: try kernel.send("is_complete", ["code": code])).last)
        }
        XCTAssertEqual(try completeness("let x = 1")["completeness"] as? String, "complete")
        XCTAssertEqual(try completeness("fn f() {")["completeness"] as? String, "incomplete")
        XCTAssertEqual(try completeness("fn f() {")["indent"] as? String, "    ")
        XCTAssertEqual(try completeness("print )")["completeness"] as? String, "invalid")
        XCTAssertEqual(try completeness("if true {\n}")["completeness"] as? String, "incomplete")
        XCTAssertEqual(try completeness("if true {\n}\n")["completeness"] as? String, "complete")

        _ = try kernel.events(of: try kernel.send("execute", ["code": "let alphabet_soup = 1"]))
        let completion = try XCTUnwrap(try kernel.events(of: try kernel.send(
            "complete", ["code": "print alphabet_s + 1", "cursor_pos": 16])).last)
        XCTAssertEqual(completion["matches"] as? [String], ["alphabet_soup"])
        XCTAssertEqual(completion["cursor_start"] as? Int, 6)
        XCTAssertEqual(completion["cursor_end"] as? Int, 16)
        // Cursor positions count code points: "é" is one.
        let accented = try XCTUnwrap(try kernel.events(of: try kernel.send(
            "complete", ["code": "\"é\"; alphabet_s", "cursor_pos": 15])).last)
        XCTAssertEqual(accented["cursor_start"] as? Int, 5)

        let inspect = try XCTUnwrap(try kernel.events(of: try kernel.send(
            "inspect", ["code": "let r = fisher_trace(", "cursor_pos": 21])).last)
        XCTAssertEqual(inspect["found"] as? Bool, true)
        let help = try XCTUnwrap((inspect["data"] as? [String: Any])?["text/plain"] as? String)
        let shell = try InfoscopeProcess.run(["help", "fisher_trace"])
        XCTAssertEqual(help, shell.standardOutput, "the help :help NAME prints")
        let nothing = try XCTUnwrap(try kernel.events(of: try kernel.send(
            "inspect", ["code": "no_such_name_anywhere", "cursor_pos": 3])).last)
        XCTAssertEqual(nothing["found"] as? Bool, false)
    }

    func testPlotIsDisplayedAndTablesHaveHTML() throws {
        let scratch = try ScratchDirectory()
        let kernel = try startKernel()
        let plot = try kernel.events(of: try kernel.send(
            "execute", ["code": "plot [1, 4, 9], to: \"\(scratch.path)/squares.svg\", title: \"squares\""]))
        let figure = try XCTUnwrap(ofType("display", plot).first?["data"] as? [String: Any])
        XCTAssertTrue((figure["image/svg+xml"] as? String ?? "").contains("<svg"), "\(figure)")
        XCTAssertEqual(plot.last?["status"] as? String, "ok")
        let run = try kernel.events(of: try kernel.send("execute", ["code": """
            let data = glyphs(200, seed: 0)
            network tiny { input [1, 28, 28]; flatten; dense(10) }
            train(tiny(), on: data, epochs: 1, batch: 50, seed: 0)
            """]))
        let shown = try XCTUnwrap(ofType("display", run).first?["data"] as? [String: Any])
        XCTAssertTrue((shown["text/plain"] as? String ?? "").hasPrefix("run: 1 epoch"), "\(shown)")
        XCTAssertTrue((shown["text/html"] as? String ?? "").contains("<th>accuracy</th>"), "\(shown)")
        let progress = ofType("stream", run).compactMap { $0["text"] as? String }.joined()
        XCTAssertFalse(progress.contains("\r"), "no redrawn progress line: \(progress.debugDescription)")
        XCTAssertFalse(progress.contains("\u{1B}"), "no colour")
    }

    func testInterruptStopsTheRunAndKeepsTheSession() throws {
        let kernel = try startKernel()
        _ = try kernel.events(of: try kernel.send("execute", ["code": "let x = 42"]))
        let id = try kernel.send("execute", ["code": "print \"loop started\"\nwhile true {}"])
        let started = try kernel.event()
        XCTAssertEqual(started["text"] as? String, "loop started\n")
        kernel.interrupt()
        let rest = try kernel.events(of: id)
        XCTAssertEqual(ofType("done", rest).count, 1)
        XCTAssertEqual(rest.last?["status"] as? String, "aborted")
        let after = try kernel.events(of: try kernel.send("execute", ["code": "x"]))
        XCTAssertEqual((ofType("display", after).first?["data"] as? [String: Any])?["text/plain"] as? String, "42")
        XCTAssertEqual(after.last?["status"] as? String, "ok")
    }

    func testMalformedRequestsGetAnErrorAndOneDone() throws {
        let kernel = try startKernel()
        try kernel.sendLine("not json")
        XCTAssertTrue((try kernel.event()["message"] as? String ?? "").hasPrefix("a request is one JSON object per line"))
        XCTAssertEqual(try kernel.event()["status"] as? String, "error")
        try kernel.sendLine("{\"id\": \"a\", \"type\": \"frobnicate\"}")
        let unknown = try kernel.event()
        XCTAssertEqual(unknown["id"] as? String, "a")
        XCTAssertEqual(unknown["message"] as? String, "unknown request type 'frobnicate'; the types are execute, is_complete, complete, inspect and shutdown")
        XCTAssertEqual(try kernel.event()["type"] as? String, "done")
        try kernel.sendLine("{\"id\": 7, \"type\": \"complete\", \"code\": \"ab\", \"cursor_pos\": 9}")
        XCTAssertTrue((try kernel.event()["message"] as? String ?? "").contains("from 0 to 2"))
        XCTAssertEqual(try kernel.event()["status"] as? String, "error")
        // The session is unharmed.
        let fine = try kernel.events(of: try kernel.send("execute", ["code": "1 + 1"]))
        XCTAssertEqual(fine.last?["status"] as? String, "ok")
    }

    func testKernelRefusesAScript() throws {
        let result = try InfoscopeProcess.run(["--kernel", "-e", "1"])
        XCTAssertEqual(result.status, 64)
        XCTAssertTrue(result.standardError.contains("'--kernel' reads its requests from stdin"), result.standardError)
    }
}
