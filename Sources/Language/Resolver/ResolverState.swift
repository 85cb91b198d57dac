/// What kind of declaration introduced a name (for assignment checks and `:vars`).
enum DeclarationKind: String {
    case constant = "let", variable = "var", function, parameter, loopVariable = "loop variable"
    case network, dataset, schedule, probe
}

/// A name declared in a scope.
struct NameEntry {
    let slot: Int
    let kind: DeclarationKind
    let range: SourceRange
    /// The declaration when `kind == .function`, for static arity checks.
    let function: FunctionDecl?
}

/// Names declared in one scope; slots are handed out in declaration order.
struct ScopeNames {
    var names: [String: NameEntry] = [:]
    var nextSlot = 0

    mutating func declare(_ name: String, _ kind: DeclarationKind, _ range: SourceRange, function: FunctionDecl? = nil) -> Int {
        let slot = nextSlot
        nextSlot += 1
        names[name] = NameEntry(slot: slot, kind: kind, range: range, function: function)
        return slot
    }
}

/// State of the resolver that outlives one chunk of input (the REPL's globals and imports).
struct ResolverState {
    var globals = ScopeNames()
    /// Canonical paths of files already imported (a second import is a no-op).
    var imported: Set<String> = []
}
