import Foundation
import XCTest

/// An MPI job whose rank dies, hangs or is interrupted ends within seconds with a clear message,
/// and an interrupted job leaves a checkpoint every rank resumes from (docs/distributed.md).
final class MPIFailureTests: XCTestCase {
    /// Long enough (minutes) that every test below ends it first.
    func longScript(_ directory: String, epochs: Int = 400, resume: Bool = false) -> String {
        """
        let data = glyphs(2000, seed: 0) |> normalize
        network mlp { input [1, 28, 28]; flatten; dense(128) relu; dense(10) }
        let net = mlp()
        let run = train(net, on: data, epochs: \(epochs), batch: 50, seed: 3, checkpoint: "\(directory)/run.ckpt"\(
            resume ? ", resume: \"\(directory)/run.ckpt\"" : ""))
        print run.steps, run.loss.last, run.interrupted
        """
    }

    /// A job started in the background, with its output collected.
    final class RunningJob {
        let process = Process()
        let output = Pipe(), errors = Pipe()
        let ended = DispatchSemaphore(value: 0)
        /// Standard error as it arrives, read by a thread of its own until mpirun closes it.
        private let lock = NSLock()
        private var received = Data()
        private let readerDone = DispatchSemaphore(value: 0)
        var standardError: String {
            lock.lock()
            defer { lock.unlock() }
            return String(decoding: received, as: UTF8.self)
        }

        init(_ arguments: [String], environment: [String: String] = [:]) throws {
            process.executableURL = URL(fileURLWithPath: try MPILauncher.which("mpirun"))
            process.arguments = arguments
            process.environment = InfoscopeProcess.environment(environment)
            process.standardOutput = output
            process.standardError = errors
            process.standardInput = FileHandle.nullDevice
            process.terminationHandler = { [ended] _ in ended.signal() }
            try process.run()
            let handle = errors.fileHandleForReading
            DispatchQueue.global().async { [self] in
                while case let chunk = handle.availableData, !chunk.isEmpty {
                    lock.lock()
                    received.append(chunk)
                    lock.unlock()
                }
                readerDone.signal()
            }
        }

        /// Waits until standard error contains `text` (at most `seconds`); false when it never does.
        func waitForError(_ text: String, atMost seconds: Double) -> Bool {
            let deadline = Date().addingTimeInterval(seconds)
            while Date() < deadline {
                if standardError.contains(text) { return true }
                usleep(20_000)
            }
            return false
        }

        /// The process of rank `rank` (a child of mpirun), once it has started.
        func rank(_ rank: Int) throws -> pid_t {
            let deadline = Date().addingTimeInterval(30)
            while Date() < deadline {
                for pid in children() {
                    let environment = (try? String(contentsOfFile: "/proc/\(pid)/environ", encoding: .isoLatin1)) ?? ""
                    if environment.split(separator: "\0").contains("OMPI_COMM_WORLD_RANK=\(rank)") { return pid }
                }
                usleep(50_000)
            }
            throw XCTSkip("rank \(rank) did not start within 30 s")
        }

        private func children() -> [pid_t] {
            let text = (try? String(contentsOfFile: "/proc/\(process.processIdentifier)/task/\(process.processIdentifier)/children",
                                    encoding: .utf8)) ?? ""
            return text.split(separator: " ").compactMap { pid_t($0) }
        }

        /// Waits for mpirun to end (at most `seconds`); its exit status and how long it took.
        func wait(atMost seconds: Double) -> (status: Int32, seconds: Double) {
            let began = Date()
            if ended.wait(timeout: .now() + seconds) == .timedOut {
                kill(process.processIdentifier, SIGKILL)
                ended.wait()
                XCTFail("mpirun did not end within \(seconds) s")
            }
            readerDone.wait()
            return (process.terminationStatus, Date().timeIntervalSince(began))
        }
    }

    func start(_ script: String, ranks: Int = 2, environment: [String: String] = [:]) throws -> RunningJob {
        try RunningJob(try MPILauncher.arguments(ranks, [script]), environment: environment)
    }

    func testAKilledRankEndsTheJobWithAClearErrorWithinSeconds() throws {
        let scratch = try ScratchDirectory()
        let job = try start(try scratch.write("long.isc", longScript(scratch.path)))
        let victim = try job.rank(1)
        sleep(2)  // into training
        kill(victim, SIGKILL)
        // Not a speed figure: the bound says the job ends instead of hanging. mpirun sends SIGTERM
        // about a second after a rank dies and SIGKILL a second later, whatever the machine's load.
        let (status, seconds) = job.wait(atMost: 60)
        XCTAssertNotEqual(status, 0)
        XCTAssertLessThan(seconds, 20)
        XCTAssertTrue(job.standardError.contains("mpirun is ending the job (a rank exited, or the job was interrupted)")
                      || job.standardError.contains("exited on signal 9"), job.standardError)
    }

    func testARankThatStopsAnsweringTimesOutWithAClearError() throws {
        let scratch = try ScratchDirectory()
        let job = try start(try scratch.write("long.isc", longScript(scratch.path)), environment: ["INFOSCOPE_MPI_TIMEOUT": "2"])
        let victim = try job.rank(1)
        sleep(2)
        kill(victim, SIGSTOP)
        let (status, seconds) = job.wait(atMost: 60)
        kill(victim, SIGKILL)
        XCTAssertNotEqual(status, 0)
        XCTAssertLessThan(seconds, 30, "a 2 s limit ends the job, not a hang")
        XCTAssertTrue(job.standardError.contains("no answer from the other ranks for 2 s at the gradient sum of step"),
                      job.standardError)
    }

    /// Ctrl-C at mpirun: every rank stops after the same step, rank 0 writes the checkpoint, and
    /// a job resumed from it ends with the numbers of a job never stopped.
    func testAnInterruptedJobResumesToTheUninterruptedNumbers() throws {
        let stopped = try ScratchDirectory(), straight = try ScratchDirectory()
        let job = try start(try stopped.write("long.isc", longScript(stopped.path, epochs: 300)))
        XCTAssertTrue(job.waitForError("epoch 3/300", atMost: 60), "training started: \(job.standardError)")
        job.process.interrupt()
        let (_, seconds) = job.wait(atMost: 60)
        XCTAssertLessThan(seconds, 20, "the job ends instead of hanging")
        XCTAssertTrue(job.standardError.contains("stopped after epoch"), job.standardError)
        XCTAssertTrue(FileManager.default.fileExists(atPath: stopped.path + "/run.ckpt"))

        let resumed = try MPILauncher.run(2, ["--quiet", try stopped.write("resume.isc", longScript(stopped.path, epochs: 300, resume: true))])
        XCTAssertEqual(resumed.status, 0, resumed.standardError)
        let whole = try MPILauncher.run(2, ["--quiet", try straight.write("long.isc", longScript(straight.path, epochs: 300))])
        XCTAssertEqual(whole.status, 0, whole.standardError)
        XCTAssertEqual(resumed.standardOutput, whole.standardOutput)
        XCTAssertTrue(whole.standardOutput.hasPrefix("12000 "), whole.standardOutput)
    }
}
