import Learning

extension Evaluator {
    /// `schedule name { ... }` binds the schedule; `schedule name(params) { ... }` binds a
    /// recipe whose calls evaluate the lines with the arguments.
    func scheduleDeclaration(_ d: ScheduleDecl, slot: Int) throws {
        let decl = FunctionDecl(name: d.name, nameRange: d.nameRange, parameters: d.parameters, body: [])
        let closure = Closure(declaration: decl, scope: scope)
        closure.resultType = "schedule"
        closure.native = { evaluator in try evaluator.makeSchedule(d) }
        if d.isRecipe {
            scope.set(slot, .function(closure))
        } else {
            scope.set(slot, try call(.function(closure), [], site: d.nameRange, calleeRange: d.nameRange))
        }
    }

    /// Evaluates the schedule's lines in order; a later line of the same kind replaces an earlier one,
    /// except phases, which accumulate.
    func makeSchedule(_ d: ScheduleDecl) throws -> Value {
        let schedule = ScheduleValue(name: d.name)
        for item in d.items {
            switch item.kind {
            case .optimizer(let e):
                let v = try evaluate(e)
                guard case .object(let o as OptimizerValue) = v else {
                    throw RuntimeError(Messages.expectedValue(Messages.optimizerValue, v.typeName), at: e.range)
                }
                schedule.optimizer = o
            case .batch(let e):
                schedule.batch = try count(e, minimum: 1)
            case .epochs(let e):
                schedule.epochs = try count(e, minimum: 0)
            case .learningRate(let e, let per):
                let v = try evaluate(e)
                let unit = per ?? .epoch
                switch v {
                case .object(let r as RateValue): schedule.rate = (r, unit)
                default: throw RuntimeError(Messages.expectedValue(Messages.rateValue, v.typeName), at: e.range)
                }
            case .phase(let countExpr, let unit, let dataExpr):
                let n = try count(countExpr, minimum: 0)
                let v = try evaluate(dataExpr)
                guard case .object(let data as DatasetValue) = v else {
                    throw RuntimeError(Messages.expectedValue("a dataset", v.typeName), at: dataExpr.range)
                }
                schedule.phases.append(.init(length: unit == .epoch ? .epochs(n) : .steps(n), data: data.dataset))
            }
        }
        return .object(schedule)
    }

    /// A whole number of at least `minimum` written in a schedule line.
    private func count(_ e: Expr, minimum: Int) throws -> Int {
        let v = try evaluate(e)
        guard case .number(let x) = v, isExactInteger(x), x >= Double(minimum) else {
            throw RuntimeError(Messages.expectedValue("an integer ≥ \(minimum)", v.repr), at: e.range)
        }
        return Int(x)
    }
}
