import Learning

/// Builtins that make datasets: the procedural generators, the file loaders and literals.
extension BuiltinRegistry {
    static var datasets: [BuiltinFunction] { generators + loaders }

    static var generators: [BuiltinFunction] {
        [
            def("glyphs", "data", "the built-in procedural image dataset: n glyphs of 10 digit classes",
                "Grey images [1, size, size] of seven-segment digits, each drawn with its own shift (dx, dy pixels), "
                    + "scale, rotation (degrees), stroke width and pixel noise; the factors are kept as nuisances. "
                    + "A nuisance argument is a number (fixed) or [low, high] (drawn uniformly); the defaults are "
                    + "dx, dy [-3, 3], scale [0.8, 1.2], rotation [-15, 15], stroke [1.5, 3], noise [0, 0.2].",
                example: "glyphs(1000, seed: 0, rotation: 0).size  # 1000") { p in
                let n = p.required("n", .integer(atLeast: 0)), seed = p.optional("seed", .integer(atLeast: 0))
                // 8 pixels is the smallest image in which a glyph is still recognisable.
                let size = p.optional("size", .integer.constrained("an integer from 8 to 1024") { (8...1024).contains($0) },
                                      default: .number(28))
                let any = ArgumentKind.factor("a number or a list [low, high] with low ≤ high") { _ in true }
                let positive = ArgumentKind.factor("a positive number or a list [low, high] of them with low ≤ high") { $0 > 0 }
                let nonNegative = ArgumentKind.factor("a number ≥ 0 or a list [low, high] of them with low ≤ high") { $0 >= 0 }
                let factors: [(WritableKeyPath<GlyphOptions, ClosedRange<Float>>, Param<ClosedRange<Float>?>)] = [
                    (\.dx, p.optional("dx", any)), (\.dy, p.optional("dy", any)), (\.scale, p.optional("scale", positive)),
                    (\.rotation, p.optional("rotation", any)), (\.stroke, p.optional("stroke", positive)),
                    (\.noise, p.optional("noise", nonNegative)),
                ]
                p.makesDataset { s in DatasetFacts(count: s.value(n), shape: s.value(size).map { [1, $0, $0] }, classes: 10) }
                return { a in
                    var options = GlyphOptions(size: try a[size])
                    for (path, factor) in factors {
                        if let r = try a[factor] { options[keyPath: path] = r }
                    }
                    return .dataset(try Dataset.glyphs(count: try a[n], options: options, stream: try a.stream(seed),
                                                       pool: a.evaluator.session.pool))
                }
            },
            def("blobs", "data", "Gaussian blobs: n points around one random centre per class",
                "Centres are drawn uniformly in [-10, 10] per dimension; points scatter around them with "
                    + "standard deviation spread. Labels cycle through the classes.",
                example: "blobs(300, classes: 3, seed: 0).shape  # [2]") { p in
                let n = p.required("n", .integer(atLeast: 0))
                let classes = p.optional("classes", .integer(atLeast: 1), default: .number(3))
                let dimensions = p.optional("dimensions", .integer(atLeast: 1), default: .number(2))
                let spread = p.optional("spread", .float(.nonNegative), default: .number(1))
                let seed = p.optional("seed", .integer(atLeast: 0))
                p.makesDataset { s in DatasetFacts(count: s.value(n), shape: s.value(dimensions).map { [$0] }, classes: s.value(classes)) }
                return { a in
                    .dataset(try Dataset.blobs(count: try a[n], classes: try a[classes], dimensions: try a[dimensions],
                                               spread: try a[spread], stream: try a.stream(seed)))
                }
            },
            def("moons", "data", "two interleaved half circles (2 classes) of n points",
                "Each point gets Gaussian noise of standard deviation noise.",
                example: "moons(200, seed: 0).classes  # [\"0\", \"1\"]") { p in
                let n = p.required("n", .integer(atLeast: 0))
                let noise = p.optional("noise", .float(.nonNegative), default: .number(0.1))
                let seed = p.optional("seed", .integer(atLeast: 0))
                p.makesDataset { s in DatasetFacts(count: s.value(n), shape: [2], classes: 2) }
                return { a in .dataset(try Dataset.moons(count: try a[n], noise: try a[noise], stream: try a.stream(seed))) }
            },
            def("spirals", "data", "interleaved spiral arms, one per class, of n points",
                "Each arm makes turns turns while its radius grows from 0 to 1; points get Gaussian noise.",
                example: "spirals(300, classes: 3, seed: 0).size  # 300") { p in
                let n = p.required("n", .integer(atLeast: 0))
                let classes = p.optional("classes", .integer(atLeast: 1), default: .number(2))
                let turns = p.optional("turns", .positive, default: .number(1))
                let noise = p.optional("noise", .float(.nonNegative), default: .number(0.05))
                let seed = p.optional("seed", .integer(atLeast: 0))
                p.makesDataset { s in DatasetFacts(count: s.value(n), shape: [2], classes: s.value(classes)) }
                return { a in
                    .dataset(try Dataset.spirals(count: try a[n], classes: try a[classes], turns: try a[turns],
                                                 noise: try a[noise], stream: try a.stream(seed)))
                }
            },
            def("dataset", "data", "a dataset from lists: samples x and integer labels y",
                "Each sample is a number or a rectangular nested list of numbers; all share one shape. "
                    + "classes is the class count or a list of class names (default: largest label + 1).",
                example: "dataset(x: [[1, 2], [-1, 0.5]], y: [1, 0]).size  # 2") { p in
                // x and y default to none so that leaving one out names what it must be.
                let x = p.optional("x", .list), y = p.optional("y", .list)
                let classes = p.optional("classes", .literalClasses)
                let name = p.optional("name", .string, default: .string("data"))
                p.makesDataset { s in
                    guard let samples = s.value(x) else { return nil }
                    return DatasetFacts(count: samples.count, shape: samples.first.flatMap(DatasetLiteral.literalShape), classes: nil)
                }
                return { a in
                    guard let samples = try a[x] else { throw a.fail(x, expected: "a list of samples") }
                    guard let labels = try a[y] else { throw a.fail(y, expected: "a list of labels") }
                    return .dataset(try DatasetLiteral.build(x: samples, y: labels, classes: try a[classes], name: try a[name]))
                }
            },
        ]
    }

