/// A function implemented in Swift and visible in the language, with its documentation.
public final class BuiltinFunction {
    /// The name the language uses.
    public let name: String
    /// Parameters in order.
    public let parameters: [BuiltinParameter]
    /// Documentation shown by `:help name`.
    public let doc: BuiltinDoc
    let body: (BuiltinArguments) throws -> Value

    init(_ name: String, _ parameters: [BuiltinParameter], doc: BuiltinDoc,
         body: @escaping (BuiltinArguments) throws -> Value) {
        self.name = name
        self.parameters = parameters
        self.doc = doc
        self.body = body
    }
}
