import Foundation
import Glibc

/// Turns Ctrl-C (SIGINT) into a call of a Swift closure, made on a thread of its own.
///
/// SIGINT is blocked in the creating (main) thread, and so in every thread started after it,
/// and one waiter thread takes each SIGINT with `sigwait(2)`. No C signal handler runs, so no
/// global variable is needed and the closure may do anything thread-safe, such as requesting the
/// interpreter's interrupt flag while the main thread is busy running a script. A signal that
/// arrives before the waiter is scheduled stays pending rather than being lost.
///
/// SIGINT's action is also set to "ignore": Linux still queues a blocked signal whatever its
/// action, so `sigwait` sees it, but should a library unblock SIGINT on some thread (readline
/// does so briefly after Ctrl-Z) a Ctrl-C there is dropped instead of killing the REPL, and no
/// library installs a handler of its own for it.
///
/// Create the listener on the main thread before starting anything that makes threads (the
/// interpreter may), so those threads inherit the block (dispatch's own workers block signals
/// anyway); give it its action once the interpreter exists.
final class InterruptListener {
    private let state: State
    private var waiter = pthread_t()
    private var previousMask = sigset_t()
    private var previousAction = sigaction()
    private var previousTerminationAction = sigaction()

    /// What the waiter thread shares with the listener.
    fileprivate final class State: @unchecked Sendable {
        // Both are written under `lock` from the main thread and read under it by the waiter.
        let lock = NSLock()
        var cancelled = false
        var action: (@Sendable () -> Void)?
        /// The signals taken: SIGINT, and SIGTERM in an MPI job. Set before the waiter starts.
        var signals: [Int32] = [SIGINT]

        func signalSet() -> sigset_t {
            var set = sigset_t()
            sigemptyset(&set)
            for signal in signals { sigaddset(&set, signal) }
            return set
        }
    }

    /// Starts listening. Until `setAction` is called a Ctrl-C is taken and dropped: nothing runs
    /// yet that it could stop. With `alsoTermination`, SIGTERM is taken the same way: mpirun ends
    /// the ranks of a job with it, and they should stop at a safe point as after Ctrl-C.
    init(alsoTermination: Bool = false) {
        state = State()
        state.signals = alsoTermination ? [SIGINT, SIGTERM] : [SIGINT]
        var ignore = sigaction()
        ignore.__sigaction_handler.sa_handler = SIG_IGN
        sigaction(SIGINT, &ignore, &previousAction)
        if alsoTermination { sigaction(SIGTERM, &ignore, &previousTerminationAction) }
        var interrupt = state.signalSet()
        pthread_sigmask(SIG_BLOCK, &interrupt, &previousMask)
        if !startWaiter() {
            // Without a waiter Ctrl-C must keep its usual effect rather than be swallowed.
            state.cancelled = true
            restoreSignalState()
        }
    }

    /// Starts the waiter with every signal blocked, so signals other than SIGINT (Ctrl-Z, window
    /// resizes) go to the main thread, where readline handles them.
    private func startWaiter() -> Bool {
        var everything = sigset_t()
        sigfillset(&everything)
        var mainMask = sigset_t()
        pthread_sigmask(SIG_SETMASK, &everything, &mainMask)
        defer { pthread_sigmask(SIG_SETMASK, &mainMask, nil) }
        let context = Unmanaged.passRetained(state).toOpaque()
        let started = pthread_create(&waiter, nil, { context in
            guard let context else { return nil }
            Unmanaged<State>.fromOpaque(context).takeRetainedValue().waitForInterrupts()
            return nil
        }, context) == 0
        if !started { Unmanaged<State>.fromOpaque(context).release() }
        return started
    }

    /// Makes `action` run once for every Ctrl-C from now until `cancel()`.
    func setAction(_ action: @escaping @Sendable () -> Void) {
        state.lock.lock()
        state.action = action
        state.lock.unlock()
    }

    /// Blocks SIGINT on the calling thread again, after a library may have unblocked it.
    static func blockOnCurrentThread() {
        var interrupt = interruptSet()
        pthread_sigmask(SIG_BLOCK, &interrupt, nil)
    }

    /// Stops listening and gives SIGINT back its earlier action and mask on the calling thread.
    func cancel() {
        state.lock.lock()
        let wasCancelled = state.cancelled
        state.cancelled = true
        state.lock.unlock()
        guard !wasCancelled else { return }
        // A signal aimed at the waiter alone ends its `sigwait`; joining it before unblocking
        // guarantees no pending SIGINT is left to hit the main thread with the default action.
        pthread_kill(waiter, SIGINT)
        pthread_join(waiter, nil)
        restoreSignalState()
    }

    private func restoreSignalState() {
        pthread_sigmask(SIG_SETMASK, &previousMask, nil)
        sigaction(SIGINT, &previousAction, nil)
        if state.signals.contains(SIGTERM) { sigaction(SIGTERM, &previousTerminationAction, nil) }
    }

    deinit {
        cancel()
    }

    fileprivate static func interruptSet() -> sigset_t {
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        return set
    }
}

extension InterruptListener.State {
    /// The waiter thread's loop: one `action` per SIGINT until cancelled.
    fileprivate func waitForInterrupts() {
        var interrupt = signalSet()
        var received: Int32 = 0
        while sigwait(&interrupt, &received) == 0 {
            lock.lock()
            let stop = cancelled
            let current = action
            lock.unlock()
            if stop { return }
            current?()
        }
    }
}
