import Learning

/// Dataset transforms, each usable in a pipe: `train |> subset(1000, seed: 0) |> normalize`.
/// Every transform returns a new dataset; random ones take `seed:` (default: drawn from --seed).
extension BuiltinRegistry {
    static var transforms: [BuiltinFunction] {
        (selections + imageTransforms + labelTransforms).map { f in
            guard f.name != "normalize" else { return f }
            return BuiltinFunction(f.name, f.parameters, doc: f.doc) { a in
                keepingNormalization(of: a[0], try f.body(a))
            }
        }
    }

    /// `result` carrying the normalisation statistics recorded on `input`, if any.
    static func keepingNormalization(of input: Value, _ result: Value) -> Value {
        guard case .object(let source as DatasetValue) = input, let stats = source.normalization,
              case .object(let made as DatasetValue) = result, made.normalization == nil else { return result }
        return .object(DatasetValue(made.dataset, normalization: stats))
    }

    static var selections: [BuiltinFunction] {
        [
            def("normalize", [.required("data"), .optional("like", .none)], "data",
                "standardise each channel to mean 0 and standard deviation 1",
                "Uses the data's own statistics, or those of the dataset given as like (e.g. normalize a test set "
                    + "like the training set); when like was itself normalised, the statistics it was normalised with. "
                    + "A constant channel is only centred.",
                example: "glyphs(100, seed: 0) |> normalize") { a in
                let d = try a.dataset(0)
                var stats = d.channelStatistics()
                if case .object(let like as DatasetValue) = a[1] {
                    stats = like.normalization ?? like.dataset.channelStatistics()
                } else if !a.isNone(1) {
                    throw a.fail(1, expected: "a dataset")
                }
                return .object(DatasetValue(try d.normalized(using: stats), normalization: stats))
            },
            def("subset", [.required("data"), .required("n"), .optional("seed", .none)], "data",
                "n samples drawn at random without replacement, in their original order",
                "n must be between 0 and the dataset's size.",
                example: "glyphs(1000, seed: 0) |> subset(100, seed: 1)") { a in
                .dataset(try a.dataset(0).subset(try a.integer(1), stream: try a.stream(2)))
            },
            def("classes", [.required("data"), .required("keep"), .optional("relabel", .bool(true))], "data",
                "only the samples of the listed classes",
                "keep lists class indices. With relabel (the default) class keep[j] becomes label j; "
                    + "otherwise labels and class names stay as they were.",
                example: "glyphs(100, seed: 0) |> classes([3, 5])") { a in
                .dataset(try a.dataset(0).classSubset(try a.integers(1), relabel: try a.bool(2)))
            },
            def("nuisance", [.required("data"), .required("factor")], "data",
                "the values of one nuisance factor, one per sample",
                "The factor is one of data.nuisances (for glyphs: dx, dy, scale, rotation, stroke, noise).",
                example: "len(glyphs(10, seed: 0) |> nuisance(\"rotation\"))  # 10") { a in
                guard case .object(let o as DatasetValue) = a[0] else { throw a.fail(0, expected: "a dataset") }
                let name = try a.string(1)
                guard let column = o.nuisanceColumn(name) else {
                    throw RuntimeError(Messages.noNuisance(name, o.dataset.nuisances.names), parameter: 1,
                                       notes: closestName(to: name, among: o.dataset.nuisances.names).map { [Messages.didYouMean($0)] } ?? [])
                }
                return column
            },
        ]
    }

