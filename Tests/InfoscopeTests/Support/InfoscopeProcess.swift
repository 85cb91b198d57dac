import Foundation
import XCTest

/// The result of running `infoscope` to completion.
struct ProcessResult {
    /// The exit status, or 128 + signal number when a signal ended it.
    let status: Int32
    let standardOutput: String
    let standardError: String
}

/// Runs the `infoscope` executable as a subprocess with pipes for its standard streams.
enum InfoscopeProcess {
    /// Long enough for any test script on a loaded machine; only a hang reaches it, and then
    /// the process is killed so the suite goes on.
    static let watchdogSeconds: Double = 120

    /// The environment every test run gets: no colour from the user's settings, no history file.
    static func environment(_ extra: [String: String] = [:]) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        environment["INFOSCOPE_HISTORY"] = ""
        environment.merge(extra) { _, new in new }
        return environment
    }

    /// Runs `infoscope arguments`, feeding `input` on stdin (never the test runner's terminal).
    static func run(_ arguments: [String], input: String = "", environment extra: [String: String] = [:])
        throws -> ProcessResult
    {
        try run(arguments, bytes: Array(input.utf8), environment: extra)
    }

    /// Runs `infoscope arguments` with raw bytes on stdin, or another `executable` (mpirun).
    static func run(_ arguments: [String], bytes input: [UInt8], environment extra: [String: String] = [:],
                    executable: String? = nil) throws -> ProcessResult
    {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try executable ?? InfoscopeBinary.require())
        process.arguments = arguments
        process.environment = environment(extra)
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        // Signalled by the termination handler: `waitUntilExit` on a thread without a run loop
        // spins a core, which slows the child (and a job of several ranks) on a 2-core machine.
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        try process.run()
        let collected = collect(stdout, stderr)
        stdin.fileHandleForWriting.write(Data(input))
        try? stdin.fileHandleForWriting.close()
        if finished.wait(timeout: .now() + watchdogSeconds) == .timedOut {
            kill(process.processIdentifier, SIGKILL)
            finished.wait()
            XCTFail("infoscope \(arguments) did not finish within \(watchdogSeconds) s and was killed")
        }
        let (output, error) = collected()
        let status = process.terminationReason == .uncaughtSignal
            ? 128 + process.terminationStatus : process.terminationStatus
        return ProcessResult(status: status, standardOutput: output, standardError: error)
    }

    /// Starts reading both pipes at once (so neither fills and blocks the child) and returns a
    /// function that waits for both to reach end of file.
    private static func collect(_ stdout: Pipe, _ stderr: Pipe) -> () -> (String, String) {
        let group = DispatchGroup()
        let box = OutputBox()
        for (index, pipe) in [stdout, stderr].enumerated() {
            group.enter()
            DispatchQueue.global().async {
                let data = pipe.fileHandleForReading.readDataToEndOfFile()
                box.set(index, String(decoding: data, as: UTF8.self))
                group.leave()
            }
        }
        return {
            group.wait()
            return (box.get(0), box.get(1))
        }
    }
}

/// Two strings written from reader threads and read after they finish.
private final class OutputBox: @unchecked Sendable {
    private let lock = NSLock()
    private var values = ["", ""]
    func set(_ index: Int, _ value: String) { lock.lock(); values[index] = value; lock.unlock() }
    func get(_ index: Int) -> String { lock.lock(); defer { lock.unlock() }; return values[index] }
}