    static var loaders: [BuiltinFunction] {
        let search = " Looks in path when given (and only there), else in $INFOSCOPE_DATA and its subfolders, "
            + "then /usr/share/datasets; when nothing is found the error lists every place searched."
        return [
            def("mnist", "data",
                "the MNIST handwritten digits (\"train\" or \"test\"), pixels in [0, 1]",
                "Reads the four IDX files (gzip or plain) from a folder named mnist." + search,
                example: "mnist(\"test\") |> subset(100, seed: 0)") { p in
                let (split, path) = standardParameters(p)
                p.makesDataset { s in standardFacts("mnist", s, split: split, path: path, shape: [1, 28, 28]) }
                return { a in .dataset(try Dataset.mnist(try a[split], locator: DatasetLocator(explicitPath: try a[path]))) }
            },
            def("fashion_mnist", "data",
                "the Fashion-MNIST clothing images (\"train\" or \"test\"), pixels in [0, 1]",
                "Reads the four IDX files from a folder named fashion-mnist (Debian: apt-get install dataset-fashion-mnist)." + search,
                example: "fashion_mnist(\"test\").classes[0]  # \"T-shirt/top\"") { p in
                let (split, path) = standardParameters(p)
                p.makesDataset { s in standardFacts("fashion_mnist", s, split: split, path: path, shape: [1, 28, 28]) }
                return { a in .dataset(try Dataset.fashionMNIST(try a[split], locator: DatasetLocator(explicitPath: try a[path]))) }
            },
            def("cifar10", "data",
                "the CIFAR-10 colour images [3, 32, 32] (\"train\" or \"test\"), pixels in [0, 1]",
                "Reads the binary batches (data_batch_*.bin, test_batch*.bin) from a folder named cifar10, "
                    + "cifar-10-batches-bin or cifar10-subset." + search,
                example: "cifar10(\"test\").shape  # [3, 32, 32]") { p in
                let (split, path) = standardParameters(p)
                p.makesDataset { s in standardFacts("cifar10", s, split: split, path: path, shape: [3, 32, 32]) }
                return { a in .dataset(try Dataset.cifar10(try a[split], locator: DatasetLocator(explicitPath: try a[path]))) }
            },
            def("digits", "data",
                "the UCI optical digits: 1,797 images [1, 8, 8], values in [0, 1]",
                "Reads digits.csv (64 pixel columns then the label) from a folder named digits or sklearn-digits." + search,
                example: "digits().size  # 1797") { p in
                let path = p.optional("path", .string)
                p.makesDataset { _ in DatasetFacts(count: nil, shape: [1, 8, 8], classes: 10) }
                return { a in .dataset(try Dataset.digits(locator: DatasetLocator(explicitPath: try a[path]))) }
            },
            def("load_csv", "data", "a dataset from a numeric CSV file (gzip or plain), one sample a line",
                "label_column counts from 0 (negative from the end); header is true, false or none (detect); "
                    + "shape reshapes the feature columns (e.g. [1, 8, 8]); scale multiplies every feature; "
                    + "classes names the classes.",
                example: "load_csv(\"points.csv\", label_column: 0)") { p in
                let path = p.input("path")
                let labelColumn = p.optional("label_column", .integer, default: .number(-1))
                let header = p.optional("header", .bool), shape = p.optional("shape", .integers(atLeast: 1))
                let scale = p.optional("scale", .float(.finite), default: .number(1))
                let classes = p.optional("classes", .strings)
                p.makesDataset { s in DatasetFacts(count: nil, shape: s.value(shape), classes: s.value(classes)?.count) }
                return { a in
                    var options = CSVOptions(labelColumn: try a[labelColumn], scale: try a[scale])
                    if let present = try a[header] { options.header = present ? .present : .absent }
                    if let shape = try a[shape] { options.sampleShape = shape }
                    if let names = try a[classes] { options.classNames = names }
                    let file = try a[path]
                    return .dataset(try Dataset.csv(file, name: file, options: options))
                }
            },
            def("load_npy", "data",
                "a dataset from two NumPy .npy files: features [n, ...] and labels [n]",
                "Features are used as stored (float32, float64 or integer arrays); labels must be whole numbers ≥ 0.",
                example: "load_npy(\"x.npy\", \"y.npy\")") { p in
                let features = p.input("features"), labels = p.input("labels")
                let classes = p.optional("classes", .strings)
                p.makesDataset { s in DatasetFacts(count: nil, shape: nil, classes: s.value(classes)?.count) }
                return { a in
                    .dataset(try Dataset.npy(features: try a[features], labels: try a[labels], classNames: try a[classes] ?? []))
                }
            },
        ]
    }

