import TensorRuntime

/// Training state in a container-neutral form: named tensors plus a small key/value record.
///
/// Seam with the checkpoint files: the layers engineer's checkpoint container (versioned and
/// checksummed, with extra state sections) stores `tensors` as tensor entries and `integers` /
/// `reals` as its key/value section; nothing here knows about bytes on disk. Keys are dotted paths
/// (`optimizer.0.weight.momentum`, `trainer.step`), so several records can share one container by
/// prefix (`prefixed(_:)`, `section(_:)`).
public struct StateRecord: Equatable {
    /// Tensor-valued state (optimizer moments), keyed by dotted name.
    public var tensors: [String: Tensor<Float>]
    /// Whole-number state (step counts, epochs, seeds stored as their bit pattern).
    public var integers: [String: Int64]
    /// Real-valued state (running sums of the epoch being trained).
    public var reals: [String: Double]

    /// A record with the given entries.
    public init(tensors: [String: Tensor<Float>] = [:], integers: [String: Int64] = [:],
                reals: [String: Double] = [:]) {
        self.tensors = tensors
        self.integers = integers
        self.reals = reals
    }

    /// Equal when every entry is equal, tensors compared by shape and bit pattern.
    public static func == (lhs: StateRecord, rhs: StateRecord) -> Bool {
        guard lhs.integers == rhs.integers, lhs.reals == rhs.reals,
              Set(lhs.tensors.keys) == Set(rhs.tensors.keys) else { return false }
        return lhs.tensors.allSatisfy { key, value in
            guard let other = rhs.tensors[key] else { return false }
            return value.shape == other.shape
                && value.scalars.map(\.bitPattern) == other.scalars.map(\.bitPattern)
        }
    }

    /// The same record with every key preceded by `prefix` and a dot.
    public func prefixed(_ prefix: String) -> StateRecord {
        func rename<V>(_ entries: [String: V]) -> [String: V] {
            Dictionary(uniqueKeysWithValues: entries.map { ("\(prefix).\($0.key)", $0.value) })
        }
        return StateRecord(tensors: rename(tensors), integers: rename(integers), reals: rename(reals))
    }

    /// The entries whose keys start with `prefix` and a dot, with that prefix removed.
    public func section(_ prefix: String) -> StateRecord {
        let head = prefix + "."
        func pick<V>(_ entries: [String: V]) -> [String: V] {
            var result: [String: V] = [:]
            for (key, value) in entries where key.hasPrefix(head) {
                result[String(key.dropFirst(head.count))] = value
            }
            return result
        }
        return StateRecord(tensors: pick(tensors), integers: pick(integers), reals: pick(reals))
    }

    /// Adds every entry of `other`, which must not repeat a key.
    public mutating func merge(_ other: StateRecord) throws {
        for (key, value) in other.tensors {
            guard tensors[key] == nil else { throw TrainingError.invalidState("duplicate state entry '\(key)'") }
            tensors[key] = value
        }
        for (key, value) in other.integers {
            guard integers[key] == nil else { throw TrainingError.invalidState("duplicate state entry '\(key)'") }
            integers[key] = value
        }
        for (key, value) in other.reals {
            guard reals[key] == nil else { throw TrainingError.invalidState("duplicate state entry '\(key)'") }
            reals[key] = value
        }
    }

    /// The integer under `key`, or an error naming the missing key.
    public func integer(_ key: String) throws -> Int64 {
        guard let value = integers[key] else { throw TrainingError.invalidState("missing state entry '\(key)'") }
        return value
    }

    /// The real under `key`, or an error naming the missing key.
    public func real(_ key: String) throws -> Double {
        guard let value = reals[key] else { throw TrainingError.invalidState("missing state entry '\(key)'") }
        return value
    }
}
