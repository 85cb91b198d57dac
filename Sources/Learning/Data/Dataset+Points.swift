import Foundation
import TensorRuntime

/// The classic small 2-D classification problems. Sample i has label i mod k (balanced classes)
/// and draws its randomness from `stream.split(i)`.
extension Dataset {
    /// Isotropic Gaussian blobs: one centre per class drawn uniformly in [−box, box]^dimensions
    /// (from `stream.split(UInt64.max)`), samples scattered around it with standard deviation `spread`.
    public static func blobs(count: Int, classes: Int = 3, dimensions: Int = 2, spread: Float = 1,
                             box: Float = 10, stream: RandomStream) throws -> Dataset {
        try checkPoints("blobs", count: count, classes: classes, noise: spread)
        guard dimensions > 0, box.isFinite, box > 0 else {
            throw DatasetError.invalidArgument(
                operation: "blobs", message: "dimensions (\(dimensions)) and box (\(box)) must be > 0")
        }
        try checkAllocation("blobs", count: max(count, classes), size: dimensions)
        var centreStream = stream.split(UInt64.max)
        let centres = (0..<(classes * dimensions)).map { _ in (2 * centreStream.nextFloat() - 1) * box }
        var features = [Float]()
        features.reserveCapacity(count * dimensions)
        for i in 0..<count {
            var g = stream.split(UInt64(i))
            let c = i % classes
            for d in 0..<dimensions {
                features.append(centres[c * dimensions + d] + spread * Float(g.nextNormal()))
            }
        }
        return points("blobs", dimensions: dimensions, features: features, count: count, classes: classes)
    }

    /// Two interleaved half circles (classes 0 and 1) with Gaussian noise of std `noise`.
    public static func moons(count: Int, noise: Float = 0.1, stream: RandomStream) throws -> Dataset {
        try checkPoints("moons", count: count, classes: 2, noise: noise)
        var features = [Float]()
        features.reserveCapacity(count * 2)
        for i in 0..<count {
            var g = stream.split(UInt64(i))
            let t = Double.pi * g.nextDouble()
            let (x, y) = i % 2 == 0 ? (cos(t), sin(t)) : (1 - cos(t), 0.5 - sin(t))
            features.append(Float(x) + noise * Float(g.nextNormal()))
            features.append(Float(y) + noise * Float(g.nextNormal()))
        }
        return points("moons", dimensions: 2, features: features, count: count, classes: 2)
    }

    /// `classes` interleaved spiral arms of `turns` turns each, radius growing from 0 to 1, with
    /// Gaussian noise of std `noise`.
    public static func spirals(count: Int, classes: Int = 2, turns: Double = 1, noise: Float = 0.05,
                               stream: RandomStream) throws -> Dataset {
        try checkPoints("spirals", count: count, classes: classes, noise: noise)
        guard turns.isFinite, turns > 0 else {
            throw DatasetError.invalidArgument(operation: "spirals", message: "turns = \(turns) must be > 0")
        }
        var features = [Float]()
        features.reserveCapacity(count * 2)
        for i in 0..<count {
            var g = stream.split(UInt64(i))
            let arm = i % classes
            let r = g.nextDouble()
            let angle = 2 * Double.pi * (Double(arm) / Double(classes) + turns * r)
            features.append(Float(r * cos(angle)) + noise * Float(g.nextNormal()))
            features.append(Float(r * sin(angle)) + noise * Float(g.nextNormal()))
        }
        return points("spirals", dimensions: 2, features: features, count: count, classes: classes)
    }

    private static func checkPoints(_ operation: String, count: Int, classes: Int, noise: Float) throws {
        guard count >= 0, classes >= 1, noise.isFinite, noise >= 0 else {
            throw DatasetError.invalidArgument(
                operation: operation, message: "count (\(count)) must be ≥ 0, classes (\(classes)) ≥ 1 "
                    + "and noise (\(noise)) finite and ≥ 0")
        }
        try checkAllocation(operation, count: count, size: 2)
    }

    private static func points(_ name: String, dimensions: Int, features: [Float], count: Int,
                               classes: Int) -> Dataset {
        Dataset(unchecked: name, sampleShape: [dimensions], features: features,
                labels: (0..<count).map { Int32($0 % classes) }, classCount: classes,
                classNames: (0..<classes).map(String.init), nuisances: NuisanceTable(sampleCount: count))
    }
}
