/// A value of the language. Lists, strings and records are values (copy on write): assigning
/// one never aliases it.
///
/// The seam for later kinds (tensors, networks, datasets, runs, probe results) is `object`:
/// those live in other modules as classes conforming to `ObjectValue`, so the evaluator
/// prints, compares and accesses members of them without knowing their types.
public enum Value {
    case none
    case bool(Bool)
    case number(Double)
    case string(String)
    case list([Value])
    case record(Record)
    case range(RangeValue)
    /// A function declared in the language (named or lambda) with its captured scope.
    case function(Closure)
    /// A function implemented in Swift, from the builtin table.
    case builtin(BuiltinFunction)
    /// A domain object implemented outside the evaluator (see the type comment).
    case object(any ObjectValue)

    /// The type name used in messages and by `type_of`.
    public var typeName: String {
        switch self {
        case .none: return "none"
        case .bool: return "boolean"
        case .number: return "number"
        case .string: return "string"
        case .list: return "list"
        case .record: return "record"
        case .range: return "range"
        case .function, .builtin: return "function"
        case .object(let o): return o.typeName
        }
    }
}

/// A domain object that the language can hold, print and query (networks, datasets, runs...).
public protocol ObjectValue: AnyObject {
    /// The name `type_of` reports and messages use.
    var typeName: String { get }
    /// How the REPL and `print` show the object (may be several lines, such as a table).
    func describe() -> String
    /// The value of member `name`, or nil when the object has no such member.
    func member(_ name: String) -> Value?
    /// Member names, for completion and "did you mean".
    var memberNames: [String] { get }
}

/// An ordered record of named fields: `{a: 1, b: "x"}`.
public struct Record {
    /// Field names in the order written.
    public private(set) var keys: [String] = []
    private var storage: [String: Value] = [:]

    /// An empty record.
    public init() {}

    /// The value of field `key`, or nil.
    public subscript(key: String) -> Value? {
        get { storage[key] }
        set {
            if let newValue {
                if storage.updateValue(newValue, forKey: key) == nil { keys.append(key) }
            } else if storage.removeValue(forKey: key) != nil {
                keys.removeAll { $0 == key }
            }
        }
    }

    /// Fields in order.
    public var fields: [(key: String, value: Value)] { keys.compactMap { k in storage[k].map { (k, $0) } } }
}

/// An integer range: `a..<b` (half-open) or `a..b` (inclusive); bounds are checked integers.
public struct RangeValue: Equatable {
    /// The first element.
    public let lower: Int
    /// The bound as written.
    public let upper: Int
    /// Whether `upper` is included.
    public let inclusive: Bool

    /// The number of elements (0 when empty).
    public var count: Int {
        let end = inclusive ? upper + 1 : upper
        return end > lower ? end - lower : 0
    }

    /// Element `i` (0-based, assumed in range).
    public func element(_ i: Int) -> Int { lower + i }
}

/// A language function with the scope it closes over.
public final class Closure {
    /// The declaration (parameters and body).
    public let declaration: FunctionDecl
    let scope: Scope
    init(declaration: FunctionDecl, scope: Scope) {
        self.declaration = declaration
        self.scope = scope
    }
}

/// Runtime storage for one scope: a slot per declared name, addressed by resolver-computed index.
final class Scope {
    var slots: [Value]
    let parent: Scope?

    init(parent: Scope?, capacity: Int = 0) {
        self.parent = parent
        self.slots = []
        slots.reserveCapacity(capacity)
    }

    func set(_ slot: Int, _ value: Value) {
        while slots.count <= slot { slots.append(.none) }
        slots[slot] = value
    }

    func get(_ slot: Int) -> Value { slot < slots.count ? slots[slot] : .none }

    /// The scope `hops` levels out (the resolver guarantees it exists).
    func ancestor(_ hops: Int) -> Scope {
        var s = self
        for _ in 0..<hops { s = s.parent ?? s }
        return s
    }
}
