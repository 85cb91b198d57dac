#if MPI
import CMPI
import Foundation
import Glibc
import Learning

/// The ranks of an Open MPI job, as a `ProcessGroup` (docs/distributed.md).
///
/// Every collective is started non-blocking and then polled, so that a rank never waits
/// forever: while it waits it also watches for another rank's end (an outcome message on a
/// communicator of its own), for mpirun ending the job (SIGTERM) and for a time limit. Whatever
/// it sees becomes a `ParallelError` naming the point of the program it waited at.
public final class MPIProcessGroup: ProcessGroup {
    public let rank: Int
    public let size: Int
    /// How many ranks of the job run on this machine (they share its cores).
    public let localSize: Int
    /// How long a rank waits at a collective before giving up, in seconds.
    public let timeoutSeconds: Double
    /// Whether mpirun has asked this process to end (SIGTERM); set by the program's signal thread.
    public var terminationRequested: () -> Bool = { false }

    /// Collectives run on a duplicate of the world communicator, outcomes on another, so that an
    /// outcome message can never be taken for part of a collective.
    private let collectives: MPI_Comm
    private let outcomes: MPI_Comm
    /// Set when a wait was given up: a collective may still be pending, so the job must end with
    /// MPI_Abort rather than MPI_Finalize (which would wait for it).
    public private(set) var abandoned = false
    /// Outcomes that reached this rank while it waited at a collective, by rank.
    private var earlyOutcomes: [Int: RankOutcome] = [:]
    private var terminationNoticed: Double?

    private static let outcomeTag: Int32 = 7
    /// Floats per collective call: MPI counts are 32-bit, and a bounded bucket bounds the buffers.
    static let bucketFloats = 1 << 24

    /// Joins the MPI job this process was started in by mpirun (or another Open MPI launcher);
    /// nil when it was started on its own, so a plain run never initialises MPI.
    public static func joinIfLaunched(environment: [String: String] = ProcessInfo.processInfo.environment) throws
        -> MPIProcessGroup?
    {
        guard environment["OMPI_COMM_WORLD_SIZE"] != nil || environment["PMIX_RANK"] != nil else { return nil }
        // The threads MPI starts inherit this mask: blocked there, SIGINT and SIGTERM reach the
        // program's signal thread (InterruptListener) instead of being dropped by a thread of MPI's.
        var stopSignals = sigset_t()
        sigemptyset(&stopSignals)
        sigaddset(&stopSignals, SIGINT)
        sigaddset(&stopSignals, SIGTERM)
        pthread_sigmask(SIG_BLOCK, &stopSignals, nil)
        var provided: Int32 = 0
        // Only the main thread calls MPI; the kernel worker threads never do.
        try check(MPI_Init_thread(nil, nil, Int32(MPI_THREAD_FUNNELED), &provided), "MPI_Init_thread")
        let timeout = environment["INFOSCOPE_MPI_TIMEOUT"].flatMap(Double.init) ?? 600
        let localSize = environment["OMPI_COMM_WORLD_LOCAL_SIZE"].flatMap(Int.init) ?? 1
        return try MPIProcessGroup(timeoutSeconds: timeout, localSize: max(1, localSize))
    }

    private init(timeoutSeconds: Double, localSize: Int) throws {
        let world = cmpi_comm_world()
        try Self.check(MPI_Comm_set_errhandler(world, cmpi_errors_return()), "MPI_Comm_set_errhandler")
        var rank: Int32 = 0, size: Int32 = 0
        try Self.check(MPI_Comm_rank(world, &rank), "MPI_Comm_rank")
        try Self.check(MPI_Comm_size(world, &size), "MPI_Comm_size")
        var collectives: MPI_Comm?, outcomes: MPI_Comm?
        try Self.check(MPI_Comm_dup(world, &collectives), "MPI_Comm_dup")
        try Self.check(MPI_Comm_dup(world, &outcomes), "MPI_Comm_dup")
        guard let collectives, let outcomes else { throw ParallelError.mpi(call: "MPI_Comm_dup", message: "no communicator") }
        self.rank = Int(rank)
        self.size = Int(size)
        self.collectives = collectives
        self.outcomes = outcomes
        self.timeoutSeconds = timeoutSeconds
        self.localSize = localSize
    }

    // MARK: Collectives

    public func sumInShardOrder(_ local: [[Float]], what: @autoclosure () -> String) throws -> [Float] {
        let length = local.first?.count ?? 0
        // Two ranks with one shard each: every element is one addition, and a + b == b + a, so
        // MPI's own sum is the ordered sum, with fewer copies than the general path.
        if size == 2, local.count == 1 {
            var total = local[0]
            try total.withUnsafeMutableBufferPointer { sum in
                guard let base = sum.baseAddress else { return }
                var start = 0
                while start < length {
                    let count = min(length - start, Self.bucketFloats)
                    try collective(what) { request in
                        MPI_Iallreduce(cmpi_in_place(), base + start, Int32(count), cmpi_float(), cmpi_op_sum(),
                                       collectives, &request)
                    }
                    start += count
                }
            }
            return total
        }
        var total = [Float]()
        total.reserveCapacity(length)
        var start = 0
        repeat {
            let bucket = start..<min(length, start + Self.bucketFloats)
            total += try sumBucket(local, bucket, what: what)
            start = bucket.upperBound
        } while start < length
        return total
    }

