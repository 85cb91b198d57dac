import Foundation
#if canImport(FoundationXML)
// On Linux the XML parser lives in its own module.
import FoundationXML
#endif
@testable import Language
import XCTest

/// The SVG text of plots (ticks, lines, legend, escaping, skipped points) and the files `plot`
/// writes from scripts.
final class PlotTests: XCTestCase {
    func directory() throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("infoscope-plot-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url.path
    }

    func count(_ needle: String, in text: String) -> Int { text.components(separatedBy: needle).count - 1 }

    func tickLabels(_ svg: String) -> [String] {
        svg.split(separator: "\n").filter { $0.contains("class=\"tick\"") }.map { line in
            String(line.split(separator: ">")[1].split(separator: "<")[0])
        }
    }

    /// Fails the test unless `svg` is well-formed XML, as a browser or Jupyter needs it to be.
    func assertValidXML(_ svg: String, file: StaticString = #filePath, line: UInt = #line) {
        let parser = XMLParser(data: Data(svg.utf8))
        XCTAssertTrue(parser.parse(), "not well-formed XML: \(parser.parserError.map(String.init(describing:)) ?? "")", file: file, line: line)
    }

    /// The vertices of the first path of `kind` ("series" or "band"), in pixels.
    func vertices(_ svg: String, of kind: String = "series") -> [(x: Double, y: Double)] {
        guard let line = svg.split(separator: "\n").first(where: { $0.contains("<path class=\"\(kind)\"") }),
              let d = line.components(separatedBy: " d=\"").last?.split(separator: "\"").first else { return [] }
        let numbers = d.split(whereSeparator: { " MLZ".contains($0) }).compactMap { Double($0) }
        return stride(from: 0, to: numbers.count - 1, by: 2).map { (numbers[$0], numbers[$0 + 1]) }
    }

    func testLinearTicksUseOneTwoFiveSteps() {
        XCTAssertEqual(PlotTicks.linear(0, 1), PlotTicks.Axis(lower: 0, upper: 1, ticks: [0, 0.2, 0.4, 0.6000000000000001, 0.8, 1]))
        XCTAssertEqual(PlotTicks.linear(3, 97).ticks, [0, 20, 40, 60, 80, 100])
        XCTAssertEqual(PlotTicks.linear(-0.3, 0.05).ticks.map { ($0 * 10).rounded() }, [-3, -2, -1, 0, 1], "steps of 0.1")
        XCTAssertEqual(PlotTicks.niceStep(0.3), 0.5)
        XCTAssertEqual(PlotTicks.niceStep(7), 10)
        XCTAssertEqual(PlotTicks.niceStep(1.5e-4), 2e-4, accuracy: 1e-18)
        let flat = PlotTicks.linear(5, 5)
        XCTAssertLessThan(flat.lower, 5)
        XCTAssertGreaterThan(flat.upper, 5)
        XCTAssertEqual(PlotTicks.linear(1e22, 1e22 + 4e6).ticks.count, 5, "no endless loop far from zero")
        XCTAssertEqual(PlotTicks.linear(-1e308, 1e308).ticks, [-1e308, 1e308])
    }

    func testTickLabelsShowTheDecimalsTheStepNeeds() {
        XCTAssertEqual(PlotTicks.label(0.6000000000000001, step: 0.2), "0.6")
        XCTAssertEqual(PlotTicks.label(0.25, step: 0.05), "0.25")
        XCTAssertEqual(PlotTicks.label(40, step: 20), "40")
        XCTAssertEqual(PlotTicks.label(2, step: 0.5), "2")
        XCTAssertEqual(PlotTicks.label(-1.5, step: 0.5), "-1.5")
        XCTAssertEqual(PlotTicks.label(2e8, step: 1e8), "2e+08")
        XCTAssertEqual(PlotTicks.decadeLabel(-2), "0.01")
        XCTAssertEqual(PlotTicks.decadeLabel(3), "1000")
        XCTAssertEqual(PlotTicks.decadeLabel(-7), "1e-7")
    }

    func testLogarithmicAxisUsesDecades() {
        XCTAssertEqual(PlotTicks.logarithmic(0.02, 300), PlotTicks.Axis(lower: -2, upper: 3, ticks: [-2, -1, 0, 1, 2, 3]))
        XCTAssertEqual(PlotTicks.logarithmic(10, 10).ticks, [1, 2])
        let wide = PlotTicks.logarithmic(1e-20, 1e20)
        XCTAssertLessThanOrEqual(wide.ticks.count, 9)
        XCTAssertEqual(wide.ticks.last, wide.upper, "the axis ends on a labelled decade")
    }

