import Foundation

/// The well-known datasets, found on disk by `DatasetLocator`. Image pixels are scaled to [0, 1]
/// (byte / 255) unless `scaleToUnit` is false.
extension Dataset {
    /// MNIST handwritten digits, 28×28 grey, pixels scaled to [0, 1].
    ///
    /// Looks for the original IDX files (`train-images-idx3-ubyte[.gz]`, `t10k-…`) in the
    /// locator's folders named `mnist` or `MNIST`.
    public static func mnist(_ split: DataSplit, locator: DatasetLocator = DatasetLocator(),
                             scaleToUnit: Bool = true) throws -> Dataset {
        try IDXSource.mnist.dataset(split, locator: locator, scaleToUnit: scaleToUnit)
    }

    /// Fashion-MNIST clothing images, 28×28 grey, pixels scaled to [0, 1].
    ///
    /// Same file names as MNIST, in folders named `fashion-mnist`, `fashion_mnist` or
    /// `FashionMNIST`; `/usr/share/datasets/fashion-mnist` is where Debian installs it.
    public static func fashionMNIST(_ split: DataSplit,
                                    locator: DatasetLocator = DatasetLocator(),
                                    scaleToUnit: Bool = true) throws -> Dataset {
        try IDXSource.fashionMNIST.dataset(split, locator: locator, scaleToUnit: scaleToUnit)
    }

    /// CIFAR-10 colour images, [3, 32, 32], pixels scaled to [0, 1].
    ///
    /// Train reads every `data_batch_*.bin` in the folder (in name order), test every
    /// `test_batch*.bin`, from folders named `cifar10`, `cifar-10`, `cifar-10-batches-bin` or
    /// `cifar10-subset`.
    public static func cifar10(_ split: DataSplit, locator: DatasetLocator = DatasetLocator(),
                               scaleToUnit: Bool = true) throws -> Dataset {
        try cifar10Batches(cifar10Files(split, locator: locator), name: "cifar10 \(split.rawValue)",
                           scaleToUnit: scaleToUnit)
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

    /// How many samples the files of a standard dataset (`"mnist"`, `"fashion_mnist"` or
    /// `"cifar10"`) hold, found as its loader finds them and read from their headers and sizes
    /// without loading the images, so that `check` estimates costs for the data that is really
    /// there (a subset holds fewer than the published 60,000 or 50,000). Nil for another name.
    ///
    /// - Throws: what the loader would throw when the files are missing or damaged.
    public static func standardSampleCount(_ name: String, split: DataSplit,
                                           locator: DatasetLocator = DatasetLocator()) throws -> Int? {
        switch name {
        case "mnist": return try IDXSource.mnist.sampleCount(split, locator: locator)
        case "fashion_mnist": return try IDXSource.fashionMNIST.sampleCount(split, locator: locator)
        case "cifar10": return try cifar10Files(split, locator: locator).reduce(0) { $0 + (try cifar10RecordCount($1)) }
        default: return nil
        }
    }

    /// The CIFAR-10 batch files of `split`, in name order.
    private static func cifar10Files(_ split: DataSplit, locator: DatasetLocator) throws -> [String] {
        let prefix = split == .train ? "data_batch_" : "test_batch"
        return try locator.locate(
            dataset: "CIFAR-10 (\(split.rawValue))",
            folderNames: ["cifar10", "cifar-10", "cifar-10-batches-bin", "cifar10-subset"],
            hint: "download the CIFAR-10 binary version (cifar-10-binary.tar.gz) and unpack it; "
                + "the folder cifar-10-batches-bin holds data_batch_1.bin … and test_batch.bin"
        ) { directory in
            let found = DatasetLocator.files(in: directory, prefix: prefix, suffix: ".bin")
                + DatasetLocator.files(in: directory, prefix: prefix, suffix: ".bin.gz")
            return found.isEmpty ? nil : found
        }
    }

    /// The records in one CIFAR-10 batch file: its size (a gzip file's stored size of what it
    /// holds, its last four bytes) over the 3,073 bytes of a record; only the first two bytes and
    /// the last four are read.
    private static func cifar10RecordCount(_ file: String) throws -> Int {
        guard let handle = FileHandle(forReadingAtPath: file) else {
            throw DatasetError.unreadable(file: file, reason: "cannot open the file")
        }
        defer { try? handle.close() }
        var size = Int(try handle.seekToEnd())
        try handle.seek(toOffset: 0)
        let magic = [UInt8](try handle.read(upToCount: 2) ?? Data())
        if size >= 18, magic == DataFile.gzipMagic {
            try handle.seek(toOffset: UInt64(size - 4))
            size = [UInt8](try handle.read(upToCount: 4) ?? Data()).reversed().reduce(0) { $0 << 8 | Int($1) }
        }
        let record = 1 + 3 * 32 * 32
        guard size > 0, size % record == 0 else {
            throw DatasetError.malformed(file: file, problem: "\(size) bytes is not a whole number of "
                                            + "\(record)-byte CIFAR records (\(size % record) bytes left over)")
        }
        return size / record
    }
}

/// MNIST and Fashion-MNIST: IDX files with the same names in differently named folders.
private struct IDXSource {
    let title: String
    let name: String
    let folderNames: [String]
    let classNames: [String]
    let hint: String

    static let mnist = IDXSource(
        title: "MNIST", name: "mnist", folderNames: ["mnist", "MNIST"], classNames: [],
        hint: "put the four IDX files of MNIST (train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, "
            + "t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz) in a folder named mnist")
    static let fashionMNIST = IDXSource(
        title: "Fashion-MNIST", name: "fashion_mnist", folderNames: ["fashion-mnist", "fashion_mnist", "FashionMNIST"],
        classNames: Dataset.fashionMNISTClassNames,
        hint: "install it with 'apt-get install dataset-fashion-mnist' (Debian, into /usr/share/datasets/fashion-mnist), "
            + "or put its four IDX files in a folder named fashion-mnist")

    /// The image and label files of `split`.
    func files(_ split: DataSplit, locator: DatasetLocator) throws -> (images: String, labels: String) {
        let stem = split == .train ? "train" : "t10k"
        // Both the original names and the dotted variant some mirrors use.
        let imageNames = ["\(stem)-images-idx3-ubyte", "\(stem)-images.idx3-ubyte"]
        let labelNames = ["\(stem)-labels-idx1-ubyte", "\(stem)-labels.idx1-ubyte"]
        let found = try locator.locate(dataset: "\(title) (\(split.rawValue))", folderNames: folderNames, hint: hint) { directory in
            guard let images = DatasetLocator.firstFile(in: directory, named: imageNames),
                  let labels = DatasetLocator.firstFile(in: directory, named: labelNames) else { return nil }
            return [images, labels]
        }
        return (found[0], found[1])
    }

    func dataset(_ split: DataSplit, locator: DatasetLocator, scaleToUnit: Bool) throws -> Dataset {
        let (images, labels) = try files(split, locator: locator)
        return try Dataset.idx(images: images, labels: labels, name: "\(name) \(split.rawValue)",
                               classNames: classNames.isEmpty ? (0..<10).map(String.init) : classNames,
                               scaleToUnit: scaleToUnit)
    }

    /// The sample count, from the (small) label file's header.
    func sampleCount(_ split: DataSplit, locator: DatasetLocator) throws -> Int {
        let path = try files(split, locator: locator).labels
        let labels = try IDXFile(path: path)
        guard labels.dimensions.count == 1 else {
            throw DatasetError.malformed(file: path, problem: "label file has dimensions \(labels.dimensions); expected [n]")
        }
        return labels.dimensions[0]
    }
}
