import Foundation
@testable import Language
import XCTest

/// plot_image: heat maps with a colour bar, colour images and grids of a data set's images.
final class PlotImageTests: XCTestCase {
    typealias Elements = PlotBarsTests.Elements

    /// The pixel rects of a document: the rects that follow each scaled group, up to the next
    /// element of another kind, as (x, y, width, fill).
    func pixels(_ e: Elements) -> [(x: Int, y: Int, width: Int, fill: String)] {
        var result: [(x: Int, y: Int, width: Int, fill: String)] = []
        var inside = false
        for element in e.all {
            if element.name == "g", element.attributes["transform"]?.contains("scale") == true {
                inside = true
            } else if inside, element.name == "rect" {
                result.append((Int(element.attributes["x"] ?? "") ?? -1, Int(element.attributes["y"] ?? "") ?? -1,
                               Int(element.attributes["width"] ?? "") ?? -1, element.attributes["fill"] ?? ""))
            } else {
                inside = false
            }
        }
        return result
    }

    func testAHeatMapRunsFromTheLowestToTheHighestValueWithAColourBar() {
        let picture = PlotImageSVG.Picture(channels: 1, height: 2, width: 3, values: [0, 0, 0, 1, .nan, 2])
        let e = Elements(PlotImageSVG.render(picture, title: "map"))
        let rects = pixels(e)
        // The first row is one run of equal values; the second has three different colours.
        XCTAssertEqual(rects.map(\.width), [3, 1, 1, 1])
        XCTAssertEqual(rects[0].fill, "#440154", "the lowest value takes the ramp's first colour")
        XCTAssertEqual(rects[3].fill, "#fde725", "the highest its last")
        XCTAssertEqual(rects[2].fill, PlotImageSVG.missing, "nan is grey")
        let texts = e.all.filter { $0.name == "text" }.map(\.text)
        XCTAssertEqual(texts.first, "map")
        XCTAssertTrue(texts.contains("1 value is nan or infinite (grey)"), "\(texts)")
        XCTAssertTrue(texts.contains("0") && texts.contains("2") && texts.contains("1"), "colour bar ticks: \(texts)")
    }

    func testAColourImageScalesItsThreeChannelsTogether() {
        // Two pixels: pure red at the top of the range, black at its bottom.
        let picture = PlotImageSVG.Picture(channels: 3, height: 1, width: 2, values: [4, 0, 0, 0, 0, 0])
        let e = Elements(PlotImageSVG.render(picture, title: ""))
        XCTAssertEqual(pixels(e).map(\.fill), ["#ff0000", "#000000"])
        XCTAssertTrue(e.all.filter { $0.name == "text" }.isEmpty, "no colour bar, no title")
    }

    func testAGridCaptionsEachImageAndScalesItToItsOwnRange() {
        let a = PlotImageSVG.Picture(channels: 1, height: 1, width: 2, values: [1, 3], caption: "cat")
        let b = PlotImageSVG.Picture(channels: 1, height: 1, width: 2, values: [10, 20], caption: "dog")
        let e = Elements(PlotImageSVG.grid([a, b], columns: 2, title: "samples"))
        XCTAssertEqual(pixels(e).map(\.fill), ["#000000", "#ffffff", "#000000", "#ffffff"])
        XCTAssertEqual(e.all.filter { $0.name == "text" }.map(\.text), ["samples", "cat", "dog"])
    }

    /// A title longer than the picture is wide widens the figure, so no letter falls off an edge,
    /// and the picture is centred under it; a short title leaves the width alone.
    func testALongTitleWidensTheFigure() throws {
        let picture = PlotImageSVG.Picture(channels: 1, height: 16, width: 16, values: [Double](repeating: 1, count: 256))
        let title = "effective information per pixel, low-information network"
        // Each layout's own width and the margin before its first picture.
        for (svg, content, margin) in [(PlotImageSVG.render(picture, title: title), 16.0 + 256 + 110, 16.0),
                                       (PlotImageSVG.grid([picture, picture], columns: 2, title: title), 10.0 + 2 * (64 + 10), 10.0)] {
            let e = Elements(svg)
            let width = try XCTUnwrap(Double(e.all.first { $0.name == "svg" }?.attributes["width"] ?? ""))
            // 14-point sans-serif letters are about 8 units wide on average: the title needs ~460.
            XCTAssertGreaterThanOrEqual(width, Double(title.count) * 8 + 16)
            XCTAssertGreaterThan(width, content)
            let group = try XCTUnwrap(e.all.first { $0.name == "g" }?.attributes["transform"])
            XCTAssertTrue(group.hasPrefix("translate(\(PlotSVG.fmt((PlotImageSVG.titleWidth(title) - content) / 2 + margin)) "), "\(group) in \(width)")
        }
        let short = Elements(PlotImageSVG.render(picture, title: "map"))
        XCTAssertEqual(short.all.first { $0.name == "svg" }?.attributes["width"], PlotSVG.fmt(16 + 256 + 110))
    }

    func testAConstantImageIsOneColourAndNothingFinitePicksADefaultRange() {
        XCTAssertEqual(PlotImageSVG.range([5, 5]).0, 5)
        XCTAssertEqual(PlotImageSVG.range([5, 5]).1, 6)
        XCTAssertEqual(PlotImageSVG.range([.nan]).0, 0)
        XCTAssertEqual(PlotImageSVG.heat(-1), PlotImageSVG.heat(0))
        XCTAssertEqual(PlotImageSVG.heat(2), "#fde725")
    }
}
