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
    /// True when a layer refused its input shape while a network was built (`check` reports these).
    var isShapeError = false

    init(_ message: String, at range: SourceRange? = nil, parameter: Int? = nil, notes: [String] = []) {
        self.message = message
        self.range = range
        self.parameterIndex = parameter
        self.notes = notes
    }

    /// The error that stops evaluation after Ctrl-C (the interrupt flag was set).
    static var interrupted: RuntimeError {
        var e = RuntimeError(Messages.interrupted)
        e.isInterrupt = true
        return e
    }
}