    func testOneLineHasTicksLabelsAndNoLegend() {
        let svg = PlotSVG.render(PlotFigure(series: [PlotSeries(name: "", xs: [0, 1, 2, 3], ys: [3, 97, 50, 10])],
                                            title: "tr F", xLabel: "epoch", yLabel: "nats"))
        XCTAssertTrue(svg.hasPrefix("<?xml"))
        XCTAssertTrue(svg.hasSuffix("</svg>\n"))
        XCTAssertEqual(count("<path class=\"series\"", in: svg), 1)
        XCTAssertEqual(tickLabels(svg), ["0", "1", "2", "3", "0", "20", "40", "60", "80", "100"])
        XCTAssertTrue(svg.contains(">epoch</text>") && svg.contains(">nats</text>") && svg.contains(">tr F</text>"))
        XCTAssertFalse(svg.contains("class=\"legend\""))
        XCTAssertFalse(svg.contains("not drawn"))
    }

    func testSeveralLinesGetDistinctColoursAndALegend() {
        let series = (0..<9).map { PlotSeries(name: "s\($0)", xs: [0, 1], ys: [Double($0), 1]) }
        let svg = PlotSVG.render(PlotFigure(series: series))
        XCTAssertEqual(count("<path class=\"series\"", in: svg), 9)
        for colour in PlotSVG.colours { XCTAssertEqual(count("stroke=\"\(colour)\"", in: svg), colour == PlotSVG.colours[0] ? 4 : 2) }
        XCTAssertEqual(count("stroke-dasharray", in: svg), 2, "the ninth line and its legend entry repeat a colour, dashed")
        XCTAssertTrue(svg.contains(">s8</text>"))
    }

    func testTextIsEscaped() {
        let svg = PlotSVG.render(PlotFigure(series: [PlotSeries(name: "a<b", xs: [0], ys: [1])], title: "x < 1 & \"y\"\u{7}"))
        XCTAssertTrue(svg.contains(">x &lt; 1 &amp; &quot;y&quot; </text>"), svg)
        XCTAssertTrue(svg.contains(">a&lt;b</text>"))
        XCTAssertFalse(svg.contains("a<b"))
    }

    func testNonFinitePointsBreakTheLineAndAreNoted() {
        let svg = PlotSVG.render(PlotFigure(series: [PlotSeries(name: "", xs: [0, 1, 2, 3, 4], ys: [1, .nan, 2, .infinity, 3])]))
        let path = svg.split(separator: "\n").first { $0.contains("class=\"series\"") } ?? ""
        XCTAssertEqual(count("M", in: String(path)), 3, "each point after a gap starts a new piece")
        XCTAssertEqual(count("L", in: String(path)), 0)
        XCTAssertTrue(svg.contains("<!-- 2 points not drawn (nan, inf) -->"))
        XCTAssertFalse(svg.contains("nan\"") || svg.contains("inf\""), "no non-finite coordinate reaches the file")
    }

    func testLogScaleLeavesOutNonPositiveValues() {
        let svg = PlotSVG.render(PlotFigure(series: [PlotSeries(name: "", xs: [0, 1, 2], ys: [0, 1, 100])], logY: true))
        XCTAssertEqual(tickLabels(svg).suffix(3), ["1", "10", "100"])
        XCTAssertTrue(svg.contains("1 point not drawn (nan, inf or not positive on the log scale)"))
    }

    func testLogXAxisUsesDecadesAndLeavesOutNonPositiveX() {
        let svg = PlotSVG.render(PlotFigure(series: [PlotSeries(name: "", xs: [0, 1, 10, 1000], ys: [1, 2, 3, 4])], logX: true))
        assertValidXML(svg)
        XCTAssertEqual(tickLabels(svg).prefix(4), ["1", "10", "100", "1000"])
        let left = PlotSVG.left, right = PlotSVG.width - PlotSVG.right
        XCTAssertEqual(vertices(svg).map(\.x), [left, left + (right - left) / 3, right].map { ($0 * 100).rounded() / 100 },
                       "x = 1, 10 and 1000 sit a decade apart; x = 0 is left out")
        XCTAssertTrue(svg.contains("<!-- 1 point not drawn (nan, inf or not positive on the log scale) -->"))
    }

    func testLongLineIsThinnedKeepingEachColumnsExtremes() {
        var ys = (0...50_000).map { sin(Double($0) / 500) }
        ys[25_001] = 10
        ys[40_003] = -10
        let svg = PlotSVG.render(PlotFigure(series: [PlotSeries(name: "", xs: ys.indices.map(Double.init), ys: ys)]))
        assertValidXML(svg)
        XCTAssertLessThan(svg.utf8.count, 200_000)
        let points = vertices(svg)
        XCTAssertLessThanOrEqual(points.count, PlotThinning.vertexLimit)
        XCTAssertGreaterThan(points.count, 500, "every pixel column keeps a vertex")
        XCTAssertEqual(points.map(\.y).min(), PlotSVG.top, "the spike reaches the top of the axes")
        XCTAssertEqual(points.map(\.y).max(), PlotSVG.height - PlotSVG.bottom, "the dip reaches the bottom")
        XCTAssertEqual(points.first?.x, PlotSVG.left)
        XCTAssertEqual(points.last?.x, PlotSVG.width - PlotSVG.right, "the line still ends at its last point")
        XCTAssertEqual(points.map(\.x), points.map(\.x).sorted(), "vertices stay in the line's order")
    }

