/// A statement node with its source span.
package struct Stmt {
    /// The kind of statement and its children.
    package var kind: StmtKind
    /// The source span of the whole statement.
    package let range: SourceRange
}

/// The statement forms of the language.
package indirect enum StmtKind {
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
package struct Block {
    /// The statements in order.
    package var statements: [Stmt]
    /// The span from `{` to `}`.
    package let range: SourceRange
}

/// A resolver-assigned slot in the enclosing scope for a declared name.
package final class DeclSlot {
    package var slot = 0
    init() {}
}

/// `let name = value` or `var name = value`.
package final class VariableDecl {
    /// The declared name.
    package let name: String
    /// The span of the name.
    package let nameRange: SourceRange
    /// True for `var` (assignable), false for `let`.
    package let mutable: Bool
    /// The initial value.
    package var value: Expr
    /// The slot assigned by the resolver.
    package let slot = DeclSlot()
    init(name: String, nameRange: SourceRange, mutable: Bool, value: Expr) {
        self.name = name; self.nameRange = nameRange; self.mutable = mutable; self.value = value
    }
}

/// A parameter of a function or a parameterised declaration.
package struct Parameter {
    /// The parameter name.
    package let name: String
    /// The span of the name.
    package let range: SourceRange
    /// The default value, evaluated at call time when the argument is missing.
    package var defaultValue: Expr?
}

/// A named function or a lambda; a class so closures can share it.
package final class FunctionDecl {
    /// The name (`fn name`), or "<lambda>" for anonymous functions.
    package let name: String
    /// The span of the name (or of `fn` for lambdas).
    package let nameRange: SourceRange
    /// The parameters in order.
    package var parameters: [Parameter]
    /// The body; an `=> expr` lambda body is a single `return` statement.
    package var body: [Stmt]
    init(name: String, nameRange: SourceRange, parameters: [Parameter], body: [Stmt]) {
        self.name = name; self.nameRange = nameRange; self.parameters = parameters; self.body = body
    }
}

/// `import "path"`; the resolver loads and resolves the file and stores its statements here.
package final class ImportRef {
    /// The path as written.
    package let path: String
    /// The span of the path literal.
    package let pathRange: SourceRange
    /// The imported file's statements, or nil when it was already imported earlier.
    package var statements: [Stmt]?
    init(path: String, pathRange: SourceRange) { self.path = path; self.pathRange = pathRange }
}