    /// One bucket of `sumInShardOrder`: rank c adds up chunk c of the bucket from every shard
    /// (an all-to-all brings it the pieces, in shard order), then every rank gathers the chunks.
    private func sumBucket(_ local: [[Float]], _ bucket: Range<Int>, what: () -> String) throws -> [Float] {
        let shardsHere = local.count
        let chunks = (0..<size).map { SingleProcess.part($0, of: bucket.count, parts: size) }
        var send = [Float]()
        send.reserveCapacity(bucket.count * shardsHere)
        for chunk in chunks {
            for shard in local { send.append(contentsOf: shard[(bucket.lowerBound + chunk.lowerBound)..<(bucket.lowerBound + chunk.upperBound)]) }
        }
        let sendCounts = chunks.map { Int32($0.count * shardsHere) }
        let mine = chunks[rank].count
        let receiveCounts = [Int32](repeating: Int32(mine * shardsHere), count: size)
        var received = [Float](repeating: 0, count: mine * shardsHere * size)
        try collective(what) { request in
            MPI_Ialltoallv(send, sendCounts, Self.offsets(sendCounts), cmpi_float(),
                           &received, receiveCounts, Self.offsets(receiveCounts), cmpi_float(), collectives, &request)
        }
        // The pieces arrived in shard order; each element is added left to right, as
        // `SingleProcess.addInOrder` adds it.
        var chunkSum = Array(received.prefix(mine))
        received.withUnsafeBufferPointer { pieces in
            chunkSum.withUnsafeMutableBufferPointer { sum in
                for piece in 1..<(shardsHere * size) {
                    let base = piece * mine
                    for i in 0..<mine { sum[i] += pieces[base + i] }
                }
            }
        }
        var result = [Float](repeating: 0, count: bucket.count)
        let resultCounts = chunks.map { Int32($0.count) }
        try collective(what) { request in
            MPI_Iallgatherv(chunkSum, Int32(mine), cmpi_float(), &result, resultCounts, Self.offsets(resultCounts),
                            cmpi_float(), collectives, &request)
        }
        return result
    }

    public func gather(_ values: [Double], what: @autoclosure () -> String, patient: Bool) throws -> [[Double]] {
        var counts = [Int32](repeating: 0, count: size)
        var mine = Int32(values.count)
        try collective(what, patient: patient) { request in
            MPI_Iallgather(&mine, 1, cmpi_int(), &counts, 1, cmpi_int(), collectives, &request)
        }
        let displacements = Self.offsets(counts)
        var all = [Double](repeating: 0, count: Int(counts.reduce(0, +)))
        try collective(what) { request in
            MPI_Iallgatherv(values, mine, cmpi_double(), &all, counts, displacements, cmpi_double(), collectives, &request)
        }
        return (0..<size).map { Array(all[Int(displacements[$0])..<Int(displacements[$0] + counts[$0])]) }
    }

    public func onLeader(what: @autoclosure () -> String, _ body: () throws -> Void) throws {
        var failure: Error?
        var message = [UInt8]()
        if isLeader {
            do { try body() } catch {
                failure = error
                message = Array(String(describing: error).utf8)
            }
        }
        var length = Int32(message.count)
        try collective(what) { request in MPI_Ibcast(&length, 1, cmpi_int(), 0, collectives, &request) }
        if !isLeader { message = [UInt8](repeating: 0, count: Int(length)) }
        if length > 0 {
            try collective(what) { request in MPI_Ibcast(&message, length, cmpi_byte(), 0, collectives, &request) }
        }
        if let failure { throw failure }
        if length > 0 { throw ParallelError.leaderFailed(message: String(decoding: message, as: UTF8.self)) }
    }

    // MARK: Waiting

    /// Starts a non-blocking collective with `start` and waits for it (`waitFor`).
    private func collective(_ what: () -> String, patient: Bool = false, _ start: (inout MPI_Request?) -> Int32) throws {
        var request: MPI_Request? = cmpi_request_null()
        try Self.check(start(&request), "starting a collective at \(what())")
        try waitFor(&request, what, patient: patient)
    }

    /// Polls `request` until it completes, watching for other ranks' outcomes, SIGTERM and the
    /// time limit. Spins briefly (a step's collectives usually complete within microseconds), then
    /// sleeps between polls so a waiting rank leaves the shared cores to the others. A `patient`
    /// wait has no time limit.
    private func waitFor(_ request: inout MPI_Request?, _ what: () -> String, patient: Bool = false) throws {
        let began = Self.now()
        var polls = 0
        while true {
            var done: Int32 = 0
            try Self.check(MPI_Test(&request, &done, cmpi_status_ignore()), "MPI_Test at \(what())")
            if done != 0 { return }
            try takeOutcomeIfAny(waitingAt: what)
            let now = Self.now()
            if terminationRequested() {
                let noticed = terminationNoticed ?? now
                terminationNoticed = noticed
                // Every live rank got the same SIGTERM and reaches the stop within a step; a
                // collective that stays open this long has a rank missing.
                if now - noticed > 0.5 {
                    abandoned = true
                    throw ParallelError.jobEnding(waitingAt: what())
                }
            }
            if !patient, now - began > timeoutSeconds {
                abandoned = true
                throw ParallelError.timedOut(seconds: timeoutSeconds, waitingAt: what())
            }
            polls += 1
            if polls < 2000 { sched_yield() } else { usleep(100) }
        }
    }

