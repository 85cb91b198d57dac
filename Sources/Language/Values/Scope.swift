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
