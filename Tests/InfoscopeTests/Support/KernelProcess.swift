import Foundation
import XCTest

/// `infoscope --kernel` as a subprocess, started as Jupyter starts kernels (SIGINT ignored),
/// spoken to one JSON line at a time.
final class KernelProcess {
    /// A hang guard for reading one event, not a speed check.
    static let timeout: Int32 = 60_000

    private let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    private var buffer: [UInt8] = []
    private var nextID = 0

    init() throws {
        let binary = try InfoscopeBinary.require()
        // The shell's empty trap makes SIGINT ignored, and exec keeps it so for the kernel.
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "trap '' INT; exec \"$0\" --kernel --threads 1", binary]
        process.environment = InfoscopeProcess.environment()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }

    /// Sends a request of `type` with `fields` and returns its id.
    @discardableResult
    func send(_ type: String, _ fields: [String: Any] = [:]) throws -> Int {
        nextID += 1
        var request = fields
        request["id"] = nextID
        request["type"] = type
        try sendLine(String(decoding: try JSONSerialization.data(withJSONObject: request), as: UTF8.self))
        return nextID
    }

    /// Sends `line` as it is (for malformed requests).
    func sendLine(_ line: String) throws {
        try input.fileHandleForWriting.write(contentsOf: Data((line + "\n").utf8))
    }

    /// The next event; fails the test when none comes or it is not a JSON object.
    func event(file: StaticString = #filePath, line: UInt = #line) throws -> [String: Any] {
        while true {
            if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                let text = Data(buffer[..<newline])
                buffer.removeSubrange(...newline)
                guard let event = try JSONSerialization.jsonObject(with: text) as? [String: Any] else {
                    XCTFail("not a JSON object: \(String(decoding: text, as: UTF8.self))", file: file, line: line)
                    throw KernelProcessError.badEvent
                }
                return event
            }
            var descriptor = pollfd(fd: output.fileHandleForReading.fileDescriptor, events: Int16(POLLIN), revents: 0)
            guard poll(&descriptor, 1, Self.timeout) > 0 else {
                XCTFail("no event from the kernel", file: file, line: line)
                throw KernelProcessError.noEvent
            }
            let chunk = output.fileHandleForReading.availableData
            guard !chunk.isEmpty else {
                XCTFail("the kernel closed its output", file: file, line: line)
                throw KernelProcessError.noEvent
            }
            buffer += chunk
        }
    }

    /// Every event of request `id` up to and including its `done`, which must come exactly once.
    func events(of id: Int, file: StaticString = #filePath, line: UInt = #line) throws -> [[String: Any]] {
        var collected: [[String: Any]] = []
        while true {
            let event = try self.event(file: file, line: line)
            XCTAssertEqual(event["id"] as? Int, id, "an event of another request: \(event)", file: file, line: line)
            collected.append(event)
            if event["type"] as? String == "done" { return collected }
        }
    }

    /// Sends SIGINT to the kernel, as Jupyter's interrupt does.
    func interrupt() {
        kill(process.processIdentifier, SIGINT)
    }

    /// Waits for the kernel to exit and returns its status.
    func waitForExit() -> Int32 {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
        return process.terminationStatus
    }
}

enum KernelProcessError: Error {
    case noEvent, badEvent
}
