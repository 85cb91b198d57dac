/// The well-known datasets, found on disk by `DatasetLocator`. Image pixels are scaled to [0, 1]
/// (byte / 255) unless `scaleToUnit` is false.
extension Dataset {
    /// MNIST handwritten digits, 28×28 grey, pixels scaled to [0, 1].
    ///
    /// Looks for the original IDX files (`train-images-idx3-ubyte[.gz]`, `t10k-…`) in the
    /// locator's folders named `mnist` or `MNIST`.
    public static func mnist(_ split: DataSplit, locator: DatasetLocator = DatasetLocator(),
                             scaleToUnit: Bool = true) throws -> Dataset {
        try idxDataset(title: "MNIST", name: "mnist", split: split, locator: locator, scaleToUnit: scaleToUnit,
                       folderNames: ["mnist", "MNIST"], classNames: [],
                       hint: "put the four IDX files of MNIST (train-images-idx3-ubyte.gz, "
                           + "train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz, "
                           + "t10k-labels-idx1-ubyte.gz) in a folder named mnist")
    }

    /// Fashion-MNIST clothing images, 28×28 grey, pixels scaled to [0, 1].
    ///
    /// Same file names as MNIST, in folders named `fashion-mnist`, `fashion_mnist` or
    /// `FashionMNIST`; `/usr/share/datasets/fashion-mnist` is where Debian installs it.
    public static func fashionMNIST(_ split: DataSplit,
                                    locator: DatasetLocator = DatasetLocator(),
                                    scaleToUnit: Bool = true) throws -> Dataset {
        try idxDataset(title: "Fashion-MNIST", name: "fashion_mnist", split: split, locator: locator,
                       scaleToUnit: scaleToUnit,
                       folderNames: ["fashion-mnist", "fashion_mnist", "FashionMNIST"],
                       classNames: fashionMNISTClassNames,
                       hint: "install it with 'apt-get install dataset-fashion-mnist' (Debian, "
                           + "into /usr/share/datasets/fashion-mnist), or put its four IDX files "
                           + "in a folder named fashion-mnist")
    }

    /// CIFAR-10 colour images, [3, 32, 32], pixels scaled to [0, 1].
    ///
    /// Train reads every `data_batch_*.bin` in the folder (in name order), test every
    /// `test_batch*.bin`, from folders named `cifar10`, `cifar-10`, `cifar-10-batches-bin` or
    /// `cifar10-subset`.
    public static func cifar10(_ split: DataSplit, locator: DatasetLocator = DatasetLocator(),
                               scaleToUnit: Bool = true) throws -> Dataset {
        let prefix = split == .train ? "data_batch_" : "test_batch"
        let files = try locator.locate(
            dataset: "CIFAR-10 (\(split.rawValue))",
            folderNames: ["cifar10", "cifar-10", "cifar-10-batches-bin", "cifar10-subset"],
            hint: "download the CIFAR-10 binary version (cifar-10-binary.tar.gz) and unpack it; "
                + "the folder cifar-10-batches-bin holds data_batch_1.bin … and test_batch.bin"
        ) { directory in
            let found = DatasetLocator.files(in: directory, prefix: prefix, suffix: ".bin")
                + DatasetLocator.files(in: directory, prefix: prefix, suffix: ".bin.gz")
            return found.isEmpty ? nil : found
        }
        return try cifar10Batches(files, name: "cifar10 \(split.rawValue)", scaleToUnit: scaleToUnit)
    }

    /// The UCI optical digits (as shipped by scikit-learn): 1,797 images of 8×8, values 0…16
    /// scaled to [0, 1], from `digits.csv[.gz]` (64 pixel columns, then the label; no header).
    public static func digits(locator: DatasetLocator = DatasetLocator()) throws -> Dataset {
        let files = try locator.locate(
            dataset: "digits", folderNames: ["sklearn-digits", "digits"],
            hint: "save scikit-learn's digits as digits.csv (64 pixel columns then the label, "
                + "no header) in a folder named digits"
        ) { directory in
            DatasetLocator.firstFile(in: directory, named: ["digits.csv"]).map { [$0] }
        }
        // Pixel values are counts of set bits in 4×4 blocks: 0…16, so 1/16 maps them to [0, 1].
        let options = CSVOptions(labelColumn: -1, header: .absent, scale: 1.0 / 16,
                                 sampleShape: [1, 8, 8])
        return try csv(files[0], name: "digits", options: options)
    }

    private static func idxDataset(title: String, name: String, split: DataSplit,
                                   locator: DatasetLocator, scaleToUnit: Bool, folderNames: [String],
                                   classNames: [String], hint: String) throws -> Dataset {
        let stem = split == .train ? "train" : "t10k"
        // Both the original names and the dotted variant some mirrors use.
        let imageNames = ["\(stem)-images-idx3-ubyte", "\(stem)-images.idx3-ubyte"]
        let labelNames = ["\(stem)-labels-idx1-ubyte", "\(stem)-labels.idx1-ubyte"]
        let files = try locator.locate(dataset: "\(title) (\(split.rawValue))",
                                       folderNames: folderNames, hint: hint) { directory in
            guard let images = DatasetLocator.firstFile(in: directory, named: imageNames),
                  let labels = DatasetLocator.firstFile(in: directory, named: labelNames) else { return nil }
            return [images, labels]
        }
        return try idx(images: files[0], labels: files[1], name: "\(name) \(split.rawValue)",
                       classNames: classNames.isEmpty ? (0..<10).map(String.init) : classNames,
                       scaleToUnit: scaleToUnit)
    }
}