    func testLinesUpToTheLimitKeepEveryPoint() {
        let ys = (0..<PlotThinning.vertexLimit).map { Double($0 % 7) }
        let svg = PlotSVG.render(PlotFigure(series: [PlotSeries(name: "", xs: ys.indices.map(Double.init), ys: ys)]))
        XCTAssertEqual(vertices(svg).count, PlotThinning.vertexLimit)
    }

    func testThinningKeepsTheLowestAndHighestOfEachColumnInOrder() {
        let points: [(x: Double, y: Double)] = [(0.1, 5), (0.5, 9), (0.9, 1), (1.2, 4), (1.3, 4), (1.8, 2), (2.5, 3)]
        XCTAssertEqual(PlotThinning.keptIndices(points), [0, 1, 2, 3, 5, 6])
    }

    func testBandIsAnAreaAroundTheLineInsideTheAxes() {
        let figure = PlotFigure(series: [PlotSeries(name: "loss", xs: [0, 1, 2], ys: [1, 2, 3], band: [1, 1, 1]),
                                         PlotSeries(name: "acc", xs: [0, 1, 2], ys: [2, 2, 2])])
        let svg = PlotSVG.render(figure)
        assertValidXML(svg)
        XCTAssertEqual(count("<path class=\"band\"", in: svg), 1, "only the line with a band gets one")
        XCTAssertTrue(svg.contains("fill=\"\(PlotSVG.colours[0])\" fill-opacity=\"0.2\""), "the band takes its line's colour, translucent")
        XCTAssertLessThan(svg.range(of: "class=\"band\"")!.lowerBound, svg.range(of: "class=\"series\"")!.lowerBound, "lines are drawn over bands")
        let outline = vertices(svg, of: "band")
        XCTAssertEqual(outline.count, 6, "up along the upper edge, back along the lower")
        XCTAssertEqual(outline.map(\.y).min(), PlotSVG.top, "y + h = 4 is the top of the axis")
        XCTAssertEqual(outline.map(\.y).max(), PlotSVG.height - PlotSVG.bottom, "y - h = 0 is the bottom")
        XCTAssertEqual(tickLabels(svg).suffix(5), ["0", "1", "2", "3", "4"], "the band widens the axis from 1 to 3")
    }

    func testBandBreaksAtMissingWidthsAndReachesTheBottomOfALogAxis() {
        let svg = PlotSVG.render(PlotFigure(series: [PlotSeries(name: "", xs: [0, 1, 2, 3, 4], ys: [1, 10, 100, 10, 1],
                                                                band: [0.5, 20, .nan, 5, 0.5])], logY: true))
        assertValidXML(svg)
        let band = svg.split(separator: "\n").first { $0.contains("class=\"band\"") } ?? ""
        XCTAssertEqual(count("M", in: String(band)), 2, "the point without a width splits the band")
        XCTAssertEqual(vertices(svg, of: "band").map(\.y).max(), PlotSVG.height - PlotSVG.bottom,
                       "10 - 20 is not positive, so the lower edge goes to the bottom of the axis")
    }

    func testScriptBandsNameTheirLinesOrGoByPosition() throws {
        let dir = try directory()
        let (outcome, sink) = runScript("""
        plot({loss: [2.3, 1.1, 0.6], acc: [0.3, 0.7, 0.8]}, to: "\(dir)/named.svg", band: {loss: [0.2, 0.1, 0.05]})
        plot([[1, 2], [3, 4]], to: "\(dir)/rows.svg", band: tensor([[0.1, 0.1], [0.2, 0.3]]))
        """)
        XCTAssertEqual(outcome, .success, sink.standardError)
        XCTAssertEqual(count("<path class=\"band\"", in: try String(contentsOfFile: dir + "/named.svg", encoding: .utf8)), 1)
        XCTAssertEqual(count("<path class=\"band\"", in: try String(contentsOfFile: dir + "/rows.svg", encoding: .utf8)), 2)
    }

