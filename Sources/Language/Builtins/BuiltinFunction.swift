/// A function implemented in Swift and visible in the language, with its documentation.
public final class BuiltinFunction {
    /// The name the language uses.
    public let name: String
    /// Parameters in order.
    public let parameters: [BuiltinParameter]
    /// Documentation shown by `:help name`.
    public let doc: BuiltinDoc
    let body: (BuiltinArguments) throws -> Value
    /// What `check` can know of the dataset this builtin makes; nil when it makes none (or
    /// nothing can be known before it runs).
    var datasetFacts: ((StaticArguments) -> DatasetFacts?)?
    /// What `check` says of a call before it runs: its cost lines (none when the call costs
    /// nothing worth saying, or makes a probe to run later) and, through the arguments, the
    /// errors its data reveals. Nil for builtins `check` has nothing to say of.
    var staticCheck: ((StaticArguments) -> [CostLine])?
    /// For a probe: the parameter of its network. Called without one (or with a dataset there),
    /// the call makes a probe value that runs later (`train(..., probes: [p])`).
    var probeNetwork: Int?
    /// The type and members of the value a call gives, when its arguments fix them.
    var resultMembers: ((StaticArguments) -> StaticMembers?)?

    /// Whether it gives a layer in a network body: the layer builtins, and `tanh`, a math
    /// function that is the tanh layer when called without an argument.
    var isLayer: Bool { doc.category == "layers" || name == "tanh" }

    init(_ name: String, _ parameters: [BuiltinParameter], doc: BuiltinDoc,
         body: @escaping (BuiltinArguments) throws -> Value) {
        self.name = name
        self.parameters = parameters
        self.doc = doc
        self.body = body
    }
}
