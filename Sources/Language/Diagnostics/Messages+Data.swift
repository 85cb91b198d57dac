/// Messages of the dataset builtins and declarations.
extension Messages {
    static func datasetNotFound(_ name: String) -> String { "cannot find the \(name) dataset" }
    static func lookedIn(_ place: String) -> String { "looked in: \(place)" }
    static func declarationResult(_ kind: String, _ name: String, _ got: String) -> String {
        "\(kind) '\(name)' must produce a \(kind), got \(got)"
    }
    static let literalNoSamples = "needs at least one sample"
    static func literalCounts(_ x: Int, _ y: Int) -> String { "x has \(x) samples but y has \(y) labels" }
    static func literalShape(_ i: Int, _ shape: [Int], _ first: [Int]) -> String {
        "sample \(i) has shape \(shape), unlike sample 0's \(first)"
    }
    static func literalRagged(_ i: Int) -> String { "sample \(i) is not a rectangular list of numbers" }
    static func literalLabel(_ i: Int) -> String { "label \(i) must be an integer ≥ 0" }
    static func literalClasses(_ n: Int, _ largest: Int) -> String {
        "\(n) classes cannot hold label \(largest)"
    }
    static func exactlyOne(_ f: String, _ a: String, _ b: String) -> String {
        "'\(f)' needs exactly one of '\(a)' and '\(b)'"
    }
    static func unknownChoice(_ f: String, _ p: String, _ choices: String, _ got: String) -> String {
        "argument '\(p)' of '\(f)' must be \(choices), got \"\(got)\""
    }
    static func noNuisance(_ name: String, _ known: [String]) -> String {
        "the dataset has no nuisance factor '\(name)'"
            + (known.isEmpty ? " (it has none)" : " (it has \(known.joined(separator: ", ")))")
    }
}
