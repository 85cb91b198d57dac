import Foundation

/// One request of the line protocol (docs/kernel.md), read from one line of standard input.
struct KernelRequest {
    /// What the request asks for.
    enum Kind: String {
        case execute
        case isComplete = "is_complete"
        case complete
        case inspect
        case shutdown
    }

    /// The caller's id, echoed in every event the request causes: any JSON value.
    let id: Any
    let kind: Kind
    /// The code to run, check, complete or inspect ("" when not given).
    let code: String
    /// Where the cursor is in `code`, in Unicode code points (Jupyter's unit); the end of the
    /// code when not given.
    let cursorPosition: Int
    /// The number an execute asks to be given (a notebook's own cell count); nil for the next one.
    let executionCount: Int?

    /// Why a line is not a request; the message says what a request looks like.
    struct Malformed: Error {
        /// The id, when the line had one.
        let id: Any
        let message: String
    }

    /// Parses one line.
    static func parse(_ line: String) -> Result<KernelRequest, Malformed> {
        guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)),
              let fields = object as? [String: Any]
        else {
            return .failure(Malformed(id: NSNull(), message: KernelMessages.notAnObject))
        }
        let id = fields["id"] ?? NSNull()
        guard let type = fields["type"] as? String else {
            return .failure(Malformed(id: id, message: KernelMessages.missingType))
        }
        guard let kind = Kind(rawValue: type) else {
            return .failure(Malformed(id: id, message: KernelMessages.unknownType(type)))
        }
        let code = fields["code"] ?? ""
        guard let code = code as? String else {
            return .failure(Malformed(id: id, message: KernelMessages.codeNotText))
        }
        let length = code.unicodeScalars.count
        let cursor = fields["cursor_pos"] ?? length
        // JSON numbers arrive as NSNumber; a fraction is refused rather than rounded.
        guard let position = Self.wholeNumber(cursor), (0...length).contains(position) else {
            return .failure(Malformed(id: id, message: KernelMessages.badCursor(length)))
        }
        var executionCount: Int?
        if let count = fields["execution_count"] {
            guard let number = Self.wholeNumber(count), number >= 0 else {
                return .failure(Malformed(id: id, message: KernelMessages.badExecutionCount))
            }
            executionCount = number
        }
        return .success(KernelRequest(id: id, kind: kind, code: code, cursorPosition: position,
                                      executionCount: executionCount))
    }

    /// `value` as an Int when it is a JSON number without a fraction.
    private static func wholeNumber(_ value: Any) -> Int? {
        guard !(value is String), let number = value as? NSNumber, number.doubleValue == Double(number.intValue) else {
            return nil
        }
        return number.intValue
    }
}

/// The kernel's own messages, in the style of `CommandLineMessages`.
enum KernelMessages {
    static let notAnObject = "a request is one JSON object per line, as in {\"id\": 1, \"type\": \"execute\", \"code\": \"1 + 1\"}"
    static let missingType = "the request has no \"type\"; the types are execute, is_complete, complete, inspect and shutdown"
    static func unknownType(_ type: String) -> String {
        "unknown request type '\(type)'; the types are execute, is_complete, complete, inspect and shutdown"
    }
    static let codeNotText = "\"code\" must be a string"
    static let badExecutionCount = "\"execution_count\" must be a whole number, 0 or more"
    static func badCursor(_ length: Int) -> String {
        "\"cursor_pos\" must be a whole number from 0 to \(length), the length of the code in code points"
    }
}
