/// An error raised while evaluating; carries where it happened and the calls it unwound through.
struct RuntimeError: Error {
    var message: String
    var range: SourceRange?
    var notes: [String] = []
    /// `in f at file:line:col` lines, innermost first.
    var trace: [String] = []
    /// For errors raised inside a builtin: which parameter was bad, so the caret can point at it.
    var parameterIndex: Int?
    /// True when raised because the interrupt flag was set.
    var isInterrupt = false

    init(_ message: String, at range: SourceRange? = nil, parameter: Int? = nil, notes: [String] = []) {
        self.message = message
        self.range = range
        self.parameterIndex = parameter
        self.notes = notes
    }
}
