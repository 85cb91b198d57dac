import Foundation
import XCTest

/// Runs the MPI build of `infoscope` under mpirun, or alone. The MPI build is made by
/// scripts/test.sh, which names it in INFOSCOPE_MPI_BINARY; without it the MPI tests are skipped.
enum MPILauncher {
    /// Root may run mpirun in a container; two cores hold three ranks; shared memory between ranks
    /// without the kernel's cross-memory attach, which containers often forbid.
    static let options = ["--allow-run-as-root", "--oversubscribe", "--mca", "btl", "self,vader",
                          "--mca", "btl_vader_single_copy_mechanism", "none"]

    static func binary() throws -> String {
        guard let path = ProcessInfo.processInfo.environment["INFOSCOPE_MPI_BINARY"] else {
            throw XCTSkip("INFOSCOPE_MPI_BINARY is not set: scripts/test.sh builds infoscope with the MPI trait and sets it")
        }
        return path
    }

    /// mpirun's arguments for `ranks` ranks of the MPI build running `arguments`.
    static func arguments(_ ranks: Int, _ arguments: [String]) throws -> [String] {
        options + ["-np", "\(ranks)", try binary()] + arguments
    }

    /// Runs `ranks` ranks to completion.
    static func run(_ ranks: Int, _ arguments: [String], environment: [String: String] = [:]) throws -> ProcessResult {
        try InfoscopeProcess.run(try Self.arguments(ranks, arguments), bytes: [], environment: environment,
                                 executable: try which("mpirun"))
    }

    /// The MPI build started on its own, not by mpirun.
    static func alone(_ arguments: [String]) throws -> ProcessResult {
        try InfoscopeProcess.run(arguments, bytes: [], executable: try binary())
    }

    static func which(_ name: String) throws -> String {
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
            let path = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        throw XCTSkip("\(name) is not on PATH")
    }
}
