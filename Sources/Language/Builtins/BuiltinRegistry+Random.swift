import Foundation
import Learning
import TensorRuntime

extension BuiltinRegistry {
    static var randomness: [BuiltinFunction] {
        [
            def("random", [], "random", "a uniform random number in [0, 1)",
                "Seeded by --seed (default 0), so runs repeat exactly.", example: "random() < 1  # true") { a in
                .number(a.evaluator.random.uniform())
            },
            def("random_int", "random", "a uniform random integer from low up to (not including) high",
                "high must be greater than low.", example: "random_int(0, 1)  # 0") { p in
                let low = p.required("low", .integer), high = p.required("high", .integer)
                let aboveLow = "an integer greater than low"
                p.checks { s in
                    if let lo = s.value(low), let hi = s.value(high), hi <= lo { s.refuse(high, expected: aboveLow) }
                    return []
                }
                return { a in
                    let lo = try a[low], hi = try a[high]
                    guard hi > lo else { throw a.fail(high, expected: aboveLow) }
                    return .number(Double(lo) + Double(a.evaluator.random.below(UInt64(hi - lo))))
                }
            },
            def("normal", "random", "a normally distributed random number",
                "Box-Muller transform of two uniforms; std must not be negative.",
                example: "type_of(normal(mean: 5, std: 2))  # \"number\"") { p in
                let mean = p.optional("mean", .number, default: .number(0))
                let std = p.optional("std", ArgumentKind<Double>.number.constrained("a non-negative number") { $0 >= 0 }, default: .number(1))
                return { a in
                    // The arguments first: a refused call must not advance the seeded generator.
                    let m = try a[mean], s = try a[std]
                    let u1 = 1 - a.evaluator.random.uniform(), u2 = a.evaluator.random.uniform()
                    return .number(m + s * (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2))
                }
            },
            def("shuffle", "random", "a copy of a list, or a dataset, in random order",
                "Fisher-Yates shuffle, from the session's generator (seeded by --seed) or from seed when given.",
                example: "len(shuffle([1, 2, 3]))  # 3") { p in
                let x = p.required("x", .listOrDataset), seed = p.optional("seed", .integer(atLeast: 0))
                // A shuffled dataset keeps its samples, shape and classes.
                p.makesDataset { s in s.dataset(x) }
                return { a in
                    switch try a[x] {
                    case .dataset(let given, let dataset):
                        return keepingNormalization(of: given, .dataset(dataset.shuffled(stream: try a.stream(seed))))
                    case .other(var items):
                        let source = try a[seed].map { RandomSource(seed: UInt64($0)) } ?? a.evaluator.random
                        for i in stride(from: items.count - 1, to: 0, by: -1) {
                            items.swapAt(i, Int(source.below(UInt64(i + 1))))
                        }
                        return .list(items)
                    }
                }
            },
        ]
    }

    /// The random stream for a dataset's `seed:`: the given seed, or, when left out, one drawn from
    /// the interpreter's generator, so `--seed` fixes every draw and two calls without seeds differ.
}

/// What shuffle and split take: a dataset (with the value it came as, whose normalisation the
/// result keeps), or a value of the builtin's other kind (a list to shuffle, a string to split).
enum DatasetOr<Other> {
    case dataset(Value, Dataset)
    case other(Other)
}

extension ArgumentKind where T == DatasetOr<[Value]> {
    /// A dataset, or a list (a range read as its elements).
    static var listOrDataset: ArgumentKind<DatasetOr<[Value]>> { datasetOr(.list, "a list or dataset") }
}

extension ArgumentKind where T == DatasetOr<String> {
    /// A dataset or a string.
    static var stringOrDataset: ArgumentKind<DatasetOr<String>> { datasetOr(.string, "a string or dataset") }
}

/// A dataset, or else a value read as `other`; a literal is always the other kind.
private func datasetOr<Other>(_ other: ArgumentKind<Other>, _ expected: String) -> ArgumentKind<DatasetOr<Other>> {
    ArgumentKind(expected, literal: other.readLiteral.map { read in { read($0).map(DatasetOr.other) } }) { value, a in
        if case .object(let o as DatasetValue) = value { return .dataset(value, o.dataset) }
        return try other.read(value, a).map(DatasetOr.other)
    }
}
