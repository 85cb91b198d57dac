extension Parser {
    /// networkDecl = "network" IDENT [ parameterList ] "{" { ( inputLine | initLine | layerLine ) terminator } "}" ;
    func networkDecl() throws -> Stmt {
        let keyword = advance()
        let name = try expect(.identifier, Messages.Expected.networkName)
        let parameters = check(.leftParen) ? try parameterList() : []
        let open = try expect(.leftBrace, Messages.Expected.openBrace)
        var lines: [[LayerCall]] = []
        var input: Expr?, initializer: Expr?
        skipTerminators()
        while !check(.rightBrace) && !atEnd {
            do {
                if check(.identifier), peek.text == "input", peekAhead(1).kind != .leftParen {
                    let word = peek
                    let shape = try inputLine()
                    if input != nil { report(Messages.secondInputLine, at: word.range) }
                    input = shape
                } else if check(.identifier), peek.text == "init", peekAhead(1).kind != .leftParen {
                    let word = peek
                    let rule = try initLine()
                    if initializer != nil { report(Messages.secondInitLine, at: word.range) }
                    initializer = rule
                } else {
                    lines.append(try layerLine())
                }
                try terminator()
            } catch {
                synchronize()
            }
            skipTerminators()
            if tooManyErrors { break }
        }
        try expectClosing(.rightBrace, "}", opening: open)
        let decl = NetworkDecl(name: name.text, nameRange: name.range, parameters: parameters, lines: lines, input: input,
                               initializer: initializer)
        return Stmt(kind: .network(decl, DeclSlot()), range: range(from: keyword.range))
    }

    /// inputLine = 'input' expression ;
    func inputLine() throws -> Expr {
        advance()
        return try expression()
    }

    /// initLine = 'init' expression ;
    func initLine() throws -> Expr {
        advance()
        return try expression()
    }

    /// layerLine = layerCall { layerCall } ;
    func layerLine() throws -> [LayerCall] {
        var calls = [try layerCall()]
        while check(.identifier) { calls.append(try layerCall()) }
        return calls
    }

    /// layerCall = IDENT [ "(" arguments ")" ] ;
    func layerCall() throws -> LayerCall {
        let name = try expect(.identifier, Messages.Expected.layerName)
        var args: [Argument]?
        if check(.leftParen) {
            let open = advance()
            args = try arguments()
            try expectClosing(.rightParen, ")", opening: open)
        }
        return LayerCall(name: name.text, nameRange: name.range, ref: NameRef(name.text), arguments: args,
                         range: range(from: name.range))
    }

    /// datasetDecl = "dataset" IDENT [ parameterList ] "=" expression ;
    func datasetDecl() throws -> Stmt {
        let keyword = advance()
        let name = try expect(.identifier, Messages.Expected.datasetName)
        let isRecipe = check(.leftParen)
        let parameters = isRecipe ? try parameterList() : []
        try expect(.assign, Messages.Expected.equals)
        skipNewlines()
        let value = try expression()
        let decl = DatasetDecl(name: name.text, nameRange: name.range, parameters: parameters, isRecipe: isRecipe,
                               value: value)
        return Stmt(kind: .dataset(decl, DeclSlot()), range: range(from: keyword.range))
    }

    /// scheduleDecl = "schedule" IDENT [ parameterList ] "{" { scheduleItem terminator } "}" ;
    func scheduleDecl() throws -> Stmt {
        let keyword = advance()
        let name = try expect(.identifier, Messages.Expected.scheduleName)
        let isRecipe = check(.leftParen)
        let parameters = isRecipe ? try parameterList() : []
        let open = try expect(.leftBrace, Messages.Expected.openBrace)
        var items: [ScheduleItem] = []
        skipTerminators()
        while !check(.rightBrace) && !atEnd {
            do {
                items.append(try scheduleItem())
                try terminator()
            } catch {
                synchronize()
            }
            skipTerminators()
            if tooManyErrors { break }
        }
        try expectClosing(.rightBrace, "}", opening: open)
        let decl = ScheduleDecl(name: name.text, nameRange: name.range, parameters: parameters, isRecipe: isRecipe,
                                items: items)
        return Stmt(kind: .schedule(decl, DeclSlot()), range: range(from: keyword.range))
    }

    /// scheduleItem = 'optimizer' expression | 'batch' expression | 'epochs' expression
    ///              | 'lr' expression [ 'per' ( 'epoch' | 'step' ) ]
    ///              | 'phase' expression ( 'epochs' | 'steps' ) 'on' expression ;
    func scheduleItem() throws -> ScheduleItem {
        let word = peek
        guard word.kind == .identifier else {
            throw fail(Messages.expected(Messages.scheduleItem, near: word.display), at: word.range)
        }
        let kind: ScheduleItemKind
        switch word.text {
        case "optimizer": advance(); kind = .optimizer(try expression())
        case "batch": advance(); kind = .batch(try expression())
        case "epochs": advance(); kind = .epochs(try expression())
        case "lr":
            advance()
            let rate = try expression()
            var unit: TimeUnit?
            if contextual("per") {
                unit = try scheduleUnit(["epoch": .epoch, "step": .step], Messages.scheduleRateUnit)
            }
            kind = .learningRate(rate, per: unit)
        case "phase":
            advance()
            let count = try expression()
            let unit = try scheduleUnit(["epochs": .epoch, "steps": .step], Messages.scheduleUnit)
            guard contextual("on") else {
                throw fail(Messages.expected(Messages.Expected.onWord, near: peek.display), at: peek.range)
            }
            kind = .phase(count: count, unit: unit, data: try expression())
        default:
            throw fail(Messages.expected(Messages.scheduleItem, near: word.display), at: word.range)
        }
        return ScheduleItem(kind: kind, range: range(from: word.range))
    }

    /// Matches a contextual word (an identifier that is only special in this position).
    func contextual(_ word: String) -> Bool {
        guard check(.identifier), peek.text == word else { return false }
        advance()
        return true
    }

    private func scheduleUnit(_ words: [String: TimeUnit], _ what: String) throws -> TimeUnit {
        if check(.identifier), let unit = words[peek.text] {
            advance()
            return unit
        }
        throw fail(Messages.expected(what, near: peek.display), at: peek.range)
    }

    /// probeDecl = "probe" IDENT "=" expression ;
    func probeDecl() throws -> Stmt {
        let keyword = advance()
        let name = try expect(.identifier, Messages.Expected.probeName)
        try expect(.assign, Messages.Expected.equals)
        skipNewlines()
        let value = try expression()
        let decl = ProbeDecl(name: name.text, nameRange: name.range, value: value)
        return Stmt(kind: .probe(decl, DeclSlot()), range: range(from: keyword.range))
    }
}
