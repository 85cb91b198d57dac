import Foundation
@testable import Language
import XCTest

/// Legends show every name whole: the column widens for long names and wraps very long ones.
final class PlotLegendTests: XCTestCase {
    typealias Elements = PlotBarsTests.Elements

    func legendTexts(_ e: Elements) -> [Elements.Element] {
        // The legend's names are the start-anchored texts; tick labels and titles are centred or end-anchored.
        e.all.filter { $0.name == "text" && $0.attributes["text-anchor"] == "start" }
    }

    func testShortNamesKeepTheUsualLayout() {
        let svg = PlotSVG.render(PlotFigure(series: [PlotSeries(name: "loss", xs: [0, 1], ys: [1, 2])]))
        let e = Elements(svg)
        XCTAssertEqual(e.all.first { $0.name == "svg" }?.attributes["width"], "720")
        XCTAssertEqual(e.number(e.of(class: "frame")[0], "width"), PlotSVG.width - PlotSVG.left - PlotSVG.right - PlotLegend.minimumWidth)
    }

    func testALongNameIsShownWholeAndWidensTheFigure() {
        let name = "eval accuracy, width 512"  // 24 characters: cut to 19 before
        let svg = PlotSVG.render(PlotFigure(series: [PlotSeries(name: name, xs: [0, 1], ys: [1, 2]),
                                                     PlotSeries(name: "b", xs: [0, 1], ys: [2, 1])]))
        let e = Elements(svg)
        XCTAssertEqual(legendTexts(e).map(\.text), [name, "b"])
        let width = Double(e.all.first { $0.name == "svg" }?.attributes["width"] ?? "") ?? 0
        let legend = PlotLegend(names: [name, "b"])
        XCTAssertGreaterThan(legend.width, PlotLegend.minimumWidth)
        XCTAssertEqual(width, PlotSVG.width + legend.width - PlotLegend.minimumWidth)
        let frame = e.of(class: "frame")[0]
        let right = e.number(frame, "x") + e.number(frame, "width")
        XCTAssertEqual(right, PlotSVG.width - PlotSVG.right - PlotLegend.minimumWidth, "the axes keep their width")
        let textStart = e.number(legendTexts(e)[0], "x")
        XCTAssertLessThanOrEqual(textStart + Double(name.count) * PlotBarsSVG.characterWidth, width, "the name ends inside the canvas")
    }

    func testAVeryLongNameWrapsAtWordBreaksAndPushesLaterEntriesDown() {
        let name = "validation cross-entropy of the widest network, averaged over five seeds"
        let lines = PlotLegend.wrap(name)
        XCTAssertGreaterThan(lines.count, 1)
        XCTAssertTrue(lines.allSatisfy { $0.count <= PlotLegend.wrapLength })
        XCTAssertEqual(lines.joined(separator: " ").replacingOccurrences(of: "- ", with: "-"), name, "nothing is lost")
        XCTAssertEqual(PlotLegend.wrap(String(repeating: "x", count: 80)).map(\.count), [36, 36, 8], "no break: cut at the limit")
        let svg = PlotSVG.render(PlotFigure(series: [PlotSeries(name: name, xs: [0, 1], ys: [1, 2]),
                                                     PlotSeries(name: "b", xs: [0, 1], ys: [2, 1])]))
        let texts = legendTexts(Elements(svg))
        XCTAssertEqual(texts.map(\.text), lines + ["b"])
        let ys = texts.map { Double($0.attributes["y"] ?? "") ?? 0 }
        XCTAssertEqual(ys[1] - ys[0], PlotLegend.lineStep)
        XCTAssertEqual(ys.last! - ys[lines.count - 1], PlotLegend.entryStep, "the next entry starts below the wrapped one")
    }
}
