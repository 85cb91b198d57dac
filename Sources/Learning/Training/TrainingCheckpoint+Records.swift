/// The step records and probe series of a training checkpoint as packed little-endian sections:
/// a long run has tens of thousands of steps, and one fixed-size record each keeps the file and
/// the time to write it small (a key per number would triple both).
///
/// `run.steps`: the record count (8 bytes), then per record step and epoch (8 bytes each, signed)
/// and loss, accuracy and learning rate (8 bytes each, float64 bits).
/// `run.series`: the series count (4 bytes), then per series its name length (2) and UTF-8 name,
/// its point count (8), and per point step and epoch (8 each, signed) and value (8, float64 bits).
/// Series are written sorted by name.
extension TrainingCheckpoint {
    /// Bytes of one step record: two integers and three reals.
    static let stepRecordBytes = 5 * 8
    /// Bytes of one series point: two integers and one real.
    static let seriesPointBytes = 3 * 8

    /// The step records as a `run.steps` section.
    func stepBytes() -> [UInt8] {
        var writer = ByteWriter()
        writer.bytes.reserveCapacity(8 + steps.count * Self.stepRecordBytes)
        writer.uint64(UInt64(steps.count))
        for s in steps {
            writer.uint64(UInt64(bitPattern: Int64(s.step)))
            writer.uint64(UInt64(bitPattern: Int64(s.epoch)))
            writer.uint64(s.loss.bitPattern)
            writer.uint64(s.accuracy.bitPattern)
            writer.uint64(s.learningRate.bitPattern)
        }
        return writer.bytes
    }

    /// Every probe series as a `run.series` section; a name too long for its 2-byte length is refused.
    func seriesBytes() throws -> [UInt8] {
        var writer = ByteWriter()
        writer.uint32(UInt32(probes.count))
        for name in probes.keys.sorted() {
            let nameBytes = Array(name.utf8)
            guard nameBytes.count <= Int(UInt16.max) else {
                throw TrainingError.invalidSetting("probe series name '\(name.prefix(40))…' is too long for a checkpoint")
            }
            let points = probes[name] ?? []
            writer.uint16(UInt16(nameBytes.count))
            writer.append(nameBytes)
            writer.uint64(UInt64(points.count))
            for p in points {
                writer.uint64(UInt64(bitPattern: Int64(p.step)))
                writer.uint64(UInt64(bitPattern: Int64(p.epoch)))
                writer.uint64(p.value.bitPattern)
            }
        }
        return writer.bytes
    }

    /// The step records of a `run.steps` section, refusing a truncated or padded one.
    static func steps(_ bytes: [UInt8]?) throws -> [StepRecord] {
        var reader = try records(bytes, section: "the step records")
        // The count is bounded by the bytes present before it is multiplied, so it cannot overflow.
        guard let count = reader.unsigned(8), count <= UInt64(reader.bytes.count),
              reader.bytes.count - reader.offset == Int(count) * stepRecordBytes else {
            throw TrainingError.invalidState("the step records are truncated or have trailing bytes")
        }
        return (0..<Int(count)).map { _ in
            let step = reader.integer(), epoch = reader.integer()
            return StepRecord(step: step, epoch: epoch, loss: reader.real(), accuracy: reader.real(), learningRate: reader.real())
        }
    }

    /// The probe series of a `run.series` section, refusing a truncated or padded one.
    static func series(_ bytes: [UInt8]?) throws -> [String: [SeriesPoint]] {
        var reader = try records(bytes, section: "the probe series")
        let bad = TrainingError.invalidState("the probe series are truncated or have trailing bytes")
        guard let count = reader.unsigned(4) else { throw bad }
        var result: [String: [SeriesPoint]] = [:]
        for _ in 0..<count {
            guard let length = reader.unsigned(2), let name = reader.take(Int(length)), let points = reader.unsigned(8),
                  points <= UInt64(reader.bytes.count), reader.has(Int(points) * seriesPointBytes) else { throw bad }
            let text = String(decoding: name, as: UTF8.self)
            guard result[text] == nil else { throw TrainingError.invalidState("the probe series '\(text)' appears twice") }
            result[text] = (0..<Int(points)).map { _ in
                let step = reader.integer(), epoch = reader.integer()
                return SeriesPoint(step: step, epoch: epoch, value: reader.real())
            }
        }
        guard reader.offset == reader.bytes.count else { throw bad }
        return result
    }

    /// A reader over a records section, or an error naming the missing section.
    private static func records(_ bytes: [UInt8]?, section: String) throws -> ByteReader {
        guard let bytes else { throw TrainingError.invalidState("\(section) are missing") }
        return ByteReader(bytes)
    }
}

private extension ByteReader {
    /// The next 8 bytes as a signed integer; callers check the length first, so 0 is never read.
    mutating func integer() -> Int { Int(Int64(bitPattern: unsigned(8) ?? 0)) }
    /// The next 8 bytes as a float64; callers check the length first.
    mutating func real() -> Double { Double(bitPattern: unsigned(8) ?? 0) }
}
