import Glibc

/// Tells the line reader that the process was stopped (Ctrl-Z) and has been continued, so the
/// prompt the shell wrote over can be drawn again.
///
/// SIGCONT resumes a stopped process whatever the signal mask; blocking it only keeps the signal
/// itself pending, where `consume()` finds it. No handler and no global state are involved.
enum ContinueSignal {
    /// Blocks SIGCONT on the calling thread (the main thread, before the REPL starts threads).
    static func block() {
        var set = continueSet()
        pthread_sigmask(SIG_BLOCK, &set, nil)
    }

    /// Takes a pending SIGCONT, if any; true when the process was continued since the last call.
    static func consume() -> Bool {
        var pending = sigset_t()
        guard sigpending(&pending) == 0, sigismember(&pending, SIGCONT) == 1 else { return false }
        var set = continueSet()
        var received: Int32 = 0
        return sigwait(&set, &received) == 0
    }

    private static func continueSet() -> sigset_t {
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGCONT)
        return set
    }
}
