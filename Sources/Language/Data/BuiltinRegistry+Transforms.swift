import Learning

/// Dataset transforms, each usable in a pipe: `train |> subset(1000, seed: 0) |> normalize`.
/// Every transform returns a new dataset; random ones take `seed:` (default: drawn from --seed).
extension BuiltinRegistry {
    static var transforms: [BuiltinFunction] {
        selections.map(carryingNormalization) + (imageTransforms + labelTransforms).map(keepsSamples)
    }

    /// Every transform takes its data first (the pipe passes it there), so the wrapper finds the
    /// input at 0 whatever the transform's other parameters.
    private static func carryingNormalization(_ f: BuiltinFunction) -> BuiltinFunction {
        guard f.name != "normalize" else { return f }
        let wrapped = BuiltinFunction(f.name, f.parameters, doc: f.doc) { a in keepingNormalization(of: a[0], try f.body(a)) }
        wrapped.datasetFacts = f.datasetFacts
        return wrapped
    }

    /// A transform that keeps the samples, their shape and the classes: unless it says otherwise,
    /// `check` knows of its result what it knows of its input.
    private static func keepsSamples(_ f: BuiltinFunction) -> BuiltinFunction {
        let wrapped = carryingNormalization(f)
        if wrapped.datasetFacts == nil { wrapped.datasetFacts = { s in s.expression(0).flatMap(s.walk.datasetFacts) } }
        return wrapped
    }

    /// `result` carrying the normalisation statistics recorded on `input`, if any.
    static func keepingNormalization(of input: Value, _ result: Value) -> Value {
        guard case .object(let source as DatasetValue) = input, let stats = source.normalization,
              case .object(let made as DatasetValue) = result, made.normalization == nil else { return result }
        return .object(DatasetValue(made.dataset, normalization: stats))
    }

    static var selections: [BuiltinFunction] {
        [
            def("normalize", "data",
                "standardise each channel to mean 0 and standard deviation 1",
                "Uses the data's own statistics, or those of the dataset given as like (e.g. normalize a test set "
                    + "like the training set); when like was itself normalised, the statistics it was normalised with. "
                    + "A constant channel is only centred.",
                example: "glyphs(100, seed: 0) |> normalize") { p in
                let data = p.required("data", .dataset), like = p.optional("like", .datasetValue)
                p.makesDataset { s in s.dataset(data) }
                return { a in
                    let d = try a[data]
                    let stats = try a[like].map { $0.normalization ?? $0.dataset.channelStatistics() } ?? d.channelStatistics()
                    return .object(DatasetValue(try d.normalized(using: stats), normalization: stats))
                }
            },
            def("subset", "data",
                "n samples drawn at random without replacement, in their original order",
                "n must be between 0 and the dataset's size.",
                example: "glyphs(1000, seed: 0) |> subset(100, seed: 1)") { p in
                let data = p.required("data", .dataset), n = p.required("n", .integer(atLeast: 0))
                let seed = p.optional("seed", .integer(atLeast: 0))
                p.makesDataset { s in s.dataset(data).map { DatasetFacts(count: s.value(n), shape: $0.shape, classes: $0.classes) } }
                return { a in .dataset(try a[data].subset(try a[n], stream: try a.stream(seed))) }
            },
            def("classes", "data",
                "only the samples of the listed classes",
                "keep lists class indices. With relabel (the default) class keep[j] becomes label j; "
                    + "otherwise labels and class names stay as they were.",
                example: "glyphs(100, seed: 0) |> classes([3, 5])") { p in
                let data = p.required("data", .dataset), keep = p.required("keep", .integers(atLeast: 0))
                let relabel = p.optional("relabel", .bool, default: .bool(true))
                p.makesDataset { s in
                    // Relabelled, the classes are the ones kept; otherwise their labels stay.
                    s.dataset(data).map { facts in
                        let classes = !s.isKnown(relabel) ? nil : s.value(relabel) == false ? facts.classes : s.value(keep)?.count
                        return DatasetFacts(count: nil, shape: facts.shape, classes: classes)
                    }
                }
                return { a in .dataset(try a[data].classSubset(try a[keep], relabel: try a[relabel])) }
            },
            def("nuisance", "data",
                "the values of one nuisance factor, one per sample",
                "The factor is one of data.nuisances (for glyphs: dx, dy, scale, rotation, stroke, noise).",
                example: "len(glyphs(10, seed: 0) |> nuisance(\"rotation\"))  # 10") { p in
                let data = p.required("data", .datasetValue), factor = p.required("factor", .string)
                return { a in
                    let o = try a[data], name = try a[factor]
                    guard let column = o.nuisanceColumn(name) else {
                        throw RuntimeError(Messages.noNuisance(name, o.dataset.nuisances.names), parameter: factor.index,
                                           notes: closestName(to: name, among: o.dataset.nuisances.names).map { [Messages.didYouMean($0)] } ?? [])
                    }
                    return column
                }
            },
        ]
    }