    /// Receives an outcome another rank sent at its end; as this rank is still waiting, that rank
    /// has stopped early (an error) or the ranks went different ways, and this wait cannot finish.
    private func takeOutcomeIfAny(waitingAt what: () -> String) throws {
        guard let (source, outcome) = try receiveOutcome(from: cmpi_any_source()) else { return }
        earlyOutcomes[source] = outcome
        abandoned = true
        if outcome.failed { throw ParallelError.peerFailed(rank: source, message: outcome.message, waitingAt: what()) }
        throw ParallelError.peerFinished(rank: source, waitingAt: what())
    }

    // MARK: The end of the program

    /// How one rank's program ended.
    public struct RankOutcome: Equatable, Sendable {
        public var failed: Bool
        /// The error as the rank reports it (empty on success).
        public var message: String

        public init(failed: Bool, message: String) {
            self.failed = failed
            self.message = message
        }
    }

    /// Tells every other rank how this rank's program ended and hears how theirs did: the
    /// outcomes of all ranks in rank order, or nil when they cannot be had (a collective was given
    /// up, or a rank stopped answering), in which case the job must be ended with `abort`.
    public func exchangeOutcomes(_ outcome: RankOutcome) -> [RankOutcome]? {
        guard !abandoned else { return nil }
        var encoded: [UInt8] = [outcome.failed ? 1 : 0] + Array(outcome.message.utf8)
        var sends = [MPI_Request?]()
        for peer in 0..<size where peer != rank {
            var request: MPI_Request? = cmpi_request_null()
            guard MPI_Isend(&encoded, Int32(encoded.count), cmpi_byte(), Int32(peer), Self.outcomeTag, outcomes, &request)
                == MPI_SUCCESS else { return nil }
            sends.append(request)
        }
        var all = earlyOutcomes
        all[rank] = outcome
        let began = Self.now()
        while all.count < size {
            let received: (Int, RankOutcome)?
            do { received = try receiveOutcome(from: cmpi_any_source()) } catch { return nil }
            if let (source, theirs) = received {
                all[source] = theirs
            } else {
                // After SIGTERM mpirun kills the ranks a second later: wait no more than half of it.
                let patience = terminationRequested() ? 0.5 : min(timeoutSeconds, 60)
                if Self.now() - began > patience { return nil }
                usleep(200)
            }
        }
        for index in sends.indices {
            guard (try? waitFor(&sends[index], { "the end of the script" })) != nil else { return nil }
        }
        return (0..<size).compactMap { all[$0] }
    }

    /// One outcome message from `source`, if one is waiting.
    private func receiveOutcome(from source: Int32) throws -> (Int, RankOutcome)? {
        var status = MPI_Status()
        var found: Int32 = 0
        try Self.check(MPI_Iprobe(source, Self.outcomeTag, outcomes, &found, &status), "MPI_Iprobe")
        guard found != 0 else { return nil }
        var count: Int32 = 0
        try Self.check(MPI_Get_count(&status, cmpi_byte(), &count), "MPI_Get_count")
        var bytes = [UInt8](repeating: 0, count: Int(count))
        let from = cmpi_source(&status)
        try Self.check(MPI_Recv(&bytes, count, cmpi_byte(), from, Self.outcomeTag, outcomes, cmpi_status_ignore()), "MPI_Recv")
        let outcome = RankOutcome(failed: bytes.first == 1, message: String(decoding: bytes.dropFirst(), as: UTF8.self))
        return (Int(from), outcome)
    }

    /// Leaves the job normally: every rank's outcome is known and no collective is pending.
    public func finalize() {
        MPI_Finalize()
    }

    /// Ends the whole job at once with `status` (mpirun stops every rank).
    public func abort(status: Int32) -> Never {
        MPI_Abort(cmpi_comm_world(), status)
        exit(status)
    }

    // MARK: Helpers

    static func offsets(_ counts: [Int32]) -> [Int32] {
        var running: Int32 = 0
        return counts.map { count in
            defer { running += count }
            return running
        }
    }

    static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
    }

    static func check(_ code: Int32, _ call: String) throws {
        guard code != MPI_SUCCESS else { return }
        var text = [CChar](repeating: 0, count: Int(MPI_MAX_ERROR_STRING) + 1)
        var length: Int32 = 0
        MPI_Error_string(code, &text, &length)
        throw ParallelError.mpi(call: call, message: String(cString: text))
    }
}
#endif