    static var imageTransforms: [BuiltinFunction] {
        [
            def("shift", [.required("data"), .optional("dx", .number(0)), .optional("dy", .number(0)),
                          .optional("max", .none), .optional("seed", .none)], "data",
                "move image content by dx, dy pixels (right, down), or randomly by up to max",
                "With max, each image moves by whole pixels drawn from -max..max on each axis. Shifts add to the "
                    + "dx and dy nuisances.",
                example: "glyphs(10, seed: 0) |> shift(max: 2, seed: 0)") { a in
                let d = try a.dataset(0)
                if let m = try a.optionalNumber(3) {
                    guard isExactInteger(m), m >= 0 else { throw a.fail(3, expected: "an integer ≥ 0") }
                    return .dataset(try d.shiftedRandomly(maxPixels: Int(m), stream: try a.stream(4)))
                }
                return .dataset(try d.shifted(dx: try a.float(1), dy: try a.float(2)))
            },
            def("rotate", [.required("data"), .optional("degrees", .none), .optional("max", .none),
                           .optional("seed", .none)], "data",
                "rotate images counter-clockwise by degrees, or randomly by up to max degrees",
                "Bilinear, filling with 0; give exactly one of degrees and max. Adds to the rotation nuisance.",
                example: "glyphs(10, seed: 0) |> rotate(90)") { a in
                let d = try a.dataset(0)
                switch (a.isNone(1), a.isNone(2)) {
                case (false, true): return .dataset(try d.rotated(degrees: try a.float(1)))
                case (true, false): return .dataset(try d.rotatedRandomly(maxDegrees: try a.float(2), stream: try a.stream(3)))
                default: throw RuntimeError(Messages.exactlyOne("rotate", "degrees", "max"))
                }
            },
            def("blur", [.required("data"), .optional("sigma", .none), .optional("downsample", .none),
                         .optional("smooth", .bool(true))], "data",
                "blur images: Gaussian (sigma pixels) or down- then up-sampling by a factor",
                "Give exactly one of sigma and downsample. downsample: k replaces each image by its k-times smaller "
                    + "version scaled back up (bilinear, or blocky with smooth: false): the deficit of the critical "
                    + "learning period experiments.",
                example: "glyphs(10, seed: 0) |> blur(downsample: 4)") { a in
                let d = try a.dataset(0)
                switch (a.isNone(1), a.isNone(2)) {
                case (false, true): return .dataset(try d.blurred(sigma: try a.float(1)))
                case (true, false): return .dataset(try d.downsampled(factor: try a.integer(2), smooth: try a.bool(3)))
                default: throw RuntimeError(Messages.exactlyOne("blur", "sigma", "downsample"))
                }
            },
            def("noise", [.required("data"), .required("std"), .optional("seed", .none)], "data",
                "add Gaussian noise of standard deviation std to every value",
                "Values are not clipped. The noise nuisance records the total standard deviation added.",
                example: "glyphs(10, seed: 0) |> noise(0.1, seed: 0)") { a in
                .dataset(try a.dataset(0).withNoise(std: try a.float(1), stream: try a.stream(2)))
            },
            def("noise_images", [.required("data"), .optional("seed", .none)], "data",
                "replace every image by uniform noise, keeping the labels",
                "A deficit whose inputs carry no information about the label.",
                example: "glyphs(10, seed: 0) |> noise_images(seed: 0)") { a in
                .dataset(try a.dataset(0).noiseImages(stream: try a.stream(1)))
            },
            def("crop", [.required("data"), .required("height"), .optional("width", .none), .optional("padding", .number(0)),
                         .optional("random", .bool(false)), .optional("seed", .none)], "data",
                "crop images to height × width after padding each side with zeros",
                "width defaults to height. The crop is centred, or at a random place per image with random: true. "
                    + "The content's offset is added to the dx and dy nuisances.",
                example: "glyphs(10, seed: 0) |> crop(24)") { a in
                let h = try a.integer(1)
                let w = a.isNone(2) ? h : try a.integer(2)
                let stream = try a.bool(4) ? try a.stream(5) : nil
                return .dataset(try a.dataset(0).cropped(height: h, width: w, padding: try a.integer(3), stream: stream))
            },
            def("flip", [.required("data"), .optional("direction", .string("horizontal"))], "data",
                "mirror every image left-right (\"horizontal\") or top-bottom (\"vertical\")",
                "Toggles the flip_h or flip_v nuisance.",
                example: "glyphs(10, seed: 0) |> flip(\"vertical\")") { a in
                let direction = try a.string(1)
                guard direction == "horizontal" || direction == "vertical" else {
                    throw RuntimeError(Messages.unknownChoice("flip", "direction", "\"horizontal\" or \"vertical\"", direction), parameter: 1)
                }
                return .dataset(try a.dataset(0).flipped(horizontal: direction == "horizontal"))
            },
        ]
    }

    static var labelTransforms: [BuiltinFunction] {
        [
            def("label_noise", [.required("data"), .required("fraction"), .optional("seed", .none)], "data",
                "replace a fraction of the labels by uniformly random ones",
                "round(fraction × size) samples, chosen at random, get a label drawn from all classes (so about "
                    + "1/K keep theirs). The true labels stay in the original_label nuisance.",
                example: "glyphs(100, seed: 0) |> label_noise(0.2, seed: 0)") { a in
                .dataset(try a.dataset(0).labelNoise(fraction: try a.number(1), stream: try a.stream(2)))
            },
            def("permute_labels", [.required("data"), .optional("seed", .none)], "data",
                "relabel through one random permutation of the classes",
                "Class c becomes π(c) for a fixed random bijection π: the task stays as learnable.",
                example: "glyphs(100, seed: 0) |> permute_labels(seed: 0)") { a in
                .dataset(try a.dataset(0).permutingLabels(stream: try a.stream(1)).dataset)
            },
            def("random_labels", [.required("data"), .optional("seed", .none)], "data",
                "give every sample an independent uniformly random label",
                "Nothing in the inputs predicts the labels any more, so a network can only memorise them.",
                example: "glyphs(100, seed: 0) |> random_labels(seed: 0)") { a in
                .dataset(try a.dataset(0).randomLabels(stream: try a.stream(1)))
            },
        ]
    }
}