    static var imageTransforms: [BuiltinFunction] {
        [
            def("shift", "data",
                "move image content by dx, dy pixels (right, down), or randomly by up to max",
                "With max, each image moves by whole pixels drawn from -max..max on each axis. Shifts add to the "
                    + "dx and dy nuisances.",
                example: "glyphs(10, seed: 0) |> shift(max: 2, seed: 0)") { p in
                let data = p.required("data", .dataset)
                let dx = p.optional("dx", .float(.finite), default: .number(0)), dy = p.optional("dy", .float(.finite), default: .number(0))
                let max = p.optional("max", .integer(atLeast: 0)), seed = p.optional("seed", .integer(atLeast: 0))
                return { a in
                    let d = try a[data]
                    if let m = try a[max] { return .dataset(try d.shiftedRandomly(maxPixels: m, stream: try a.stream(seed))) }
                    return .dataset(try d.shifted(dx: try a[dx], dy: try a[dy]))
                }
            },
            def("rotate", "data",
                "rotate images counter-clockwise by degrees, or randomly by up to max degrees",
                "Bilinear, filling with 0; give exactly one of degrees and max. Adds to the rotation nuisance.",
                example: "glyphs(10, seed: 0) |> rotate(90)") { p in
                let data = p.required("data", .dataset)
                let degrees = p.optional("degrees", .float(.finite)), max = p.optional("max", .float(.nonNegative))
                let seed = p.optional("seed", .integer(atLeast: 0))
                return { a in
                    let d = try a[data]
                    switch (try a[degrees], try a[max]) {
                    case (let angle?, nil): return .dataset(try d.rotated(degrees: angle))
                    case (nil, let m?): return .dataset(try d.rotatedRandomly(maxDegrees: m, stream: try a.stream(seed)))
                    default: throw RuntimeError(Messages.exactlyOne("rotate", "degrees", "max"))
                    }
                }
            },
            def("blur", "data",
                "blur images: Gaussian (sigma pixels) or down- then up-sampling by a factor",
                "Give exactly one of sigma and downsample. downsample: k replaces each image by its k-times smaller "
                    + "version scaled back up (bilinear, or blocky with smooth: false): the deficit of the critical "
                    + "learning period experiments.",
                example: "glyphs(10, seed: 0) |> blur(downsample: 4)") { p in
                let data = p.required("data", .dataset)
                let sigma = p.optional("sigma", .float(.positive)), downsample = p.optional("downsample", .integer(atLeast: 1))
                let smooth = p.optional("smooth", .bool, default: .bool(true))
                return { a in
                    let d = try a[data]
                    switch (try a[sigma], try a[downsample]) {
                    case (let s?, nil): return .dataset(try d.blurred(sigma: s))
                    case (nil, let k?): return .dataset(try d.downsampled(factor: k, smooth: try a[smooth]))
                    default: throw RuntimeError(Messages.exactlyOne("blur", "sigma", "downsample"))
                    }
                }
            },
            def("noise", "data",
                "add Gaussian noise of standard deviation std to every value",
                "Values are not clipped. The noise nuisance records the total standard deviation added.",
                example: "glyphs(10, seed: 0) |> noise(0.1, seed: 0)") { p in
                let data = p.required("data", .dataset), std = p.required("std", .float(.nonNegative))
                let seed = p.optional("seed", .integer(atLeast: 0))
                return { a in .dataset(try a[data].withNoise(std: try a[std], stream: try a.stream(seed))) }
            },
            def("noise_images", "data",
                "replace every image by uniform noise, keeping the labels",
                "A deficit whose inputs carry no information about the label.",
                example: "glyphs(10, seed: 0) |> noise_images(seed: 0)") { p in
                let data = p.required("data", .dataset), seed = p.optional("seed", .integer(atLeast: 0))
                return { a in .dataset(try a[data].noiseImages(stream: try a.stream(seed))) }
            },
            def("crop", "data",
                "crop images to height × width after padding each side with zeros",
                "width defaults to height. The crop is centred, or at a random place per image with random: true. "
                    + "The content's offset is added to the dx and dy nuisances.",
                example: "glyphs(10, seed: 0) |> crop(24)") { p in
                let data = p.required("data", .dataset), height = p.required("height", .integer(atLeast: 1))
                let width = p.optional("width", .integer(atLeast: 1))
                let padding = p.optional("padding", .integer(atLeast: 0), default: .number(0))
                let random = p.optional("random", .bool, default: .bool(false)), seed = p.optional("seed", .integer(atLeast: 0))
                p.makesDataset { s in
                    guard var facts = s.dataset(data) else { return nil }
                    let h = s.value(height), w = s.isKnown(width) ? s.value(width) ?? h : nil
                    facts.shape = facts.shape.flatMap { shape in shape.count == 3 ? h.flatMap { h in w.map { [shape[0], h, $0] } } : nil }
                    return facts
                }
                return { a in
                    let h = try a[height], w = try a[width] ?? h
                    // A centred crop draws nothing, so it leaves the interpreter's generator where it was.
                    let stream = try a[random] ? try a.stream(seed) : nil
                    return .dataset(try a[data].cropped(height: h, width: w, padding: try a[padding], stream: stream))
                }
            },
            def("flip", "data",
                "mirror every image left-right (\"horizontal\") or top-bottom (\"vertical\")",
                "Toggles the flip_h or flip_v nuisance.",
                example: "glyphs(10, seed: 0) |> flip(\"vertical\")") { p in
                let data = p.required("data", .dataset)
                let direction = p.optional("direction", .oneOf(["horizontal", "vertical"]), default: .string("horizontal"))
                return { a in .dataset(try a[data].flipped(horizontal: try a[direction] == "horizontal")) }
            },
        ]
    }

