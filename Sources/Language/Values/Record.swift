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
