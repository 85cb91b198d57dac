import Foundation
import XCTest

/// Runs `infoscope` on a pseudo-terminal, as a user at a terminal would: the child is a session
/// leader whose controlling terminal is the pty, so Ctrl-C (byte 3) raises SIGINT through the
/// terminal driver and Ctrl-D (byte 4) is end of input, exactly as typed at a keyboard.
///
/// Every read is bounded by `timeout`; a session that does not produce what a test expects fails
/// that test with the transcript so far, and the child is always killed at the end.
final class TerminalSession {
    /// How long to wait for expected output. Only a broken REPL reaches it: everything a test
    /// waits for is a prompt or a short result, so this is a hang guard, not a speed check.
    static let timeout: Double = 60

    private let master: Int32
    private let pid: pid_t
    private var transcript: [UInt8] = []
    /// Where the next `expect` starts looking in `transcript`.
    private var cursor = 0
    private var exitStatus: Int32?

    /// Starts `infoscope arguments` on a new pseudo-terminal.
    init(_ arguments: [String] = [], environment extra: [String: String] = [:]) throws {
        let binary = try InfoscopeBinary.require()
        var masterDescriptor: Int32 = -1
        var slaveDescriptor: Int32 = -1
        guard openpty(&masterDescriptor, &slaveDescriptor, nil, nil, nil) == 0,
              let name = ttyname(slaveDescriptor)
        else {
            throw XCTSkip("no pseudo-terminal available")
        }
        master = masterDescriptor
        // The child opens the terminal by name itself; the parent's copy only keeps it alive.
        defer { close(slaveDescriptor) }
        for descriptor in [masterDescriptor, slaveDescriptor] {
            _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        }
        let slavePath = String(cString: name)
        var environment = InfoscopeProcess.environment(["TERM": "dumb", "COLUMNS": "200", "LINES": "50"])
        environment.merge(extra) { _, new in new }
        pid = try Self.spawn(binary, arguments: arguments, environment: environment, terminal: slavePath)
    }

    private static func spawn(_ binary: String, arguments: [String], environment: [String: String],
                              terminal: String) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // Opened after setsid (glibc applies the attribute first), the terminal becomes the
        // child's controlling terminal; stdout and stderr are the same terminal.
        posix_spawn_file_actions_addopen(&actions, 0, terminal, O_RDWR, 0)
        posix_spawn_file_actions_adddup2(&actions, 0, 1)
        posix_spawn_file_actions_adddup2(&actions, 0, 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // The child starts as from a shell: no signal blocked or ignored, whatever the test
        // runner's thread had (XCTest may run tests on a thread that blocks signals).
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        // POSIX_SPAWN_SETSID is glibc's 0x80; not every Glibc module exports that macro.
        let setsidFlag: Int32 = 0x80
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | setsidFlag))
        let argv = ([binary] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, binary, &actions, &attributes, argv, envp)
        guard status == 0 else {
            throw NSError(domain: "TerminalSession", code: Int(status),
                          userInfo: [NSLocalizedDescriptionKey: "posix_spawn failed: \(status)"])
        }
        return pid
    }

    /// Types `text` (use "\n" for Enter, "\u{3}" for Ctrl-C, "\u{4}" for Ctrl-D, "\t" for Tab).
    func send(_ text: String) {
        var bytes = Array(text.utf8)
        _ = write(master, &bytes, bytes.count)
    }

    /// Types `line` and Enter.
    func sendLine(_ line: String) {
        send(line + "\n")
    }

    /// Waits until `text` appears after what earlier expectations consumed, and returns the
    /// output from there up to and including it; fails the test on timeout or exit.
    @discardableResult
    func expect(_ text: String, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let needle = Array(text.utf8)
        let deadline = Date().addingTimeInterval(Self.timeout)
        while true {
            if let range = find(needle) {
                let found = String(decoding: transcript[cursor..<range.upperBound], as: UTF8.self)
                cursor = range.upperBound
                return found
            }
            let remaining = deadline.timeIntervalSinceNow
            guard remaining > 0, readMore(timeout: remaining) else {
                XCTFail("expected \(text.debugDescription); the terminal showed:\n\(pending)", file: file, line: line)
                throw SessionError.expectationFailed
            }
        }
    }

    /// Expects `text` as a whole line of output.
    @discardableResult
    func expectLine(_ text: String, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        try expect("\n" + text + "\r\n", file: file, line: line)
    }

    /// Everything the terminal showed since the last satisfied expectation.
    var pending: String {
        String(decoding: transcript[cursor...], as: UTF8.self)
    }

    /// Waits for the child to exit (reading its last output) and returns its exit status.
    func waitForExit(file: StaticString = #filePath, line: UInt = #line) throws -> Int32 {
        let deadline = Date().addingTimeInterval(Self.timeout)
        while Date() < deadline {
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid {
                exitStatus = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
                while readMore(timeout: 0.05) {}
                return exitStatus ?? -1
            }
            _ = readMore(timeout: 0.1)
        }
        XCTFail("infoscope did not exit; the terminal showed:\n\(pending)", file: file, line: line)
        throw SessionError.expectationFailed
    }

    private func find(_ needle: [UInt8]) -> Range<Int>? {
        guard transcript.count - cursor >= needle.count, !needle.isEmpty else { return nil }
        for start in cursor...(transcript.count - needle.count)
        where transcript[start..<(start + needle.count)].elementsEqual(needle) {
            return start..<(start + needle.count)
        }
        return nil
    }

    /// Reads whatever the terminal has within `timeout` seconds; false when nothing came.
    private func readMore(timeout: Double) -> Bool {
        var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        let milliseconds = Int32(max(0, min(timeout, 3600)) * 1000)
        guard poll(&descriptor, 1, milliseconds) > 0 else { return false }
        // One pty read returns at most a few KiB; 4096 avoids many tiny reads.
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = read(master, &buffer, buffer.count)
        guard count > 0 else { return false }
        transcript.append(contentsOf: buffer[0..<count])
        return true
    }

    /// Why a session step failed (already reported through XCTFail).
    enum SessionError: Error {
        case expectationFailed
    }

    deinit {
        if exitStatus == nil {
            kill(pid, SIGKILL)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
        }
        close(master)
    }
}