    /// The parameters of the standard image sets: the split and the folder to look in.
    private static func standardParameters(_ p: ParameterList) -> (split: Param<DataSplit>, path: Param<String?>) {
        (p.optional("split", .split, default: .string("train")), p.optional("path", .string))
    }

    /// A standard dataset's facts: its sample count read from the headers of the files the call
    /// would load (a subset holds fewer than the published count), when the split and the path
    /// are literals and the files can be read.
    private static func standardFacts(_ name: String, _ s: StaticArguments, split: Param<DataSplit>, path: Param<String?>,
                                      shape: [Int]) -> DatasetFacts {
        var facts = DatasetFacts(count: nil, shape: shape, classes: 10)
        if s.isKnown(split), s.isKnown(path), let split = s.value(split) {
            facts.count = (try? Dataset.standardSampleCount(name, split: split, locator: DatasetLocator(explicitPath: s.value(path)))) ?? nil
        }
        return facts
    }
}

extension ArgumentKind where T == DataSplit {
    /// "train" or "test", in any case.
    static var split: ArgumentKind<DataSplit> {
        .plain("\"train\" or \"test\"") { value in
            if case .string(let s) = value { return DataSplit(rawValue: s.lowercased()) } else { return nil }
        }
    }
}

extension ArgumentKind where T == DatasetLiteral.Classes {
    /// The classes of a literal dataset: how many there are, or their names.
    static var literalClasses: ArgumentKind<DatasetLiteral.Classes> {
        .plain("a positive integer or a list of names") { value in
            switch value {
            case .number(let n) where isExactInteger(n) && n >= 1: return .count(Int(n))
            case .list(let items):
                let names = items.compactMap { item -> String? in if case .string(let s) = item { return s } else { return nil } }
                return names.count == items.count ? .names(names) : nil
            default: return nil
            }
        }
    }
}
