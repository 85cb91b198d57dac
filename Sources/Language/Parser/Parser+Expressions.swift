extension Parser {
    /// expression = pipe ;
    func expression() throws -> Expr {
        try nested { try pipe() }
    }

    /// pipe = disjunction { "|>" disjunction } ;   `x |> f(a)` means `f(x, a)`, `x |> f` means `f(x)`
    func pipe() throws -> Expr {
        var left = try disjunction()
        while matchAcrossNewline(.pipe) {
            skipNewlines()
            let right = try disjunction()
            let whole = left.range.through(right.range)
            let input = Argument(label: nil, labelRange: nil, value: left)
            if case .call(let callee, let args) = right.kind {
                left = Expr(kind: .call(callee, [input] + args), range: whole)
            } else {
                left = Expr(kind: .call(right, [input]), range: whole)
            }
        }
        return left
    }

    /// disjunction = conjunction { "or" conjunction } ;
    func disjunction() throws -> Expr {
        var left = try conjunction()
        while match(.keyword(.or)) {
            skipNewlines()
            let right = try conjunction()
            left = Expr(kind: .logical(.or, left, right), range: left.range.through(right.range))
        }
        return left
    }

    /// conjunction = negation { "and" negation } ;
    func conjunction() throws -> Expr {
        var left = try negation()
        while match(.keyword(.and)) {
            skipNewlines()
            let right = try negation()
            left = Expr(kind: .logical(.and, left, right), range: left.range.through(right.range))
        }
        return left
    }

    /// negation = "not" negation | comparison ;
    func negation() throws -> Expr {
        guard check(.keyword(.not)) else { return try comparison() }
        let op = advance()
        let operand = try nested { try negation() }
        return Expr(kind: .unary(.not, operand), range: op.range.through(operand.range))
    }

    /// comparison = rangeExpr [ ( "==" | "!=" | "<" | "<=" | ">" | ">=" ) rangeExpr ] ;
    func comparison() throws -> Expr {
        let left = try rangeExpr()
        guard let op = Self.comparisonOperators[peek.kind] else { return left }
        advance()
        skipNewlines()
        let right = try rangeExpr()
        if Self.comparisonOperators[peek.kind] != nil {
            throw fail(Messages.chainedComparison, at: peek.range)
        }
        return Expr(kind: .binary(op, left, right), range: left.range.through(right.range))
    }

    static let comparisonOperators: [TokenKind: BinaryOperator] = [
        .equal: .equal, .notEqual: .notEqual, .less: .less, .lessEqual: .lessEqual,
        .greater: .greater, .greaterEqual: .greaterEqual,
    ]

    /// rangeExpr = additive [ ( ".." | "..<" ) additive ] ;
    func rangeExpr() throws -> Expr {
        let left = try additive()
        guard check(.dotDot) || check(.dotDotLess) else { return left }
        let inclusive = advance().kind == .dotDot
        let right = try additive()
        return Expr(kind: .range(left, right, inclusive: inclusive), range: left.range.through(right.range))
    }

    /// additive = multiplicative { ( "+" | "-" ) multiplicative } ;
    func additive() throws -> Expr {
        var left = try multiplicative()
        while check(.plus) || check(.minus) {
            let op: BinaryOperator = advance().kind == .plus ? .add : .subtract
            skipNewlines()
            let right = try multiplicative()
            left = Expr(kind: .binary(op, left, right), range: left.range.through(right.range))
        }
        return left
    }

    /// multiplicative = unary { ( "*" | "/" | "%" ) unary } ;
    func multiplicative() throws -> Expr {
        var left = try unary()
        while check(.star) || check(.slash) || check(.percent) {
            let kind = advance().kind
            let op: BinaryOperator = kind == .star ? .multiply : kind == .slash ? .divide : .remainder
            skipNewlines()
            let right = try unary()
            left = Expr(kind: .binary(op, left, right), range: left.range.through(right.range))
        }
        return left
    }

    /// unary = ( "-" | "+" ) unary | power ;
    func unary() throws -> Expr {
        guard check(.minus) || check(.plus) else { return try power() }
        let op = advance()
        let operand = try nested { try unary() }
        return Expr(kind: .unary(op.kind == .minus ? .negate : .plus, operand), range: op.range.through(operand.range))
    }

    /// power = postfix [ "^" unary ] ;   right-associative, binds tighter than unary minus on its left
    func power() throws -> Expr {
        let base = try postfix()
        guard match(.caret) else { return base }
        let exponent = try nested { try unary() }
        return Expr(kind: .binary(.power, base, exponent), range: base.range.through(exponent.range))
    }

    /// postfix = primary { "(" arguments ")" | "[" expression "]" | "." IDENT } ;
    func postfix() throws -> Expr {
        var expr = try primary()
        while true {
            if check(.leftParen) {
                let open = advance()
                let args = try arguments()
                try expectClosing(.rightParen, ")", opening: open)
                expr = Expr(kind: .call(expr, args), range: range(from: expr.range))
            } else if check(.leftBracket) {
                let open = advance()
                let index = try expression()
                try expectClosing(.rightBracket, "]", opening: open)
                expr = Expr(kind: .index(expr, index), range: range(from: expr.range))
            } else if match(.dot) {
                let name = try expect(.identifier, Messages.Expected.memberName)
                expr = Expr(kind: .member(expr, name.text, name.range), range: range(from: expr.range))
            } else {
                return expr
            }
        }
    }

    /// arguments = [ argument { "," argument } [ "," ] ] ;
    func arguments() throws -> [Argument] {
        var args: [Argument] = []
        while !check(.rightParen) && !atEnd {
            let arg = try argument()
            if arg.label == nil, args.last?.label != nil {
                report(Messages.positionalAfterNamed, at: arg.value.range)
            }
            args.append(arg)
            if !match(.comma) { break }
        }
        return args
    }

    /// argument = [ IDENT ":" ] expression ;
    func argument() throws -> Argument {
        if check(.identifier), peekAhead(1).kind == .colon {
            let label = advance()
            advance()
            return Argument(label: label.text, labelRange: label.range, value: try expression())
        }
        return Argument(label: nil, labelRange: nil, value: try expression())
    }
}
