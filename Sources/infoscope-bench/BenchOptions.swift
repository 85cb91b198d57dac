/// Command-line options shared by the benchmark workloads.
struct BenchOptions {
    /// Threads of the worker pool, the caller included.
    var threads = 2
    /// Timed runs per measurement; the median is reported.
    var runs = 9
    /// Names of the shapes to run, or nil for all.
    var shapes: [String]?

    struct ParseError: Error, CustomStringConvertible {
        var description: String
    }

    static func parse(_ arguments: ArraySlice<String>) throws -> BenchOptions {
        var options = BenchOptions()
        var rest = arguments
        while let flag = rest.popFirst() {
            guard let value = rest.popFirst() else {
                throw ParseError(description: "\(flag) needs a value")
            }
            switch flag {
            case "--threads":
                options.threads = try positive(value, flag)
            case "--runs":
                options.runs = try positive(value, flag)
            case "--shapes":
                options.shapes = value.split(separator: ",").map(String.init)
            default:
                throw ParseError(description: "unknown option \(flag)")
            }
        }
        return options
    }

    private static func positive(_ text: String, _ flag: String) throws -> Int {
        guard let value = Int(text), value > 0 else {
            throw ParseError(description: "\(flag) needs a positive whole number, got '\(text)'")
        }
        return value
    }
}
