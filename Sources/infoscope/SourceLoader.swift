import Glibc

/// Why a script's text could not be obtained; each case becomes exit status 66.
struct InputError: Error, Equatable {
    /// The message for the user, naming the input and what was wrong with it.
    let message: String
}

/// Reads script text from a file or from standard input, insisting on UTF-8.
enum SourceLoader {
    /// The name diagnostics use for a script read from standard input.
    static let standardInputName = "<stdin>"

    /// Reads the file at `path` as UTF-8 text.
    static func read(path: String) -> Result<String, InputError> {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            return .failure(InputError(message: CommandLineMessages.cannotOpen(path, describe(errno))))
        }
        defer { close(descriptor) }
        var status = stat()
        if fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR {
            return .failure(InputError(message: CommandLineMessages.isDirectory(path)))
        }
        return readText(descriptor: descriptor, name: path)
    }

    /// Reads all of standard input as UTF-8 text.
    static func readStandardInput() -> Result<String, InputError> {
        readText(descriptor: STDIN_FILENO, name: standardInputName)
    }

    /// Reads `descriptor` to its end and decodes it; `name` is the input's name in messages.
    static func readText(descriptor: Int32, name: String) -> Result<String, InputError> {
        switch readAll(descriptor: descriptor) {
        case .failure(let failure):
            return .failure(InputError(message: CommandLineMessages.cannotRead(name, describe(failure.code))))
        case .success(let bytes):
            return decode(bytes, name: name)
        }
    }

    /// Decodes `bytes` as UTF-8, dropping a leading byte-order mark that some editors write.
    static func decode(_ bytes: [UInt8], name: String) -> Result<String, InputError> {
        let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]
        let body = bytes.starts(with: byteOrderMark) ? Array(bytes.dropFirst(byteOrderMark.count)) : bytes
        if let text = String(validating: body, as: UTF8.self) {
            return .success(text)
        }
        let (line, offset) = firstInvalidByte(in: body)
        return .failure(InputError(message: CommandLineMessages.notUTF8(name, line: line, offset: offset)))
    }

    /// The 1-based line and the 0-based byte offset of the first byte that is not valid UTF-8.
    static func firstInvalidByte(in bytes: [UInt8]) -> (line: Int, offset: Int) {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        var line = 1
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                if encoded.count == 1, encoded.first == UInt8(ascii: "\n") { line += 1 }
                offset += encoded.count
            case .error, .emptyInput:
                return (line, offset)
            }
        }
    }

    /// An `errno` value from a failed read.
    private struct ReadFailure: Error {
        let code: Int32
    }

    private static func readAll(descriptor: Int32) -> Result<[UInt8], ReadFailure> {
        var bytes = [UInt8]()
        // 64 KiB per read: large enough that a script takes a handful of calls.
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                return Glibc.read(descriptor, base, buffer.count)
            }
            if count > 0 {
                bytes.append(contentsOf: chunk[0..<count])
            } else if count == 0 {
                return .success(bytes)
            } else if errno != EINTR {
                return .failure(ReadFailure(code: errno))
            }
        }
    }

    /// The C library's description of `code`, lower-cased to match the message catalog.
    static func describe(_ code: Int32) -> String {
        guard let raw = strerror(code) else { return "error \(code)" }
        let text = String(cString: raw)
        return text.prefix(1).lowercased() + text.dropFirst()
    }
}
