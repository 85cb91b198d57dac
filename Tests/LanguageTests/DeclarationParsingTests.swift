@testable import Language
import XCTest

/// The declaration forms parse into complete AST nodes (their meaning arrives later, so the AST
/// must already hold everything written).
final class DeclarationParsingTests: XCTestCase {
    func parse(_ source: String) throws -> [Stmt] {
        let (statements, diagnostics) = parseSource(SourceFile(path: "t.isc", text: source))
        XCTAssertTrue(diagnostics.isEmpty, diagnostics.map(\.message).joined(separator: "\n"))
        return statements
    }

    func testNetworkKeepsParametersLinesAndLayerArguments() throws {
        let source = """
            network allconv(width = 32) {
                conv(width, kernel: 3) relu
                conv(2 * width, kernel: 3, stride: 2) relu
                global_avgpool
                dense(10)
            }
            """
        let statements = try parse(source)
        guard case .network(let net, _)? = statements.first?.kind else { return XCTFail("not a network") }
        XCTAssertEqual(net.name, "allconv")
        XCTAssertEqual(net.parameters.map(\.name), ["width"])
        XCTAssertNotNil(net.parameters.first?.defaultValue)
        XCTAssertEqual(net.lines.map { $0.map(\.name) }, [["conv", "relu"], ["conv", "relu"], ["global_avgpool"], ["dense"]])
        XCTAssertEqual(net.lines[1][0].arguments?.map(\.label), [nil, "kernel", "stride"])
        XCTAssertNil(net.lines[0][1].arguments, "a bare layer name has no argument list")
        XCTAssertEqual(net.lines[2][0].nameRange.line, 4)
    }

    func testScheduleItemsKeepTheirParts() throws {
        let source = """
            schedule critical(deficit) {
                optimizer sgd(lr: 0.05, momentum: 0.9, weight_decay: 1e-3)
                batch 128
                epochs 30
                lr exponential(0.97) per epoch
                lr 0.1
                phase deficit epochs on train |> blur(downsample: 4)
                phase 20 steps on train
            }
            """
        let statements = try parse(source)
        guard case .schedule(let s, _)? = statements.first?.kind else { return XCTFail("not a schedule") }
        XCTAssertEqual(s.parameters.map(\.name), ["deficit"])
        XCTAssertEqual(s.items.count, 7)
        guard case .optimizer(let opt) = s.items[0].kind, case .call(_, let optArgs) = opt.kind else { return XCTFail() }
        XCTAssertEqual(optArgs.map(\.label), ["lr", "momentum", "weight_decay"])
        guard case .batch(let b) = s.items[1].kind, case .number(128) = b.kind else { return XCTFail() }
        guard case .epochs = s.items[2].kind else { return XCTFail() }
        guard case .learningRate(_, let per) = s.items[3].kind else { return XCTFail() }
        XCTAssertEqual(per, .epoch)
        guard case .learningRate(_, nil) = s.items[4].kind else { return XCTFail() }
        guard case .phase(let count, let unit, let data) = s.items[5].kind else { return XCTFail() }
        guard case .name(let ref) = count.kind else { return XCTFail() }
        XCTAssertEqual(ref.name, "deficit")
        XCTAssertEqual(unit, .epoch)
        guard case .call(_, let pipeArgs) = data.kind else { return XCTFail("the pipe is a call") }
        XCTAssertEqual(pipeArgs.map(\.label), [nil, "downsample"])
        guard case .phase(_, .step, _) = s.items[6].kind else { return XCTFail() }
    }

    func testProbeAndDataset() throws {
        let statements = try parse("probe fisher = fisher_trace(on: test, samples: 500)\ndataset small(n = 10) = range(n)\n")
        guard case .probe(let p, _) = statements[0].kind else { return XCTFail() }
        XCTAssertEqual(p.name, "fisher")
        guard case .call(_, let args) = p.value.kind else { return XCTFail() }
        XCTAssertEqual(args.map(\.label), ["on", "samples"])
        guard case .dataset(let d, _) = statements[1].kind else { return XCTFail() }
        XCTAssertEqual(d.name, "small")
        XCTAssertEqual(d.parameters.map(\.name), ["n"])
    }

    func testDeclarationsAreResolvedAndNamed() {
        let sink = CaptureSink()
        let interpreter = Interpreter(options: InterpreterOptions(), output: sink)
        let source = "let train = [1]\nnetwork mlp(width = 8) { dense(width) relu\n dense(10) }\nprobe p = fisher_trace(on: train)\n"
        XCTAssertEqual(interpreter.check(source: source, path: "d.isc"), .success, sink.standardError)
        XCTAssertEqual(sink.standardOutput, "d.isc: ok: 1 variable (train), 1 network (mlp), 1 probe (p)\n")
    }
}
