// ─── SEAM: processes ─────────────────────────────────────────────────────────────────────────────
// Data-parallel work sees the other processes only through `ProcessGroup`: a rank, a size and
// four collective operations, each called by every rank at the same point of the same program.
// A plain build has one process (`SingleProcess`); a build with the MPI trait installs an Open MPI
// group at start-up when launched by mpirun (Sources/ParallelMPI, docs/distributed.md).
//
// Determinism contract: `sumInShardOrder` adds the shards left to right in shard order, whatever
// the number of ranks holding them, so the sum of k shards is the same bits on one process or on
// k ranks. Every result is identical on every rank.
// ─────────────────────────────────────────────────────────────────────────────────────────────────

/// The processes that run one program together, each with a rank in `0..<size`.
public protocol ProcessGroup: AnyObject {
    /// This process's rank; rank 0 prints and writes files.
    var rank: Int { get }
    /// How many processes run the program.
    var size: Int { get }

    /// The sum of every rank's shards, added left to right in shard order (rank 0's shards first,
    /// each rank's in the order given). Every rank passes the same number of shards, all of the
    /// same length. `what` names the point of the program, for a rank that waits too long.
    func sumInShardOrder(_ local: [[Float]], what: @autoclosure () -> String) throws -> [Float]

    /// Every rank's `values` (their lengths may differ), in rank order. A `patient` gather waits
    /// without the time limit (for ranks that finish long, independent work at different times).
    func gather(_ values: [Double], what: @autoclosure () -> String, patient: Bool) throws -> [[Double]]

    /// Runs `body` on rank 0 only and tells every rank how it ended: followers throw
    /// `ParallelError.leaderFailed` when it threw on rank 0. For what only rank 0 does (writing a
    /// file) when every rank must know that it is done before reading it.
    func onLeader(what: @autoclosure () -> String, _ body: () throws -> Void) throws
}

extension ProcessGroup {
    /// Every rank's `values`, in rank order, within the time limit.
    public func gather(_ values: [Double], what: @autoclosure () -> String) throws -> [[Double]] {
        try gather(values, what: what(), patient: false)
    }

    /// Whether this process is rank 0, which prints and writes files.
    public var isLeader: Bool { rank == 0 }

    /// The contiguous part of `0..<count` that this rank takes: ranks get ⌊count/size⌋ or one
    /// more items, earlier ranks first, so their parts concatenated in rank order are `0..<count`.
    public func share(of count: Int) -> Range<Int> {
        Self.part(rank, of: count, parts: size)
    }

    /// Part `index` of `0..<count` split into `parts` contiguous parts of ⌊count/parts⌋ or one more.
    public static func part(_ index: Int, of count: Int, parts: Int) -> Range<Int> {
        (index * count / parts)..<((index + 1) * count / parts)
    }
}

/// The processes of this program: one, unless start-up joined an MPI job.
public enum Processes {
    /// The group every collective step runs in. Set once at start-up, before any work, and
    /// replaced only by `alone` for the duration of its body.
    public nonisolated(unsafe) static var world: any ProcessGroup = SingleProcess()

    /// Runs `body` as if this were the only process: for work a rank does by itself (one run of
    /// an experiment shared out by runs), whose training, probes and files must not wait for the
    /// other ranks.
    public static func alone<T>(_ body: () throws -> T) rethrows -> T {
        let saved = world
        world = SingleProcess()
        defer { world = saved }
        return try body()
    }
}

/// A program that runs alone: collectives are local.
public final class SingleProcess: ProcessGroup {
    public init() {}

    public var rank: Int { 0 }
    public var size: Int { 1 }

    public func sumInShardOrder(_ local: [[Float]], what: @autoclosure () -> String) throws -> [Float] {
        Self.addInOrder(local)
    }

    public func gather(_ values: [Double], what: @autoclosure () -> String, patient: Bool) throws -> [[Double]] { [values] }

    public func onLeader(what: @autoclosure () -> String, _ body: () throws -> Void) throws { try body() }

    /// `shards[0] + shards[1] + …`, element by element, left to right: the reference order that
    /// every process group reproduces.
    public static func addInOrder<Scalar: FloatingPoint>(_ shards: [[Scalar]]) -> [Scalar] {
        guard var total = shards.first else { return [] }
        total.withUnsafeMutableBufferPointer { sum in
            for shard in shards.dropFirst() {
                shard.withUnsafeBufferPointer { part in
                    for i in 0..<sum.count { sum[i] += part[i] }
                }
            }
        }
        return total
    }
}
