/// Datasets built from files in the classic formats. All image loaders scale pixels to [0, 1].
extension Dataset {
    /// Unsigned-byte pixels (0…255) divided by this land in [0, 1].
    static let byteMaximum: Float = 255

    /// Loads an IDX image file and its IDX label file (gzip or plain, detected from the bytes).
    ///
    /// Images must be `[n, rows, cols]` and become samples of shape `[1, rows, cols]`; labels
    /// must be `[n]` whole numbers.
    /// - Parameters:
    ///   - classNames: one per class; empty means one class per distinct label 0…max.
    ///   - scaleToUnit: divide byte pixels by 255 so they lie in [0, 1] (the default); false
    ///     keeps the stored values (0…255).
    /// - Throws: `DatasetError.malformed` naming the file for a bad header, a wrong size, a count
    ///   mismatch between the two files, or a label outside the classes.
    public static func idx(images: String, labels: String, name: String,
                           classNames: [String] = [], scaleToUnit: Bool = true) throws -> Dataset {
        let imageFile = try IDXFile(path: images, divisor: scaleToUnit ? byteMaximum : 1)
        guard imageFile.dimensions.count == 3 else {
            throw DatasetError.malformed(
                file: images, problem: "image file has dimensions \(imageFile.dimensions); expected [n, rows, cols]")
        }
        let labelFile = try IDXFile(path: labels)
        guard labelFile.dimensions.count == 1 else {
            throw DatasetError.malformed(
                file: labels, problem: "label file has dimensions \(labelFile.dimensions); expected [n]")
        }
        let n = imageFile.dimensions[0]
        guard labelFile.dimensions[0] == n else {
            throw DatasetError.malformed(
                file: labels,
                problem: "\(labelFile.dimensions[0]) labels for \(n) images in '\(images)'")
        }
        let labelValues = try wholeLabels(labelFile.values, file: labels)
        let classCount = try checkedClassCount(labelValues, names: classNames, file: labels)
        return Dataset(unchecked: name, sampleShape: [1, imageFile.dimensions[1], imageFile.dimensions[2]],
                       features: imageFile.values, labels: labelValues, classCount: classCount,
                       classNames: classNames.isEmpty ? (0..<classCount).map(String.init) : classNames,
                       nuisances: NuisanceTable(sampleCount: n))
    }

    /// Loads one or more CIFAR-10 binary batch files, concatenated in the order given.
    ///
    /// Each 3073-byte record is one label byte then 1024 red, 1024 green and 1024 blue bytes of a
    /// 32×32 image: exactly the [3, 32, 32] channel-major layout samples use. Pixels are divided
    /// by 255 into [0, 1] unless `scaleToUnit` is false.
    /// - Throws: `DatasetError.malformed` for a file whose size is not a whole number of records,
    ///   or a label byte outside the classes.
    public static func cifar10Batches(_ files: [String], name: String,
                                      classNames: [String] = cifar10ClassNames,
                                      scaleToUnit: Bool = true) throws -> Dataset {
        let divisor = scaleToUnit ? byteMaximum : 1
        guard !classNames.isEmpty, classNames.count <= 256 else {
            throw DatasetError.invalidArgument(
                operation: "cifar10", message: "\(classNames.count) class names; a label byte needs 1 to 256")
        }
        let pixels = 3 * 32 * 32
        let record = 1 + pixels
        var features: [Float] = []
        var labels: [Int32] = []
        for file in files {
            let bytes = try DataFile.read(file)
            guard !bytes.isEmpty, bytes.count % record == 0 else {
                throw DatasetError.malformed(
                    file: file, problem: "\(bytes.count) bytes is not a whole number of "
                        + "\(record)-byte CIFAR records (\(bytes.count % record) bytes left over)")
            }
            let n = bytes.count / record
            features.reserveCapacity(features.count + n * pixels)
            for r in 0..<n {
                let label = bytes[r * record]
                guard Int(label) < classNames.count else {
                    throw DatasetError.malformed(
                        file: file, problem: "record \(r) has label \(label); expected 0..<\(classNames.count)")
                }
                labels.append(Int32(label))
                let start = r * record + 1
                for p in start..<(start + pixels) { features.append(Float(bytes[p]) / divisor) }
            }
        }
        return Dataset(unchecked: name, sampleShape: [3, 32, 32], features: features, labels: labels,
                       classCount: classNames.count, classNames: classNames,
                       nuisances: NuisanceTable(sampleCount: labels.count))
    }

    /// The CIFAR-10 classes in label order (as in the dataset's `batches.meta.txt`).
    public static let cifar10ClassNames = ["airplane", "automobile", "bird", "cat", "deer", "dog",
                                           "frog", "horse", "ship", "truck"]

    /// The Fashion-MNIST classes in label order.
    public static let fashionMNISTClassNames = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                                                "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]

    /// Converts label values to Int32, refusing fractions and negatives.
    static func wholeLabels(_ values: [Float], file: String) throws -> [Int32] {
        var labels = [Int32]()
        labels.reserveCapacity(values.count)
        // 2²⁴: beyond it a Float no longer holds every integer, so a label cannot be trusted.
        let largest: Float = 16_777_216
        for (i, v) in values.enumerated() {
            guard v >= 0, v < largest, v.rounded() == v else {
                throw DatasetError.malformed(
                    file: file, problem: "label \(v) of sample \(i) is not a whole number ≥ 0")
            }
            labels.append(Int32(v))
        }
        return labels
    }

    /// The class count: the names' count when given (labels must fit), else the largest label + 1.
    static func checkedClassCount(_ labels: [Int32], names: [String], file: String) throws -> Int {
        let largest = Int(labels.max() ?? 0)
        if names.isEmpty { return largest + 1 }
        guard largest < names.count else {
            throw DatasetError.malformed(
                file: file, problem: "label \(largest) is outside the \(names.count) classes 0..<\(names.count)")
        }
        return names.count
    }
}
