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
