extension Parser {
    /// primary = NUMBER | STRING | "true" | "false" | "none" | IDENT | calledKeyword
    ///         | "(" expression ")" | listLiteral | recordLiteral | lambda ;
    func primary() throws -> Expr {
        let t = peek
        switch t.kind {
        case .number:
            advance()
            return Expr(kind: .number(t.number), range: t.range)
        case .string:
            advance()
            return Expr(kind: .string(try interpolationParts(t)), range: t.range)
        case .keyword(.true), .keyword(.false):
            advance()
            return Expr(kind: .bool(t.kind == .keyword(.true)), range: t.range)
        case .keyword(.none):
            advance()
            return Expr(kind: .none, range: t.range)
        case .identifier:
            advance()
            return Expr(kind: .name(NameRef(t.text)), range: t.range)
        case .keyword(.dataset) where peekAhead(1).kind == .leftParen,
             .keyword(.plot) where peekAhead(1).kind == .leftParen:
            return try calledKeyword()
        case .leftParen:
            advance()
            let inner = try expression()
            if check(.comma) {
                throw fail(Messages.expectedToClose(")", "(", t.range.line), at: peek.range, notes: [Messages.printSeveral])
            }
            try expectClosing(.rightParen, ")", opening: t)
            return Expr(kind: inner.kind, range: range(from: t.range))
        case .leftBracket: return try listLiteral()
        case .leftBrace: return try recordLiteral()
        case .keyword(.fn): return try lambda()
        default:
            throw fail(Messages.expected(Messages.Expected.expression, near: t.display), at: t.range)
        }
    }

    /// calledKeyword = "dataset" | "plot" (* only directly before "(" *) ;
    /// These reserved words also name builtins (`dataset(x:, y:)`, `plot(series, to:)`) when called.
    func calledKeyword() throws -> Expr {
        let t = advance()
        return Expr(kind: .name(NameRef(t.text)), range: t.range)
    }

    /// listLiteral = "[" [ expression { "," expression } [ "," ] ] "]" ;
    func listLiteral() throws -> Expr {
        let open = advance()
        var items: [Expr] = []
        while !check(.rightBracket) && !atEnd {
            items.append(try expression())
            if !match(.comma) { break }
        }
        try expectClosing(.rightBracket, "]", opening: open)
        return Expr(kind: .list(items), range: range(from: open.range))
    }

    /// recordLiteral = "{" [ field { "," field } [ "," ] ] "}" ;
    func recordLiteral() throws -> Expr {
        let open = advance()
        var fields: [(name: String, range: SourceRange, value: Expr)] = []
        skipNewlines()
        while !check(.rightBrace) && !atEnd {
            fields.append(try field())
            skipNewlines()
            if !match(.comma) { break }
            skipNewlines()
        }
        try expectClosing(.rightBrace, "}", opening: open)
        return Expr(kind: .record(fields), range: range(from: open.range))
    }

    /// field = ( IDENT | STRING ) ":" expression ;
    func field() throws -> (name: String, range: SourceRange, value: Expr) {
        let key = peek
        var name = key.text
        if key.kind == .string, key.parts.count <= 1, case .text(let s)? = key.parts.first ?? .text("") {
            name = s
        } else if key.kind != .identifier {
            throw fail(Messages.expected(Messages.Expected.fieldName, near: key.display), at: key.range)
        }
        advance()
        try expect(.colon, Messages.Expected.colon)
        skipNewlines()
        return (name, key.range, try expression())
    }

    /// lambda = "fn" parameterList ( "=>" expression | block ) ;
    func lambda() throws -> Expr {
        let keyword = advance()
        let parameters = try parameterList()
        let body: [Stmt]
        if match(.arrow) {
            let value = try expression()
            body = [Stmt(kind: .returnValue(value), range: value.range)]
        } else {
            body = try block().statements
        }
        let decl = FunctionDecl(name: "<lambda>", nameRange: keyword.range, parameters: parameters, body: body)
        return Expr(kind: .lambda(decl), range: range(from: keyword.range))
    }

    /// Parses the `{expr}` pieces of a string token with a sub-parser sharing the depth budget.
    func interpolationParts(_ token: Token) throws -> [InterpolationPart] {
        var parts: [InterpolationPart] = []
        for part in token.parts {
            switch part {
            case .text(let s): parts.append(.text(s))
            case .interpolation(let tokens, let range):
                let sub = Parser(tokens: tokens, depth: depth)
                var value: Expr?
                do {
                    let e = try sub.expression()
                    if !sub.atEnd {
                        throw sub.fail(Messages.expectedToClose("}", "{", range.line), at: sub.peek.range)
                    }
                    value = e
                } catch {}
                for d in sub.diagnostics { report(d.message, at: d.range ?? range, notes: d.notes) }
                if sub.aborted { aborted = true }
                guard let value else { throw ParseError() }
                parts.append(.expression(value))
            }
        }
        return parts
    }
}
