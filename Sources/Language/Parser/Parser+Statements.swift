extension Parser {
    /// statement = variableDecl | functionDecl | networkDecl | datasetDecl | scheduleDecl | probeDecl
    ///           | importStmt | printStmt | plotStmt | ifStmt | forStmt | whileStmt | returnStmt | breakStmt
    ///           | continueStmt | block | expressionStmt ;
    func statement() throws -> Stmt {
        switch peek.kind {
        case .keyword(.let), .keyword(.var): return try variableDecl()
        case .keyword(.fn) where peekAhead(1).kind == .identifier: return try functionDecl()
        case .keyword(.network): return try networkDecl()
        // `dataset(x: ..., y: ...)` at the start of a line is a call of the dataset builtin.
        case .keyword(.dataset) where peekAhead(1).kind != .leftParen: return try datasetDecl()
        case .keyword(.schedule): return try scheduleDecl()
        case .keyword(.probe): return try probeDecl()
        case .keyword(.import): return try importStmt()
        case .keyword(.print): return try printStmt()
        case .keyword(.plot): return try plotStmt()
        case .keyword(.if): return try ifStmt()
        case .keyword(.for): return try forStmt()
        case .keyword(.while): return try whileStmt()
        case .keyword(.return): return try returnStmt()
        case .keyword(.break):
            return Stmt(kind: .breakLoop, range: advance().range)
        case .keyword(.continue):
            return Stmt(kind: .continueLoop, range: advance().range)
        // Both only ever continue what came before; said plainly rather than "expression expected".
        case .keyword(.else): throw fail(Messages.elseWithoutIf, at: peek.range)
        case .pipe: throw fail(Messages.pipeWithoutValue, at: peek.range)
        default: return try expressionStmt()
        }
    }

    /// variableDecl = ( "let" | "var" ) IDENT "=" expression ;
    func variableDecl() throws -> Stmt {
        let keyword = advance()
        let name = try expect(.identifier, Messages.Expected.name)
        try expect(.assign, Messages.Expected.equals)
        skipNewlines()
        let value = try expression()
        let decl = VariableDecl(name: name.text, nameRange: name.range,
                                mutable: keyword.kind == .keyword(.var), value: value)
        return Stmt(kind: .variable(decl), range: range(from: keyword.range))
    }

    /// functionDecl = "fn" IDENT parameterList block ;
    func functionDecl() throws -> Stmt {
        let keyword = advance()
        let name = try expect(.identifier, Messages.Expected.functionName)
        let parameters = try parameterList()
        let body = try block()
        let decl = FunctionDecl(name: name.text, nameRange: name.range, parameters: parameters, body: body.statements)
        return Stmt(kind: .function(decl, DeclSlot()), range: range(from: keyword.range))
    }

    /// parameterList = "(" [ parameter { "," parameter } [ "," ] ] ")" ;
    func parameterList() throws -> [ParameterDecl] {
        let open = try expect(.leftParen, Messages.Expected.openParen)
        var parameters: [ParameterDecl] = []
        while !check(.rightParen) && !atEnd {
            let p = try parameter()
            if p.defaultValue == nil, parameters.last?.defaultValue != nil {
                report(Messages.requiredAfterDefault, at: p.range)
            }
            parameters.append(p)
            if !match(.comma) { break }
        }
        try expectClosing(.rightParen, ")", opening: open)
        return parameters
    }

    /// parameter = IDENT [ "=" expression ] ;
    func parameter() throws -> ParameterDecl {
        let name = try expect(.identifier, Messages.Expected.parameterName)
        let value = match(.assign) ? try expression() : nil
        return ParameterDecl(name: name.text, range: name.range, defaultValue: value)
    }

    /// block = "{" { statement terminator } "}" ;
    func block() throws -> Block {
        let open = try expect(.leftBrace, Messages.Expected.openBrace)
        return try nested {
            blockDepth += 1
            defer { blockDepth -= 1 }
            var statements: [Stmt] = []
            skipTerminators()
            while !check(.rightBrace) && !atEnd && !tooManyErrors {
                let before = current
                statementWithRecovery(into: &statements)
                if current == before { advance() }
                skipTerminators()
            }
            try expectClosing(.rightBrace, "}", opening: open)
            return Block(statements: statements, range: range(from: open.range))
        }
    }

    /// importStmt = "import" STRING ;
    func importStmt() throws -> Stmt {
        let keyword = advance()
        let path = try expect(.string, Messages.Expected.fileNameString)
        var text = ""
        for part in path.parts {
            guard case .text(let s) = part else {
                throw fail(Messages.expected(Messages.Expected.plainString, near: path.display), at: path.range)
            }
            text += s
        }
        let stmtRange = range(from: keyword.range)
        if blockDepth > 0 { report(Messages.importNotTopLevel, at: stmtRange) }
        return Stmt(kind: .importFile(ImportRef(path: text, pathRange: path.range)), range: stmtRange)
    }

    /// printStmt = "print" [ expression { "," expression } ] ;
    func printStmt() throws -> Stmt {
        let keyword = advance()
        var values: [Expr] = []
        if !(check(.newline) || check(.semicolon) || check(.rightBrace) || atEnd) {
            values.append(try expression())
            while match(.comma) { values.append(try expression()) }
        }
        return Stmt(kind: .print(values), range: range(from: keyword.range))
    }

    /// plotStmt = "plot" [ argument { "," argument } ] ;
    /// The statement `plot x, to: "f.svg"` is the call `plot(x, to: "f.svg")`: the same node, so the
    /// same argument checks and errors; a line may break after a comma.
    func plotStmt() throws -> Stmt {
        // `plot(...)` at the start of a line is the call itself, as an expression statement.
        if peekAhead(1).kind == .leftParen {
            let call = try expressionStmt()
            if check(.comma) {
                throw fail(Messages.expected(Messages.Expected.endOfStatement, near: peek.display), at: peek.range,
                           notes: [Messages.plotParentheses])
            }
            return call
        }
        let keyword = advance()
        var args: [Argument] = []
        if !(check(.newline) || check(.semicolon) || check(.rightBrace) || atEnd) {
            repeat {
                skipNewlines()
                let arg = try argument()
                if arg.label == nil, args.last?.label != nil {
                    report(Messages.positionalAfterNamed, at: arg.value.range)
                }
                args.append(arg)
            } while match(.comma)
        }
        let whole = range(from: keyword.range)
        let callee = Expr(kind: .name(NameRef(keyword.text)), range: keyword.range)
        return Stmt(kind: .expression(Expr(kind: .call(callee, args), range: whole)), range: whole)
    }

    /// ifStmt = "if" expression block [ "else" ( ifStmt | block ) ] ;
    func ifStmt() throws -> Stmt {
        let keyword = advance()
        let condition = try conditionExpression()
        let then = try block()
        var otherwise: Stmt?
        if matchAcrossNewline(.keyword(.else)) {
            if check(.keyword(.if)) {
                otherwise = try nested { try ifStmt() }
            } else {
                let b = try block()
                otherwise = Stmt(kind: .block(b), range: b.range)
            }
        }
        return Stmt(kind: .ifElse(condition, then, else: otherwise), range: range(from: keyword.range))
    }

    /// The condition of `if`/`while`; a following `=` is the common slip for `==`.
    private func conditionExpression() throws -> Expr {
        let condition = try expression()
        if check(.assign) {
            throw fail(Messages.expected(Messages.Expected.openBrace, near: peek.display), at: peek.range,
                       notes: [Messages.useDoubleEquals])
        }
        return condition
    }

    /// forStmt = "for" IDENT "in" expression block ;
    func forStmt() throws -> Stmt {
        let keyword = advance()
        let name = try expect(.identifier, Messages.Expected.loopVariableName)
        try expect(.keyword(.in), Messages.Expected.inKeyword)
        let iterable = try expression()
        let body = try block()
        return Stmt(kind: .forIn(name: name.text, nameRange: name.range, slot: DeclSlot(), iterable: iterable, body: body),
                    range: range(from: keyword.range))
    }

    /// whileStmt = "while" expression block ;
    func whileStmt() throws -> Stmt {
        let keyword = advance()
        let condition = try conditionExpression()
        let body = try block()
        return Stmt(kind: .whileLoop(condition, body), range: range(from: keyword.range))
    }

    /// returnStmt = "return" [ expression ] ;
    func returnStmt() throws -> Stmt {
        let keyword = advance()
        var value: Expr?
        if !(check(.newline) || check(.semicolon) || check(.rightBrace) || atEnd) { value = try expression() }
        return Stmt(kind: .returnValue(value), range: range(from: keyword.range))
    }

    /// expressionStmt = expression [ ( "=" | "+=" | "-=" | "*=" | "/=" ) expression ] ;
    func expressionStmt() throws -> Stmt {
        let target = try expression()
        let ops: [TokenKind: BinaryOperator?] = [.assign: nil, .plusAssign: .add, .minusAssign: .subtract,
                                                 .starAssign: .multiply, .slashAssign: .divide]
        guard let op = ops[peek.kind] else {
            return Stmt(kind: .expression(target), range: target.range)
        }
        let opToken = advance()
        switch target.kind {
        case .name, .index, .member: break
        default: throw fail(Messages.invalidAssignmentTarget, at: target.range.through(opToken.range))
        }
        skipNewlines()
        let value = try expression()
        return Stmt(kind: .assign(target: target, op: op, value: value), range: target.range.through(value.range))
    }
}