    static var labelTransforms: [BuiltinFunction] {
        [
            def("label_noise", "data",
                "replace a fraction of the labels by uniformly random ones",
                "round(fraction × size) samples, chosen at random, get a label drawn from all classes (so about "
                    + "1/K keep theirs). The true labels stay in the original_label nuisance.",
                example: "glyphs(100, seed: 0) |> label_noise(0.2, seed: 0)") { p in
                let data = p.required("data", .dataset), fraction = p.required("fraction", .probability)
                let seed = p.optional("seed", .integer(atLeast: 0))
                return { a in .dataset(try a[data].labelNoise(fraction: try a[fraction], stream: try a.stream(seed))) }
            },
            def("permute_labels", "data",
                "relabel through one random permutation of the classes",
                "Class c becomes π(c) for a fixed random bijection π: the task stays as learnable.",
                example: "glyphs(100, seed: 0) |> permute_labels(seed: 0)") { p in
                let data = p.required("data", .dataset), seed = p.optional("seed", .integer(atLeast: 0))
                return { a in .dataset(try a[data].permutingLabels(stream: try a.stream(seed)).dataset) }
            },
            def("merge_classes", "data",
                "merge groups of classes into one class each (binary MNIST in one line)",
                "groups is a list of lists of class indices: group j becomes class j, named by its classes' names "
                    + "joined with +. Classes in no group are left out with their samples. The old labels stay in the "
                    + "original_label nuisance. relabel(data, map) is the same with every class mapped.",
                example: "mnist(\"train\") |> merge_classes([[0, 1, 2, 3, 4], [5, 6, 7, 8, 9]])",
                signature: "merge_classes(data, groups)") { p in
                let data = p.required("data", .dataset), groups = p.required("groups", .integerGroups)
                p.makesDataset { s in
                    s.dataset(data).map { facts in
                        // Every sample stays when the groups hold every class.
                        let listed = s.value(groups).map { Set($0.joined()) }
                        let keepsAll = facts.classes.map { classes in listed == Set(0..<classes) } ?? false
                        return DatasetFacts(count: keepsAll ? facts.count : nil, shape: facts.shape, classes: s.value(groups)?.count)
                    }
                }
                return { a in .dataset(try a[data].mergingClasses(try a[groups])) }
            },
            def("relabel", "data",
                "give every class a new label: class c becomes map[c]",
                "map lists one new label per class (map[c] ≥ 0); the new classes are 0..max(map), each must receive "
                    + "at least one class, and samples keep their order. Same as merge_classes with the groups map defines.",
                example: "mnist(\"test\") |> relabel([0, 0, 0, 0, 0, 1, 1, 1, 1, 1])",
                signature: "relabel(data, map)") { p in
                let data = p.required("data", .dataset), map = p.required("map", .integers(atLeast: 0))
                p.makesDataset { s in
                    s.dataset(data).map { facts in
                        DatasetFacts(count: facts.count, shape: facts.shape, classes: s.value(map).map { ($0.max() ?? -1) + 1 })
                    }
                }
                return { a in
                    let d = try a[data], targets = try a[map]
                    guard targets.count == d.classCount else {
                        throw a.fail(map, expected: "a list of \(d.classCount) labels, one per class of '\(d.name)'")
                    }
                    let groups = (0...(targets.max() ?? 0)).map { j in targets.indices.filter { targets[$0] == j } }
                    if let empty = groups.firstIndex(where: \.isEmpty) {
                        throw a.fail(map, expected: "a list in which every label from 0 to the largest is given to some class (none becomes \(empty))")
                    }
                    return .dataset(try d.mergingClasses(groups))
                }
            },
            def("random_labels", "data",
                "give every sample an independent uniformly random label",
                "Nothing in the inputs predicts the labels any more, so a network can only memorise them.",
                example: "glyphs(100, seed: 0) |> random_labels(seed: 0)") { p in
                let data = p.required("data", .dataset), seed = p.optional("seed", .integer(atLeast: 0))
                return { a in .dataset(try a[data].randomLabels(stream: try a.stream(seed))) }
            },
        ]
    }
}
