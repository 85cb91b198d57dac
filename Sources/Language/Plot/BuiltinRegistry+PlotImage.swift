import Foundation
import Learning

/// `plot_image`: a heat map with a colour bar (a per-pixel information map), a colour image, or a
/// grid of a data set's images, written as an SVG file.
extension BuiltinRegistry {
    static var imagePlots: [BuiltinFunction] {
        [
            def("plot_image", "plots", "draw an image, a heat map with a colour bar, or a grid of a data set's images, into an SVG file",
                "values is a tensor of shape [h, w] or [1, h, w] (a heat map: each value's colour on a blue-green-yellow "
                    + "scale from the lowest value to the highest, with a colour bar; nan and infinities grey, counted in a note), "
                    + "[3, h, w] (a colour image, red, green and blue scaled together from their range), a list of numbers with "
                    + "shape: giving one of those shapes (a probe's per-pixel map: plot_image(r.map, shape: r.map_shape, ...)), "
                    + "or a data set of images, whose first count samples are drawn in a grid, each in grey (or colour) scaled to "
                    + "its own range and captioned with its class. title labels the figure. to must end in .svg or .png; the file is "
                    + "replaced atomically.",
                example: "plot_image(tensor([0, 1, 2, 3, 4, 5], shape: [2, 3]), to: \"{temp_dir()}/map.svg\", title: \"a map\"); "
                    + "plot_image(glyphs(8, seed: 0), to: \"{temp_dir()}/glyphs.svg\", count: 8)",
                signature: "plot_image(values, to: \"file.svg\", shape: none, title: \"\", count: 16)") { p in
                let values = p.required("values", .any), to = p.output("to")
                let shape = p.optional("shape", .integers)
                let title = p.optional("title", .string, default: .string(""))
                let count = p.optional("count", .integer(atLeast: 1), default: .number(16))
                return { a in
                    let path = try a[to]
                    try checkFigureFormat(path, parameter: to.index)
                    let svg: String
                    switch try a[values] {
                    case .object(let data as DatasetValue):
                        let pictures = try datasetPictures(data.dataset, count: try a[count], parameter: values.index)
                        svg = PlotImageSVG.grid(pictures, columns: Int(Double(pictures.count).squareRoot().rounded(.up)),
                                                title: try a[title])
                    case let other:
                        let (numbers, given) = try imageValues(other, parameter: values.index)
                        let picture = try picture(numbers, shape: try a[shape] ?? given, parameter: shape.index)
                        svg = PlotImageSVG.render(picture, title: try a[title])
                    }
                    try writeFigure(svg, to: path, parameter: to.index)
                    return .none
                }
            },
        ]
    }

    /// The numbers of a tensor or a list, and the tensor's own shape.
    private static func imageValues(_ value: Value, parameter: Int) throws -> ([Double], [Int]?) {
        switch value {
        case .object(let t as TensorValue): return (t.tensor.scalars.map(Double.init), t.tensor.shape)
        case .list(let items):
            let numbers = items.compactMap { item -> Double? in if case .number(let x) = item { return x } else { return nil } }
            guard numbers.count == items.count else { throw RuntimeError(Messages.plotImageValues(value.typeName), parameter: parameter) }
            return (numbers, nil)
        default: throw RuntimeError(Messages.plotImageValues(value.typeName), parameter: parameter)
        }
    }

    /// One picture of `numbers` laid out in `shape` ([h, w], [1, h, w] or [3, h, w]).
    private static func picture(_ numbers: [Double], shape: [Int]?, parameter: Int) throws -> PlotImageSVG.Picture {
        guard let shape else { throw RuntimeError(Messages.plotImageNeedsShape(numbers.count), parameter: parameter) }
        let (channels, height, width): (Int, Int, Int)
        switch shape.count {
        case 2: (channels, height, width) = (1, shape[0], shape[1])
        case 3 where shape[0] == 1 || shape[0] == 3: (channels, height, width) = (shape[0], shape[1], shape[2])
        default: throw RuntimeError(Messages.plotImageShape(shape), parameter: parameter)
        }
        guard height > 0, width > 0, channels * height * width == numbers.count else {
            throw RuntimeError(Messages.plotImageCount(shape, numbers.count), parameter: parameter)
        }
        return PlotImageSVG.Picture(channels: channels, height: height, width: width, values: numbers)
    }

    /// The first `count` samples of an image data set, captioned with their classes.
    private static func datasetPictures(_ data: Dataset, count: Int, parameter: Int) throws -> [PlotImageSVG.Picture] {
        let shape = data.sampleShape
        guard shape.count == 3, shape[0] == 1 || shape[0] == 3 else {
            throw RuntimeError(Messages.plotImageDataset(data.name, shape), parameter: parameter)
        }
        let size = data.sampleSize
        return (0..<min(count, data.count)).map { i in
            let label = Int(data.labels[i])
            let name = label < data.classNames.count ? data.classNames[label] : "\(label)"
            return PlotImageSVG.Picture(channels: shape[0], height: shape[1], width: shape[2],
                                        values: data.features[(i * size)..<((i + 1) * size)].map(Double.init), caption: name)
        }
    }
}
