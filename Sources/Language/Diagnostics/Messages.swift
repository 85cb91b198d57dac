/// Every message the language reports, in one place: lower-case, no final period, fixed wording.
package enum Messages {
    // MARK: source and lexer
    static let invalidUTF8 = "invalid UTF-8 byte sequence"
    static func unexpectedCharacter(_ c: String) -> String { "unexpected character '\(c)'" }
    static let unterminatedString = "unterminated string"
    static func invalidEscape(_ e: String) -> String { "invalid escape sequence '\(e)'" }
    static func malformedNumber(_ text: String) -> String { "malformed number '\(text)'" }
    static let nestingTooDeep = "nesting too deep"

    // MARK: parser
    static let endOfInput = "end of input"
    static let endOfLine = "end of line"
    static let stringToken = "string"
    static func expected(_ what: String, near: String) -> String { "\(what) expected near \(near)" }
    static func expectedToClose(_ close: String, _ open: String, _ line: Int) -> String {
        "'\(close)' expected (to close '\(open)' at line \(line))"
    }
    static let plotParentheses = "'plot (' starts the call plot(...); write 'plot x, to: ...' or 'plot(x, to: ...)'"
    static let printSeveral = "parentheses group one expression; to print several values write 'print a, b'"
    static let useDoubleEquals = "use '==' to compare"
    static let elseWithoutIf = "'else' must follow the closing '}' of an if, on the same line or the next"
    static let pipeWithoutValue = "'|>' must follow the value it pipes, on the same line or the next"
    static let useFn = "functions are declared with 'fn', e.g. fn area(w, h) { return w * h }"
    static let chainedComparison = "comparison operators cannot be chained"
    static let invalidAssignmentTarget = "cannot assign to this expression"
    static let positionalAfterNamed = "positional argument after named argument"
    static let tooManyErrors = "too many errors"
    static let importNotTopLevel = "'import' is only allowed at the top level of a file"
    static let requiredAfterDefault = "parameter without default follows a parameter with a default"
    static let scheduleItem = "schedule line ('optimizer', 'batch', 'epochs', 'lr' or 'phase')"
    static let scheduleUnit = "'epochs' or 'steps'"
    static let scheduleRateUnit = "'epoch' or 'step'"

    /// What the parser says it expected, for `expected(_:near:)`.
    enum Expected {
        static let colon = "':'"
        static let datasetName = "dataset name"
        static let endOfStatement = "end of statement"
        static let equals = "'='"
        static let expression = "expression"
        static let fieldName = "field name"
        static let fileNameString = "file name string"
        static let functionName = "function name"
        static let inKeyword = "'in'"
        static let layerName = "layer name"
        static let loopVariableName = "loop variable name"
        static let memberName = "member name"
        static let name = "name"
        static let networkName = "network name"
        static let onWord = "'on'"
        static let openBrace = "'{'"
        static let openParen = "'('"
        static let parameterName = "parameter name"
        static let plainString = "plain string"
        static let probeName = "probe name"
        static let scheduleName = "schedule name"
        static let statement = "statement"
    }

    // MARK: resolver
    static func unknownName(_ n: String) -> String { "unknown name '\(n)'" }
    static func didYouMean(_ n: String) -> String { "did you mean '\(n)'?" }
    static func noHelp(_ topic: String) -> String { "no help on '\(topic)'; help() lists the topics" }
    static func namesAre(_ noun: String, _ names: [String]) -> String { "its \(noun) are " + names.joined(separator: ", ") }
    /// The note for an unknown member or field: the nearest name, or, when none is near, every
    /// name there is.
    static func memberNotes(_ name: String, _ candidates: [String], noun: String = "members") -> [String] {
        if let near = closestName(to: name, among: candidates) { return [didYouMean(near)] }
        return candidates.isEmpty ? [] : [namesAre(noun, candidates)]
    }
    static func assignToLet(_ n: String) -> String { "cannot assign to '\(n)' (declared with 'let')" }
    static let useVar = "declare it with 'var' to allow assignment"
    static func assignToConstant(_ kind: String, _ n: String) -> String { "cannot assign to \(kind) '\(n)'" }
    static let breakOutsideLoop = "'break' outside a loop"
    static let continueOutsideLoop = "'continue' outside a loop"
    static let returnOutsideFunction = "'return' outside a function"
    static func duplicateParameter(_ n: String) -> String { "duplicate parameter '\(n)'" }
    static func duplicateField(_ n: String) -> String { "duplicate field '\(n)'" }
    static func duplicateDeclaration(_ n: String) -> String { "'\(n)' is already declared in this block" }
    static func duplicateArgument(_ n: String) -> String { "argument '\(n)' given twice" }
    static func tooManyArguments(_ f: String, max: Int, got: Int) -> String {
        "too many arguments to '\(f)' (expected at most \(max), got \(got))"
    }
    static func missingArgument(_ f: String, _ p: String) -> String { "missing argument '\(p)' in call to '\(f)'" }
    static func unknownParameter(_ f: String, _ p: String) -> String { "'\(f)' has no parameter named '\(p)'" }
    static func importNotFound(_ p: String) -> String { "cannot open import '\(p)'" }
    static func importCycle(_ chain: String) -> String { "import cycle: \(chain)" }
    static func declaredHere(_ at: String) -> String { "declared at \(at)" }

    // MARK: runtime
    static func binaryMismatch(_ op: String, _ a: String, _ b: String) -> String { "cannot apply '\(op)' to \(a) and \(b)" }
    static func unaryMismatch(_ op: String, _ a: String) -> String { "cannot apply '\(op)' to \(a)" }
    static let divisionByZero = "division by zero"
    static func notCallable(_ t: String) -> String { "cannot call a value of type \(t)" }
    static func indexOutOfRange(_ i: String, _ kind: String, _ n: Int) -> String {
        "index \(i) out of range for \(kind) of length \(n)"
    }
    static func indexNotInteger(_ i: String) -> String { "index must be an integer, got \(i)" }
    static func indexType(_ container: String, _ t: String) -> String { "cannot index \(container) with \(t)" }
    static func cannotIndex(_ t: String) -> String { "cannot index a value of type \(t)" }
    static func noField(_ n: String) -> String { "record has no field '\(n)'" }
    static func noMember(_ t: String, _ n: String) -> String { "\(t) has no member '\(n)'" }
    static func conditionNotBool(_ t: String) -> String { "condition must be a boolean, got \(t)" }
    static func operandNotBool(_ op: String, _ t: String) -> String { "operand of '\(op)' must be a boolean, got \(t)" }
    static func notIterable(_ t: String) -> String { "cannot iterate over a value of type \(t)" }
    static func callDepthExceeded(_ n: Int) -> String { "call depth exceeded (more than \(n) nested calls)" }
    static let interrupted = "interrupted"
    static let assertionFailed = "assertion failed"
    static func assertionFailed(_ m: String) -> String { "assertion failed: \(m)" }
    static func argumentType(_ f: String, _ p: String, _ expected: String, _ got: String) -> String {
        "argument '\(p)' of '\(f)' must be \(expected), got \(got)"
    }
    static func rangeBound(_ v: String) -> String { "range bounds must be integers, got \(v)" }
    static func rangeTooLarge(_ n: String) -> String { "range of \(n) elements is too large to build as a list" }
    static func listTooLarge(_ n: String) -> String { "list of \(n) elements is too large" }
    static func stringTooLarge(_ n: String) -> String { "string of \(n) bytes is too large" }
    static func notComparable(_ a: String, _ b: String) -> String { "cannot compare \(a) with \(b)" }
    static func cannotConvert(_ s: String) -> String { "cannot convert \"\(s)\" to a number" }
    static func emptyCollection(_ f: String) -> String { "'\(f)' of an empty list" }
    static func notANumberResult(_ f: String, _ x: String) -> String { "'\(f)' is undefined for \(x)" }
    static func callbackResult(_ f: String, _ expected: String, _ got: String) -> String {
        "the function given to '\(f)' must return \(expected), got \(got)"
    }
    static let useInterpolation = "use interpolation, e.g. \"{x}\", to join a value into a string"
    static func inImportedFile(_ p: String) -> String { "in imported file '\(p)'" }
    static func internalError(_ e: String) -> String { "internal error: \(e)" }
    static func callTraceLine(_ f: String, _ at: String?) -> String { "in \(f)" + (at.map { " at \($0)" } ?? "") }
    static func assignIndexOf(_ t: String) -> String { "cannot assign into a value of type \(t)" }
}
