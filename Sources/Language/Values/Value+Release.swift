extension Value {
    /// Releases a value without recursion. Swift frees nested arrays recursively, one group of
    /// stack frames per level, so a list nested a million deep would overflow a thread's stack
    /// when its last reference goes away; here children are moved to an explicit work list
    /// before their parent is freed.
    static func releaseIteratively(_ values: inout [Value]) {
        var work: [Value] = []
        swap(&work, &values)
        while let v = work.popLast() {
            switch v {
            case .list(let items): work.append(contentsOf: items)
            case .record(let r): work.append(contentsOf: r.fields.map(\.value))
            default: break
            }
        }
    }
}
