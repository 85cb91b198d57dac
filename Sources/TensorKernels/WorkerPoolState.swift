import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One loop handed to the workers: the trip count and the body, valid until all workers report.
struct WorkerPoolJob {
    var count: Int
    var body: (Int, Workspace) -> Void
}

/// The state the caller and the worker threads of a `WorkerPool` share.
///
/// A job is published by writing it, resetting the counters and then bumping `generation` with
/// release ordering; workers that observe the new generation with acquire ordering see the job.
///
/// A worker may only touch the job after entering it through `ticket`, which holds the job's
/// generation, a closed flag and the number of workers that entered. When the caller has run out
/// of indices it closes the ticket and waits only for the workers that entered: a worker that the
/// operating system has not scheduled (other processes share the cores) costs nothing, instead of
/// stalling every loop for a time slice. The job is never overwritten while an entered worker
/// still reads it.
final class WorkerPoolState: @unchecked Sendable {
    /// About 110–140 µs of polling on this class of machine (100k polls measured 27–35 µs): long
    /// enough to bridge the serial work between the kernels of a training step without a futex
    /// wake-up, short enough not to steal a core from other processes for long when the program
    /// pauses. With 100k the MLP benchmark made 14,008 futex calls (parking and waking) over 3
    /// epochs and its warm-up, about 9 per step; with 400k 4,386, and an epoch at 2 threads took
    /// 0.494–0.506 s instead of 0.507–0.515 s in alternating runs.
    static let spinLimit = 400_000

    private let generation = Atomic<Int>(0)
    private let nextIndex = Atomic<Int>(0)
    private let finished = Atomic<Int>(0)
    private let ticket = Atomic<Int>(0)
    private let busy = Atomic<Bool>(false)
    private let stopping = Atomic<Bool>(false)
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private let wakeUp: UnsafeMutablePointer<pthread_cond_t>
    private var job: WorkerPoolJob?

    init() {
        mutex = .allocate(capacity: 1)
        wakeUp = .allocate(capacity: 1)
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(wakeUp, nil)
    }

    deinit {
        pthread_cond_destroy(wakeUp)
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
        wakeUp.deallocate()
    }

    func tryAcquire() -> Bool {
        busy.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged
    }

    func release() {
        busy.store(false, ordering: .releasing)
    }

    /// Ticket layout: entered-worker count in the low bits, then the closed flag, then the
    /// generation. 16 bits of count allow far more workers than any machine here has cores.
    private static let closedFlag = 1 << 16
    private static let generationShift = 17

    /// Makes `job` visible to the workers and wakes the parked ones.
    func publish(_ newJob: WorkerPoolJob) {
        job = newJob
        nextIndex.store(0, ordering: .relaxed)
        finished.store(0, ordering: .relaxed)
        let next = generation.load(ordering: .relaxed) + 1
        ticket.store(next << Self.generationShift, ordering: .relaxed)
        pthread_mutex_lock(mutex)
        generation.store(next, ordering: .releasing)
        pthread_cond_broadcast(wakeUp)
        pthread_mutex_unlock(mutex)
    }

    /// Claims indices of the current job until none are left.
    func work(workspace: Workspace) {
        guard let job else { return }
        while true {
            let index = nextIndex.add(1, ordering: .relaxed).oldValue
            if index >= job.count { break }
            job.body(index, workspace)
        }
    }

    /// Closes the current job to late workers, waits for those that entered, then forgets it.
    func waitForWorkers() {
        let closed = ticket.bitwiseOr(Self.closedFlag, ordering: .acquiringAndReleasing).oldValue
        let entered = closed & (Self.closedFlag - 1)
        var spins = 0
        while finished.load(ordering: .acquiring) < entered {
            spins += 1
            // Workers that were descheduled by other processes need the core back.
            if spins % 1024 == 0 { sched_yield() }
        }
        job = nil
    }

    func shutDown() {
        pthread_mutex_lock(mutex)
        stopping.store(true, ordering: .releasing)
        generation.add(1, ordering: .releasing)
        pthread_cond_broadcast(wakeUp)
        pthread_mutex_unlock(mutex)
    }

    /// The body of a worker thread: wait for a new generation, run it, report, repeat.
    func workerLoop() {
        // MXCSR is per thread. A new thread inherits its creator's (POSIX), and `WorkerPool.init`
        // sets the mode first; set it here too, so no worker depends on that order.
        DenormalMode.prepareCurrentThread()
        let workspace = Workspace()
        var seen = 0
        while true {
            seen = waitForGeneration(after: seen)
            if stopping.load(ordering: .acquiring) { return }
            if enter(generation: seen) {
                work(workspace: workspace)
                finished.add(1, ordering: .releasing)
            }
        }
    }

    /// Joins the job of `generation` unless the caller has already closed it.
    private func enter(generation: Int) -> Bool {
        var current = ticket.load(ordering: .relaxed)
        while true {
            let open = current >> Self.generationShift == generation && current & Self.closedFlag == 0
            guard open else { return false }
            let (exchanged, original) = ticket.compareExchange(
                expected: current, desired: current + 1, ordering: .acquiringAndReleasing)
            if exchanged { return true }
            current = original
        }
    }

    private func waitForGeneration(after seen: Int) -> Int {
        for _ in 0..<Self.spinLimit {
            let current = generation.load(ordering: .acquiring)
            if current != seen { return current }
        }
        pthread_mutex_lock(mutex)
        var current = generation.load(ordering: .acquiring)
        while current == seen {
            pthread_cond_wait(wakeUp, mutex)
            current = generation.load(ordering: .acquiring)
        }
        pthread_mutex_unlock(mutex)
        return current
    }

    /// Starts a worker thread running `workerLoop`; nil if the system refuses a new thread, in
    /// which case the pool simply runs with fewer helpers (the caller still does all the work).
    func startWorker() -> pthread_t? {
        let context = Unmanaged.passRetained(self).toOpaque()
        var thread = pthread_t()
        let status = pthread_create(&thread, nil, { raw in
            guard let raw else { return nil }
            let state = Unmanaged<WorkerPoolState>.fromOpaque(raw).takeRetainedValue()
            state.workerLoop()
            return nil
        }, context)
        if status != 0 {
            Unmanaged<WorkerPoolState>.fromOpaque(context).release()
            return nil
        }
        return thread
    }
}
