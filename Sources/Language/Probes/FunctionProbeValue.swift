import Learning

/// A probe written as a function of the network: `probe norm = fn(net) => ...`. During training
/// (`train(..., probes: [norm])`) the function is called with the network being trained, between
/// optimizer steps, so the run goes on with its optimizer state untouched; what it returns is
/// recorded in the run's history like a builtin probe's numbers.
///
/// It must return a number (the series `run.NAME`), a list of numbers (`run.NAME` is then a list
/// of lists: a snapshot, such as a network's predictions over a grid) or a record of numbers (a
/// list of records), of the same length or fields at every measurement: every value is a number
/// in the history, so checkpoints and resumed runs keep them. It may read the network only: a
/// call that changes the weights is refused (`TrainCall.functionProbe`).
final class FunctionProbeValue: ObjectValue {
    /// The function, of one parameter: the network.
    let function: Value
    /// The declared name, which its measurements are recorded under.
    let name: String

    init(_ function: Value, name: String) {
        self.function = function
        self.name = name
    }

    var typeName: String { "probe" }

    func describe() -> String { "probe \(name): a function of the network" }

    static let members = ["name", "measure", "apply"]

    var memberNames: [String] { Self.members }

    func member(_ member: String) -> Value? {
        switch member {
        case "name": return .string(name)
        case "measure": return .string("function")
        case "apply":
            let doc = BuiltinDoc(signature: "probe.apply(net)", summary: "call this probe's function on a network now",
                                 description: "Gives what the function returns for the network.",
                                 example: "probe norm = fn(net) => len(net.layers); norm.apply(net)", category: "probes")
            return .builtin(.method("apply", doc: doc) { [function] p in
                let network = p.required("net", .network)
                return { a in try a.call(function, [.object(try a[network])]) }
            })
        default: return nil
        }
    }

    /// The values to record for what the function returned: a number under "", a list's entries
    /// under "0", "1", ..., a record's fields under their names.
    func recorded(_ value: Value) throws -> [String: Double] {
        switch value {
        case .number(let x):
            return ["": x]
        case .list(let items):
            var values: [String: Double] = [:]
            for (i, item) in items.enumerated() {
                guard case .number(let x) = item else { throw RuntimeError(Messages.functionProbeResult("a list holding a \(item.typeName) value")) }
                values["\(i)"] = x
            }
            guard !values.isEmpty else { throw RuntimeError(Messages.functionProbeResult("an empty list")) }
            return values
        case .record(let record):
            var values: [String: Double] = [:]
            for field in record.keys {
                guard case .number(let x)? = record[field] else {
                    let item = record[field] ?? .none
                    throw RuntimeError(Messages.functionProbeResult("a record whose field '\(field)' is a \(item.typeName) value"))
                }
                values[field] = x
            }
            guard !values.isEmpty else { throw RuntimeError(Messages.functionProbeResult("an empty record")) }
            return values
        default:
            throw RuntimeError(Messages.functionProbeResult("a \(value.typeName) value"))
        }
    }

    /// What the history holds for `name`, as the function gave it: numbers, lists of numbers or
    /// records of numbers, one per measurement (nil when nothing was recorded under the name).
    static func series(_ name: String, in run: Run) -> Value? {
        let prefix = name + "."
        let keys = run.probes.keys.filter { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) }
        guard !keys.isEmpty else { return nil }
        let indices = keys.compactMap { Int($0) }
        let ordered = indices.count == keys.count ? indices.sorted().map(String.init) : keys.sorted()
        let columns = ordered.map { run.probes[prefix + $0] ?? [] }
        let count = columns.map(\.count).min() ?? 0
        return .list((0..<count).map { i in
            if indices.count == keys.count { return .list(columns.map { .number($0[i].value) }) }
            var record = Record()
            for (field, column) in zip(ordered, columns) { record[field] = .number(column[i].value) }
            return .record(record)
        })
    }
}
