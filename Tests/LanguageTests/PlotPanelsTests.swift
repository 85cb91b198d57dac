import Foundation
@testable import Language
import XCTest

/// Stacked panels sharing the x axis: a run's loss, accuracy and probes, or a record's entries.
final class PlotPanelsTests: XCTestCase {
    typealias Elements = PlotBarsTests.Elements

    func directory() throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("infoscope-panels-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url.path
    }

    /// The texts rotated as y labels, which name the panels, in order.
    func panelNames(_ e: Elements) -> [String] {
        e.all.filter { $0.name == "text" && $0.attributes["transform"]?.hasPrefix("rotate(-90") == true }.map(\.text)
    }

    func testARunGetsLossAccuracyAndEachProbeOnStackedAxesSharingEpochs() throws {
        let dir = try directory()
        let (outcome, sink) = runScript("""
        let data = moons(60, seed: 0)
        network m { input [2]; dense(4) relu; dense(2) }
        probe fisher = fisher_trace(on: data, samples: 10, seed: 0)
        let run = train(m(), on: data, epochs: 3, batch: 20, seed: 1, eval: moons(20, seed: 2), probes: [fisher])
        plot(run, to: "\(dir)/run.svg", panels: true, title: "training")
        """)
        XCTAssertEqual(outcome, .success, sink.standardError)
        let e = Elements(try String(contentsOfFile: dir + "/run.svg", encoding: .utf8))
        XCTAssertEqual(e.all.filter { $0.name == "g" && $0.attributes["class"] == "panel" }.count, 3)
        XCTAssertEqual(panelNames(e), ["loss", "accuracy", "fisher"])
        let frames = e.of(class: "frame")
        XCTAssertEqual(frames.count, 3)
        XCTAssertEqual(Set(frames.map { e.number($0, "x") }).count, 1, "the axes line up")
        XCTAssertEqual(Set(frames.map { e.number($0, "width") }).count, 1)
        let tops = frames.map { e.number($0, "y") }
        XCTAssertEqual(tops, tops.sorted(), "panels stacked downwards in order")
        for (upper, lower) in zip(frames, frames.dropFirst()) {
            XCTAssertLessThan(e.number(upper, "y") + e.number(upper, "height"), e.number(lower, "y"), "panels do not overlap")
        }
        XCTAssertEqual(e.of(class: "series").count, 5, "loss and eval loss, accuracy and eval accuracy, fisher")
        XCTAssertEqual(e.of(class: "legend").count, 2, "the two panels with two lines each have a legend; the probe's lone line needs none")
        XCTAssertEqual(e.all.filter { $0.text == "epoch" }.count, 1, "one x label, under the last panel")
        // x tick labels sit under the last panel only.
        let lastBottom = e.number(frames[2], "y") + e.number(frames[2], "height")
        let xTicks = e.of(class: "tick").filter { $0.attributes["text-anchor"] == "middle" }
        XCTAssertFalse(xTicks.isEmpty)
        XCTAssertTrue(xTicks.allSatisfy { e.number($0, "y") > lastBottom })
    }

    func testARecordGetsOnePanelPerEntryWithBandsAndLogAxesPerPanel() throws {
        let dir = try directory()
        let (outcome, sink) = runScript("""
        plot({loss: [2.3, 0.9, 0.2], grad_norm: {first: [5, 2, 1], last: [1, 1, 0.5]}}, to: "\(dir)/r.svg", panels: true,
             log_y: true, band: {loss: [0.1, 0.1, 0.05]}, x_values: [1, 2, 3])
        """)
        XCTAssertEqual(outcome, .success, sink.standardError)
        let svg = try String(contentsOfFile: dir + "/r.svg", encoding: .utf8)
        let e = Elements(svg)
        XCTAssertEqual(panelNames(e), ["loss", "grad_norm"])
        XCTAssertEqual(e.of(class: "band").count, 1, "only the loss panel has a band")
        XCTAssertEqual(e.of(class: "series").count, 3)
        let legendNames = e.all.filter { $0.name == "text" && $0.attributes["text-anchor"] == "start" }.map(\.text)
        XCTAssertEqual(legendNames, ["first", "last"])
        let yTicks = e.of(class: "tick").filter { $0.attributes["text-anchor"] == "end" }.map(\.text)
        XCTAssertTrue(yTicks.contains("0.1") && yTicks.contains("10"), "decades on each panel's y axis: \(yTicks)")
        let xTicks = e.of(class: "tick").filter { $0.attributes["text-anchor"] == "middle" }.map(\.text)
        XCTAssertEqual(xTicks.first, "1")
        XCTAssertEqual(xTicks.last, "3")
    }

    func testPanelsShareOneXRangeEvenWhenTheirLinesDiffer() {
        let short = PlotFigure(series: [PlotSeries(name: "", xs: [0, 1], ys: [1, 2])], yLabel: "a")
        let long = PlotFigure(series: [PlotSeries(name: "", xs: [0, 10], ys: [1, 2])], yLabel: "b")
        let svg = PlotPanelsSVG.render([short, long], title: "", xLabel: "")
        let ends = svg.split(separator: "\n").filter { $0.contains("<path class=\"series\"") }.map { line -> Double in
            let d = line.components(separatedBy: " d=\"")[1].split(separator: "\"")[0]
            return Double(d.split(whereSeparator: { " ML".contains($0) }).dropLast().last ?? "") ?? 0
        }
        XCTAssertEqual(ends.count, 2)
        XCTAssertLessThan(ends[0], ends[1], "x = 1 sits a tenth of the way along the axis that reaches 10")
    }
}
