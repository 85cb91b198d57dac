import Learning

/// Builtins that make datasets: the procedural generators, the file loaders and literals.
extension BuiltinRegistry {
    static var datasets: [BuiltinFunction] { generators + loaders }

    static var generators: [BuiltinFunction] {
        [
            def("glyphs", [.required("n"), .optional("seed", .none), .optional("size", .number(28)),
                           .optional("dx", .none), .optional("dy", .none), .optional("scale", .none),
                           .optional("rotation", .none), .optional("stroke", .none), .optional("noise", .none)],
                "data", "the built-in procedural image dataset: n glyphs of 10 digit classes",
                "Grey images [1, size, size] of seven-segment digits, each drawn with its own shift (dx, dy pixels), "
                    + "scale, rotation (degrees), stroke width and pixel noise; the factors are kept as nuisances. "
                    + "A nuisance argument is a number (fixed) or [low, high] (drawn uniformly); the defaults are "
                    + "dx, dy [-3, 3], scale [0.8, 1.2], rotation [-15, 15], stroke [1.5, 3], noise [0, 0.2].",
                example: "glyphs(1000, seed: 0, rotation: 0).size  # 1000") { a in
                var options = GlyphOptions(size: try a.integer(2))
                let ranges: [WritableKeyPath<GlyphOptions, ClosedRange<Float>>] = [\.dx, \.dy, \.scale, \.rotation, \.stroke, \.noise]
                for (k, path) in ranges.enumerated() {
                    if let r = try a.floatRange(3 + k) { options[keyPath: path] = r }
                }
                return .dataset(try Dataset.glyphs(count: try a.integer(0, atLeast: 0), options: options,
                                                   stream: try a.stream(1), pool: a.evaluator.session.pool))
            },
            def("blobs", [.required("n"), .optional("classes", .number(3)), .optional("dimensions", .number(2)),
                          .optional("spread", .number(1)), .optional("seed", .none)],
                "data", "Gaussian blobs: n points around one random centre per class",
                "Centres are drawn uniformly in [-10, 10] per dimension; points scatter around them with "
                    + "standard deviation spread. Labels cycle through the classes.",
                example: "blobs(300, classes: 3, seed: 0).shape  # [2]") { a in
                .dataset(try Dataset.blobs(count: try a.integer(0, atLeast: 0), classes: try a.integer(1),
                                           dimensions: try a.integer(2), spread: try a.float(3), stream: try a.stream(4)))
            },
            def("moons", [.required("n"), .optional("noise", .number(0.1)), .optional("seed", .none)],
                "data", "two interleaved half circles (2 classes) of n points",
                "Each point gets Gaussian noise of standard deviation noise.",
                example: "moons(200, seed: 0).classes  # [\"0\", \"1\"]") { a in
                .dataset(try Dataset.moons(count: try a.integer(0, atLeast: 0), noise: try a.float(1), stream: try a.stream(2)))
            },
            def("spirals", [.required("n"), .optional("classes", .number(2)), .optional("turns", .number(1)),
                            .optional("noise", .number(0.05)), .optional("seed", .none)],
                "data", "interleaved spiral arms, one per class, of n points",
                "Each arm makes turns turns while its radius grows from 0 to 1; points get Gaussian noise.",
                example: "spirals(300, classes: 3, seed: 0).size  # 300") { a in
                .dataset(try Dataset.spirals(count: try a.integer(0, atLeast: 0), classes: try a.integer(1),
                                             turns: try a.number(2), noise: try a.float(3), stream: try a.stream(4)))
            },
            def("dataset", [.optional("x", .none), .optional("y", .none), .optional("classes", .none),
                            .optional("name", .string("data"))],
                "data", "a dataset from lists: samples x and integer labels y",
                "Each sample is a number or a rectangular nested list of numbers; all share one shape. "
                    + "classes is the class count or a list of class names (default: largest label + 1).",
                example: "dataset(x: [[1, 2], [-1, 0.5]], y: [1, 0]).size  # 2") { a in
                guard !a.isNone(0) else { throw a.fail(0, expected: "a list of samples") }
                guard !a.isNone(1) else { throw a.fail(1, expected: "a list of labels") }
                return .dataset(try DatasetLiteral.build(x: try a.list(0), y: try a.list(1), classes: a[2], name: try a.string(3)))
            },
        ]
    }

