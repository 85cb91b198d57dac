extension Evaluator {
    /// `dataset name = expr` binds the dataset (named after the declaration); `dataset name(...)
    /// = expr` binds a recipe: a function whose result must be a dataset.
    func datasetDeclaration(_ d: DatasetDecl, slot: Int) throws {
        if d.isRecipe {
            let closure = Closure(declaration: d.function, scope: scope)
            closure.resultType = "dataset"
            scope.set(slot, .function(closure))
            return
        }
        // The resolver saw the expression in a scope of its own (where parameters would live).
        let saved = scope
        scope = Scope(parent: saved)
        let value: Value
        do {
            value = try evaluate(d.value)
            scope = saved
        } catch {
            scope = saved
            throw error
        }
        guard case .object(let o as DatasetValue) = value else {
            throw RuntimeError(Messages.declarationResult("dataset", d.name, value.typeName), at: d.value.range)
        }
        var renamed = o.dataset
        renamed.name = d.name
        scope.set(slot, .object(DatasetValue(renamed, normalization: o.normalization)))
    }
}
