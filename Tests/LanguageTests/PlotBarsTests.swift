import Foundation
#if canImport(FoundationXML)
// On Linux the XML parser lives in its own module.
import FoundationXML
#endif
@testable import Language
import XCTest

/// Bar charts: a probe result's per-layer values or shares, and records of numbers.
final class PlotBarsTests: XCTestCase {
    /// The elements of an SVG document, in order, with their attributes and text.
    final class Elements: NSObject, XMLParserDelegate {
        struct Element {
            let name: String
            let attributes: [String: String]
            var text = ""
        }
        var all: [Element] = []
        private var open: [Int] = []

        init(_ svg: String, file: StaticString = #filePath, line: UInt = #line) {
            super.init()
            let parser = XMLParser(data: Data(svg.utf8))
            parser.delegate = self
            XCTAssertTrue(parser.parse(), "not well-formed XML", file: file, line: line)
        }

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String]) {
            open.append(all.count)
            all.append(Element(name: name, attributes: attributes))
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) { open.removeLast() }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if let i = open.last { all[i].text += string }
        }

        func of(class name: String) -> [Element] { all.filter { $0.attributes["class"] == name } }
        func number(_ e: Element, _ attribute: String) -> Double { Double(e.attributes[attribute] ?? "") ?? .nan }
    }

    func directory() throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("infoscope-bars-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url.path
    }

    func testBarsStandOnZeroWithHeightsInProportion() {
        let svg = PlotBarsSVG.render(PlotBarChart(names: ["a", "b", "c"], values: [1, 3, -1], title: "t"))
        let e = Elements(svg)
        let bars = e.of(class: "bar")
        XCTAssertEqual(bars.count, 3)
        let heights = bars.map { e.number($0, "height") }
        XCTAssertEqual(heights[1] / heights[0], 3, accuracy: 1e-3)
        XCTAssertEqual(heights[2], heights[0], accuracy: 1e-2, "a negative bar hangs below zero as far as 1 stands above")
        let zero = e.number(bars[0], "y") + heights[0]
        XCTAssertEqual(e.number(bars[2], "y"), zero, accuracy: 1e-2, "the negative bar starts at zero")
        XCTAssertEqual(e.of(class: "bar-label").map(\.text), ["a", "b", "c"])
        XCTAssertEqual(e.of(class: "bar-value").map(\.text), ["1", "3", "-1"])
        let xs = bars.map { e.number($0, "x") }
        XCTAssertEqual(xs, xs.sorted(), "bars in the order given")
        XCTAssertFalse(e.of(class: "bar-label").contains { $0.attributes["transform"] != nil }, "short names stay level")
    }

    func testLongNamesAreTurnedAndTheCanvasGrowsToHoldThem() {
        let long = "encoder.block3.attention.query_projection"
        let others = (1..<8).map { "l\($0)" }
        let short = PlotBarChart(names: ["l0"] + others, values: (0..<8).map(Double.init))
        let chart = PlotBarChart(names: [long] + others, values: (0..<8).map(Double.init))
        let e = Elements(PlotBarsSVG.render(chart))
        let labels = e.of(class: "bar-label")
        XCTAssertEqual(labels.map(\.text), [long] + others, "the name is shown whole")
        XCTAssertTrue(labels.allSatisfy { $0.attributes["transform"]?.hasPrefix("rotate(-45 ") == true })
        let layout = PlotBarsSVG.Layout(chart), plain = PlotBarsSVG.Layout(short)
        XCTAssertGreaterThan(layout.height, plain.height)
        let reach = Double(long.count) * PlotBarsSVG.characterWidth * 0.7071
        XCTAssertGreaterThanOrEqual(layout.height - layout.y0, reach, "the turned name fits below the axes")
        XCTAssertGreaterThanOrEqual(layout.centre(0) + 4 - reach, 0, "and does not run off the left edge")
        let svg = e.all.first { $0.name == "svg" }
        XCTAssertEqual(svg.map { e.number($0, "height") } ?? 0, layout.height, accuracy: 0.01)
    }

    func testManyBarsWidenTheCanvas() {
        let chart = PlotBarChart(names: (0..<100).map { "l\($0)" }, values: (0..<100).map(Double.init))
        let layout = PlotBarsSVG.Layout(chart)
        XCTAssertEqual(layout.slot, PlotBarsSVG.minimumSlot)
        XCTAssertGreaterThan(layout.width, PlotSVG.width)
        let e = Elements(PlotBarsSVG.render(chart))
        XCTAssertEqual(e.of(class: "bar").count, 100)
        XCTAssertEqual(e.of(class: "bar-value").count, 0, "a hundred values over the bars would collide")
    }

    func testAProbeResultDrawsItsLayersWithTheTotalAndShares() throws {
        let dir = try directory()
        let (outcome, sink) = runScript("""
        network m { input [2]; dense(4) relu; dense(2) }
        let f = fisher_trace(m(), on: moons(40, seed: 0), exact: true)
        plot(f, to: "\(dir)/values.svg")
        plot(f, to: "\(dir)/shares.svg", share: true, title: "where the Fisher sits")
        print f.layers[0].value, f.layers[1].value, f.layers[0].share
        """)
        XCTAssertEqual(outcome, .success, sink.standardError)
        let printed = sink.standardOutput.split(separator: " ").compactMap { Double($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        XCTAssertEqual(printed.count, 3)
        let values = Elements(try String(contentsOfFile: dir + "/values.svg", encoding: .utf8))
        XCTAssertEqual(values.of(class: "bar-label").map(\.text), ["dense1", "dense3"])
        XCTAssertEqual(values.of(class: "bar").count, 2)
        let heights = values.of(class: "bar").map { values.number($0, "height") }
        XCTAssertEqual(heights[0] / heights[1], printed[0] / printed[1], accuracy: 0.01)
        let title = values.all.first { $0.attributes["font-weight"] == "bold" }?.text
        XCTAssertEqual(title, "fisher_trace")
        XCTAssertTrue(values.of(class: "note").first?.text.hasPrefix("total ") == true, "the total is shown under the title")
        let shares = Elements(try String(contentsOfFile: dir + "/shares.svg", encoding: .utf8))
        XCTAssertEqual(shares.all.first { $0.attributes["font-weight"] == "bold" }?.text, "where the Fisher sits")
        let ticks = shares.of(class: "tick").map(\.text)
        XCTAssertEqual(ticks.first, "0")
        XCTAssertEqual(ticks.last, "1", "shares are drawn on an axis from 0 to 1")
        XCTAssertTrue(shares.all.contains { $0.text == "share of total" })
        let shareHeights = shares.of(class: "bar").map { shares.number($0, "height") }
        XCTAssertEqual(shareHeights.reduce(0, +), PlotBarsSVG.axesHeight, accuracy: 0.05, "the shares add up to the whole axis")
        XCTAssertEqual(shareHeights[0] / PlotBarsSVG.axesHeight, printed[2], accuracy: 1e-3)
    }

    func testARecordOfNumbersDrawsBarsAndLeavesOutNonFiniteOnes() throws {
        let dir = try directory()
        let (outcome, sink) = runScript("""
        plot({sgd: 0.91, adam: 0.95, "very long optimiser name with momentum": num(\"nan\")}, to: "\(dir)/r.svg", style: "bars", y: "accuracy")
        """)
        XCTAssertEqual(outcome, .success, sink.standardError)
        let svg = try String(contentsOfFile: dir + "/r.svg", encoding: .utf8)
        let e = Elements(svg)
        XCTAssertEqual(e.of(class: "bar").count, 2)
        XCTAssertEqual(e.of(class: "bar-label").map(\.text), ["sgd", "adam", "very long optimiser name with momentum"])
        XCTAssertTrue(svg.contains("<!-- 1 bar not drawn (nan or inf) -->"))
        XCTAssertTrue(e.all.contains { $0.text == "accuracy" })
    }
}
