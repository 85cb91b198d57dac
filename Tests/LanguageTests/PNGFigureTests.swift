import CZlib
import Foundation
@testable import Language
import XCTest

/// PNG figures: the encoder's file against a decoder written here from the format, the
/// rasteriser's fills, strokes and letters against the pixels they must cover, and `plot`'s and
/// `plot_image`'s PNG files against their SVG drawings.
final class PNGFigureTests: XCTestCase {
    /// A decoded PNG: its size and RGB bytes.
    struct Decoded {
        var width: Int, height: Int, rgb: [UInt8]

        func pixel(_ x: Int, _ y: Int) -> [UInt8] { Array(rgb[(3 * (y * width + x))..<(3 * (y * width + x) + 3)]) }
    }

    /// Reads an 8-bit RGB PNG with every chunk's CRC checked and the filters undone (types 0–2,
    /// the ones a writer of flat figures would use).
    func decode(_ file: [UInt8]) throws -> Decoded {
        XCTAssertEqual(Array(file.prefix(8)), [137, 80, 78, 71, 13, 10, 26, 10], "signature")
        var at = 8, width = 0, height = 0, data: [UInt8] = [], ended = false
        func read32(_ i: Int) -> Int { file[i..<(i + 4)].reduce(0) { $0 << 8 | Int($1) } }
        while at < file.count {
            let length = read32(at), typed = Array(file[(at + 4)..<(at + 8 + length)])
            let crc = typed.withUnsafeBufferPointer { crc32(0, $0.baseAddress, uInt($0.count)) }
            XCTAssertEqual(Int(crc), read32(at + 8 + length), "CRC of a chunk")
            let type = String(decoding: typed.prefix(4), as: UTF8.self), body = Array(typed.dropFirst(4))
            switch type {
            case "IHDR":
                width = Int(body[0..<4].reduce(0) { $0 << 8 | UInt32($1) })
                height = Int(body[4..<8].reduce(0) { $0 << 8 | UInt32($1) })
                XCTAssertEqual(Array(body[8...]), [8, 2, 0, 0, 0], "8-bit RGB, not interlaced")
            case "IDAT": data += body
            case "IEND": ended = true
            default: XCTFail("unexpected chunk \(type)")
            }
            at += 12 + length
        }
        XCTAssertTrue(ended)
        let stride = 3 * width
        var raw = [UInt8](repeating: 0, count: height * (stride + 1))
        var size = uLong(raw.count)
        let status = raw.withUnsafeMutableBufferPointer { r in data.withUnsafeBufferPointer { uncompress(r.baseAddress, &size, $0.baseAddress, uLong($0.count)) } }
        XCTAssertEqual(status, Z_OK)
        XCTAssertEqual(Int(size), raw.count)
        var rgb = [UInt8](repeating: 0, count: height * stride)
        for y in 0..<height {
            let filter = raw[y * (stride + 1)]
            for x in 0..<stride {
                let value = raw[y * (stride + 1) + 1 + x]
                let left = x >= 3 ? rgb[y * stride + x - 3] : 0, up = y > 0 ? rgb[(y - 1) * stride + x] : 0
                switch filter {
                case 0: rgb[y * stride + x] = value
                case 1: rgb[y * stride + x] = value &+ left
                case 2: rgb[y * stride + x] = value &+ up
                default: throw XCTSkip("filter \(filter) is not read here")
                }
            }
        }
        return Decoded(width: width, height: height, rgb: rgb)
    }

    func testTheEncodersFileDecodesToItsPixels() throws {
        let rgb: [UInt8] = [255, 0, 0, 0, 255, 0, 0, 0, 255, 10, 20, 30, 40, 50, 60, 70, 80, 90]
        let decoded = try decode(try PNGEncoder.encode(width: 3, height: 2, rgb: rgb))
        XCTAssertEqual(decoded.width, 3)
        XCTAssertEqual(decoded.height, 2)
        XCTAssertEqual(decoded.rgb, rgb)
    }

    func testAFilledRectangleCoversItsPixelsAndHalfOfThoseItHalfCovers() {
        var canvas = RasterCanvas(width: 6, height: 4)
        canvas.fill([RasterStroke.rectangle(x: 1, y: 1, width: 2.5, height: 2)], colour: .black)
        let bytes = canvas.bytes
        func grey(_ x: Int, _ y: Int) -> UInt8 { bytes[3 * (y * 6 + x)] }
        XCTAssertEqual([grey(1, 1), grey(2, 2)], [0, 0], "wholly inside")
        XCTAssertEqual(grey(3, 1), 128, "half inside: half way from white to black")
        XCTAssertEqual([grey(0, 0), grey(4, 1), grey(1, 3)], [255, 255, 255], "outside")
    }

    func testOverlappingPiecesOfAStrokeCoverAPixelOnce() {
        // A dot drawn as two identical squares in one fill is as dark as one square, not darker
        // (the nonzero rule), and a translucent fill mixes with the white below.
        var canvas = RasterCanvas(width: 4, height: 4)
        let square = RasterStroke.rectangle(x: 1, y: 1, width: 2, height: 2)
        canvas.fill([square, square], colour: RasterColour(red: 0, green: 0, blue: 0), opacity: 0.5)
        XCTAssertEqual(canvas.bytes[3 * (1 * 4 + 1)], 128)
    }