    static var loaders: [BuiltinFunction] {
        let search = " Looks in path when given (and only there), else in $INFOSCOPE_DATA and its subfolders, "
            + "then /usr/share/datasets; when nothing is found the error lists every place searched."
        return [
            def("mnist", [.optional("split", .string("train")), .optional("path", .none)], "data",
                "the MNIST handwritten digits (\"train\" or \"test\"), pixels in [0, 1]",
                "Reads the four IDX files (gzip or plain) from a folder named mnist." + search,
                example: "mnist(\"test\") |> subset(100, seed: 0)") { a in
                .dataset(try Dataset.mnist(try split(a), locator: try locator(a, 1)))
            },
            def("fashion_mnist", [.optional("split", .string("train")), .optional("path", .none)], "data",
                "the Fashion-MNIST clothing images (\"train\" or \"test\"), pixels in [0, 1]",
                "Reads the four IDX files from a folder named fashion-mnist (Debian: apt-get install dataset-fashion-mnist)." + search,
                example: "fashion_mnist(\"test\").classes[0]  # \"T-shirt/top\"") { a in
                .dataset(try Dataset.fashionMNIST(try split(a), locator: try locator(a, 1)))
            },
            def("cifar10", [.optional("split", .string("train")), .optional("path", .none)], "data",
                "the CIFAR-10 colour images [3, 32, 32] (\"train\" or \"test\"), pixels in [0, 1]",
                "Reads the binary batches (data_batch_*.bin, test_batch*.bin) from a folder named cifar10, "
                    + "cifar-10-batches-bin or cifar10-subset." + search,
                example: "cifar10(\"test\").shape  # [3, 32, 32]") { a in
                .dataset(try Dataset.cifar10(try split(a), locator: try locator(a, 1)))
            },
            def("digits", [.optional("path", .none)], "data",
                "the UCI optical digits: 1,797 images [1, 8, 8], values in [0, 1]",
                "Reads digits.csv (64 pixel columns then the label) from a folder named digits or sklearn-digits." + search,
                example: "digits().size  # 1797") { a in
                .dataset(try Dataset.digits(locator: try locator(a, 0)))
            },
            def("load_csv", [.required("path"), .optional("label_column", .number(-1)), .optional("header", .none),
                             .optional("shape", .none), .optional("scale", .number(1)), .optional("classes", .none)],
                "data", "a dataset from a numeric CSV file (gzip or plain), one sample a line",
                "label_column counts from 0 (negative from the end); header is true, false or none (detect); "
                    + "shape reshapes the feature columns (e.g. [1, 8, 8]); scale multiplies every feature; "
                    + "classes names the classes.",
                example: "load_csv(\"points.csv\", label_column: 0)") { a in
                var options = CSVOptions(labelColumn: try a.integer(1), scale: try a.float(4))
                if !a.isNone(2) { options.header = try a.bool(2) ? .present : .absent }
                if !a.isNone(3) { options.sampleShape = try a.integers(3) }
                if !a.isNone(5) { options.classNames = try a.strings(5) }
                let path = try a.string(0)
                return .dataset(try Dataset.csv(path, name: path, options: options))
            },
            def("load_npy", [.required("features"), .required("labels"), .optional("classes", .none)], "data",
                "a dataset from two NumPy .npy files: features [n, ...] and labels [n]",
                "Features are used as stored (float32, float64 or integer arrays); labels must be whole numbers ≥ 0.",
                example: "load_npy(\"x.npy\", \"y.npy\")") { a in
                .dataset(try Dataset.npy(features: try a.string(0), labels: try a.string(1),
                                         classNames: a.isNone(2) ? [] : try a.strings(2)))
            },
        ]
    }

    private static func split(_ a: BuiltinArguments) throws -> DataSplit {
        try DataSplit(parsing: try a.string(0), operation: a.function.name)
    }

    private static func locator(_ a: BuiltinArguments, _ i: Int) throws -> DatasetLocator {
        DatasetLocator(explicitPath: a.isNone(i) ? nil : try a.string(i))
    }
}
