/// A statement node with its source span.
public struct Stmt {
    /// The kind of statement and its children.
    public var kind: StmtKind
    /// The source span of the whole statement.
    public let range: SourceRange
}

/// The statement forms of the language.
public indirect enum StmtKind {
    /// `let`/`var` declaration; `slot` is filled by the resolver.
    case variable(VariableDecl)
    case function(FunctionDecl, DeclSlot)
    case network(NetworkDecl, DeclSlot)
    case dataset(DatasetDecl, DeclSlot)
    case schedule(ScheduleDecl, DeclSlot)
    case probe(ProbeDecl, DeclSlot)
    case importFile(ImportRef)
    case print([Expr])
    case expression(Expr)
    case assign(target: Expr, op: BinaryOperator?, value: Expr)
    case ifElse(Expr, Block, else: Stmt?)
    case block(Block)
    case forIn(name: String, nameRange: SourceRange, slot: DeclSlot, iterable: Expr, body: Block)
    case whileLoop(Expr, Block)
    case returnValue(Expr?)
    case breakLoop
    case continueLoop
}

/// A braced list of statements that opens its own scope.
public struct Block {
    /// The statements in order.
    public var statements: [Stmt]
    /// The span from `{` to `}`.
    public let range: SourceRange
}

/// A resolver-assigned slot in the enclosing scope for a declared name.
public final class DeclSlot {
    package var slot = 0
    init() {}
}

/// `let name = value` or `var name = value`.
public final class VariableDecl {
    /// The declared name.
    public let name: String
    /// The span of the name.
    public let nameRange: SourceRange
    /// True for `var` (assignable), false for `let`.
    public let mutable: Bool
    /// The initial value.
    public var value: Expr
    /// The slot assigned by the resolver.
    public let slot = DeclSlot()
    init(name: String, nameRange: SourceRange, mutable: Bool, value: Expr) {
        self.name = name; self.nameRange = nameRange; self.mutable = mutable; self.value = value
    }
}

/// A parameter of a function or a parameterised declaration.
public struct Parameter {
    /// The parameter name.
    public let name: String
    /// The span of the name.
    public let range: SourceRange
    /// The default value, evaluated at call time when the argument is missing.
    public var defaultValue: Expr?
}

/// A named function or a lambda; a class so closures can share it.
public final class FunctionDecl {
    /// The name (`fn name`), or "<lambda>" for anonymous functions.
    public let name: String
    /// The span of the name (or of `fn` for lambdas).
    public let nameRange: SourceRange
    /// The parameters in order.
    public var parameters: [Parameter]
    /// The body; an `=> expr` lambda body is a single `return` statement.
    public var body: [Stmt]
    init(name: String, nameRange: SourceRange, parameters: [Parameter], body: [Stmt]) {
        self.name = name; self.nameRange = nameRange; self.parameters = parameters; self.body = body
    }
}

/// `import "path"`; the resolver loads and resolves the file and stores its statements here.
public final class ImportRef {
    /// The path as written.
    public let path: String
    /// The span of the path literal.
    public let pathRange: SourceRange
    /// The imported file's statements, or nil when it was already imported earlier.
    package var statements: [Stmt]?
    init(path: String, pathRange: SourceRange) { self.path = path; self.pathRange = pathRange }
}