    func testOutlinesFarOffTheCanvasAreCutNotFatal() {
        var canvas = RasterCanvas(width: 4, height: 3)
        canvas.fill([RasterStroke.rectangle(x: -1e300, y: -1e300, width: 2e300, height: 2e300)], colour: .black)
        XCTAssertEqual(Set(canvas.bytes), [0], "a rectangle around the canvas covers all of it")
        canvas.fill([RasterStroke.rectangle(x: 0, y: 1e300, width: 1, height: 1)], colour: .white)
        canvas.fill([RasterStroke.circle(center: RasterPoint(x: 1, y: 1), radius: .nan)], colour: .white)
        XCTAssertEqual(Set(canvas.bytes), [0], "nothing drawn below the canvas or with no radius")
    }

    func testADashedLineLeavesItsGaps() {
        let pieces = RasterStroke.dashed([RasterPoint(x: 0, y: 0), RasterPoint(x: 10, y: 0), RasterPoint(x: 10, y: 8)], [6, 3])
        // 18 units of path: drawn 0–6, gap 6–9, drawn 9–15 (across the corner), gap 15–18.
        XCTAssertEqual(pieces.count, 2)
        XCTAssertEqual(pieces[0], [RasterPoint(x: 0, y: 0), RasterPoint(x: 6, y: 0)])
        XCTAssertEqual(pieces[1], [RasterPoint(x: 9, y: 0), RasterPoint(x: 10, y: 0), RasterPoint(x: 10, y: 5)])
    }

    func testLettersAreDrawnWhereTheAnchorPutsThemAndARotationTurnsThem() throws {
        func inkBox(_ svg: String) throws -> (x: ClosedRange<Int>, y: ClosedRange<Int>) {
            let canvas = try SVGRaster.render(svg), bytes = canvas.bytes
            var xs: [Int] = [], ys: [Int] = []
            for y in 0..<canvas.height { for x in 0..<canvas.width where bytes[3 * (y * canvas.width + x)] < 128 { xs.append(x); ys.append(y) } }
            return (try XCTUnwrap(xs.min())...(try XCTUnwrap(xs.max())), try XCTUnwrap(ys.min())...(try XCTUnwrap(ys.max())))
        }
        let head = "<svg width=\"100\" height=\"100\" font-size=\"10\">"
        // Font size 10 at twice the size: font pixels of 2; "HI" has ink in 10 of its 11 columns, 7 rows high.
        let start = try inkBox(head + "<text x=\"10\" y=\"50\" text-anchor=\"start\">HI</text></svg>")
        XCTAssertEqual(start.x, 20...39)
        XCTAssertEqual(start.y, 86...99)
        let end = try inkBox(head + "<text x=\"90\" y=\"50\" text-anchor=\"end\">HI</text></svg>")
        XCTAssertEqual(end.x, 158...177)
        let turned = try inkBox(head + "<text x=\"50\" y=\"50\" text-anchor=\"middle\" transform=\"rotate(-90 50 50)\">HI</text></svg>")
        XCTAssertEqual(turned.x.count, 14, "the letters' height now runs across")
        XCTAssertEqual(turned.y.count, 20, "and their width runs down")
    }

    func testAnElementTheWritersNeverUseIsAnErrorNotAGap() {
        XCTAssertThrowsError(try SVGRaster.render("<svg width=\"10\" height=\"10\"><ellipse cx=\"1\"/></svg>"))
        XCTAssertThrowsError(try SVGRaster.render("<svg width=\"10\" height=\"10\"><path d=\"M0 0 C1 1 2 2 3 3\" stroke=\"#000\"/></svg>"))
    }

    func testPlotWritesAPNGOfItsSVGDrawing() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("infoscope-png-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (outcome, sink) = runScript("""
        plot({loss: [2.3, 1.1, 0.6, 0.4], acc: [0.3, 0.7, 0.8, 0.9]}, to: "\(dir)/curves.png", title: "training", x: "epoch")
        plot({loss: [2.3, 1.1, 0.6, 0.4], acc: [0.3, 0.7, 0.8, 0.9]}, to: "\(dir)/curves.svg", title: "training", x: "epoch")
        plot_image(tensor([0, 1, 2, 3, 4, 5], shape: [2, 3]), to: "\(dir)/map.png", title: "a map")
        """)
        XCTAssertEqual(outcome, .success, sink.standardError)
        let curves = try decode(Array(try Data(contentsOf: URL(fileURLWithPath: dir + "/curves.png"))))
        let svg = try String(contentsOfFile: dir + "/curves.svg", encoding: .utf8)
        let afterWidth = try XCTUnwrap(svg.range(of: "<svg ")).upperBound
        let widthText = svg[afterWidth...].components(separatedBy: "width=\"")[1].prefix { $0 != "\"" }
        let svgWidth = try XCTUnwrap(Double(widthText))
        XCTAssertEqual(curves.width, Int((svgWidth * SVGRaster.scale).rounded(.up)), "twice the SVG's size")
        let colours = Set(stride(from: 0, to: curves.rgb.count, by: 3).map { curves.rgb[$0..<($0 + 3)].map { Int($0) } })
        XCTAssertTrue(colours.contains([0x00, 0x72, 0xb2]), "the first line's colour")
        XCTAssertTrue(colours.contains([0xd5, 0x5e, 0x00]), "the second line's colour")
        XCTAssertTrue(colours.contains([0, 0, 0]), "black lettering")
        XCTAssertEqual(curves.pixel(0, 0), [255, 255, 255], "white background")
        let map = try decode(Array(try Data(contentsOf: URL(fileURLWithPath: dir + "/map.png"))))
        let mapColours = Set(stride(from: 0, to: map.rgb.count, by: 3).map { map.rgb[$0..<($0 + 3)].map { Int($0) } })
        XCTAssertTrue(mapColours.contains([0x44, 0x01, 0x54]) && mapColours.contains([0xfd, 0xe7, 0x25]), "the ramp's two ends")
    }
}