    func testLabelledPointsAreColouredByClassWithALegend() throws {
        let dir = try directory()
        let (outcome, sink) = runScript("""
        plot([[0, 1], [1, 2], [2, 0.5], [3, 3]], labels: [2, 0, 2, 10], to: "\(dir)/classes.svg", title: "by class")
        let d = moons(50, seed: 0)
        plot(d.inputs, labels: d.labels, to: "\(dir)/moons.svg")
        """)
        XCTAssertEqual(outcome, .success, sink.standardError)
        let svg = try String(contentsOfFile: dir + "/classes.svg", encoding: .utf8)
        assertValidXML(svg)
        XCTAssertEqual(count("<g class=\"points\"", in: svg), 3, "one group of markers per class")
        XCTAssertFalse(svg.contains("class=\"series\""), "no lines join the points")
        let legend = svg.components(separatedBy: "<g class=\"legend\">")[1]
        XCTAssertEqual(count("<circle", in: legend), 3)
        let names = legend.components(separatedBy: "text-anchor=\"start\">").dropFirst().map { $0.components(separatedBy: "<")[0] }
        XCTAssertEqual(names, ["class 0", "class 2", "class 10"], "numeric labels in ascending order, said to be classes")
        let classTwo = svg.components(separatedBy: "<g class=\"points\" fill=\"\(PlotSVG.colours[1])\">")[1].components(separatedBy: "</g>")[0]
        XCTAssertEqual(count("<circle", in: classTwo), 2, "label 2's two points share the second colour")
        let moons = try String(contentsOfFile: dir + "/moons.svg", encoding: .utf8)
        XCTAssertEqual(count("<circle", in: moons), 50 + 2, "every sample, and a legend marker per class")
    }

    func testPointsStyleDrawsMarkersOnceEachVisiblePlace() {
        let xs = (0..<30_000).map { Double($0 % 3) }, ys = (0..<30_000).map { Double($0 % 3) * 2 }
        let svg = PlotSVG.render(PlotFigure(series: [PlotSeries(name: "", xs: xs, ys: ys)], points: true))
        assertValidXML(svg)
        XCTAssertEqual(count("<circle", in: svg), 3, "30,000 points on three places are three markers")
        XCTAssertEqual(count("<path class=\"series\"", in: svg), 0)
    }

    func testScriptWritesTheFileAtomicallyAndLeavesNoTemporary() throws {
        let dir = try directory()
        let (outcome, sink) = runScript("""
        plot({loss: [2.3, 1.1, 0.6], acc: [0.3, 0.7, 0.8]}, to: "\(dir)/a.svg", title: "A & B", x: "epoch", x_values: [1, 2, 3])
        plot([[1, 2], [3, 4]], to: "\(dir)/a.svg", log_y: true)
        """)
        XCTAssertEqual(outcome, .success, sink.standardError)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir), ["a.svg"])
        let svg = try String(contentsOfFile: dir + "/a.svg", encoding: .utf8)
        XCTAssertEqual(count("<path class=\"series\"", in: svg), 2)
        XCTAssertFalse(svg.contains("A &amp; B"), "the second plot replaced the first")
    }

    func testARunPlotsItsCurvesAgainstEpochs() throws {
        let dir = try directory()
        let (outcome, sink) = runScript("""
        network m { input [2]; dense(2) }
        let run = train(m(), on: moons(60, seed: 0), epochs: 3, batch: 20, seed: 1, eval: moons(20, seed: 2))
        plot(run, to: "\(dir)/run.svg")
        """)
        XCTAssertEqual(outcome, .success, sink.standardError)
        let svg = try String(contentsOfFile: dir + "/run.svg", encoding: .utf8)
        XCTAssertEqual(count("<path class=\"series\"", in: svg), 4)
        XCTAssertTrue(svg.contains(">epoch</text>") && svg.contains(">eval accuracy</text>"))
        XCTAssertEqual(tickLabels(svg).prefix(3), ["1", "1.5", "2"])
    }

    func testHelpExampleRunsAndNamedArgumentsComplete() throws {
        let interpreter = Interpreter(options: InterpreterOptions(), output: CaptureSink())
        XCTAssertEqual(interpreter.completions(for: "plot(xs, lo", cursor: 11).filter { $0.hasSuffix(":") }, ["log_x:", "log_y:"])
        XCTAssertTrue(interpreter.completions(for: "plot(xs, x_", cursor: 11).contains("x_values:"))
        let help = interpreter.help(topic: "plot") ?? ""
        XCTAssertTrue(help.contains("{temp_dir()}/curves.svg"), help)
        XCTAssertTrue(help.contains("share: true)"), "the example shows a probe's bars")
        XCTAssertTrue(help.contains("panels: true)"), "the example shows stacked panels")
        let example = try XCTUnwrap(BuiltinRegistry.all.first { $0.name == "plot" }?.doc.example)
        let (outcome, sink) = runScript(example + "\nprint \"done\"\n")
        XCTAssertEqual(outcome, .success, sink.standardError)
        XCTAssertEqual(sink.standardOutput, "done\n")
    }
}
