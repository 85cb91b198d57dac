import Foundation
import Language

/// The interpreter's output in kernel mode: every piece becomes an event tagged with the id of
/// the request being executed, never raw text (docs/kernel.md).
final class KernelOutput: OutputSink, @unchecked Sendable {
    // `requestID` is set by the main thread between requests and read by whichever thread
    // writes (training reports progress from the thread running it); `lock` guards it.
    private let channel: KernelChannel
    private let lock = NSLock()
    private var requestID: Any = NSNull()

    init(channel: KernelChannel) {
        self.channel = channel
    }

    /// Tags the events that follow with `id`.
    func begin(_ id: Any) {
        lock.lock()
        requestID = id
        lock.unlock()
    }

    /// Sends `fields` as an event of `type` for the current request.
    func send(_ type: String, _ fields: [String: Any] = [:]) {
        lock.lock()
        let id = requestID
        lock.unlock()
        var event = fields
        event["id"] = id
        event["type"] = type
        channel.send(event)
    }

    func write(_ text: String, to channel: OutputChannel) {
        guard !text.isEmpty else { return }
        send("stream", ["name": channel == .standardOutput ? "stdout" : "stderr", "text": text])
    }

    /// An expression's value: a display event marked as the request's result, with its HTML
    /// table beside the text when it has one.
    func show(_ value: ShownValue) {
        var data: [String: Any] = ["text/plain": value.text]
        if let html = value.html { data["text/html"] = html }
        send("display", ["data": data, "result": true])
    }

    /// An error with where it is: `entry` reads like IPython's `[3]:1:5` (cell 3, line 1,
    /// column 5), or names the imported file it is in.
    func report(_ diagnostic: Diagnostic, rendered: String) {
        var fields: [String: Any] = ["message": diagnostic.message, "traceback": rendered]
        if let range = diagnostic.range {
            fields["line"] = range.line
            fields["column"] = range.column
            fields["entry"] = range.description
        }
        send("error", fields)
    }

    /// A figure a builtin wrote (a plot, SVG or PNG) is shown inline; other files are only written.
    func wroteFile(_ path: String) {
        guard let data = FileManager.default.contents(atPath: path) else { return }
        switch (path as NSString).pathExtension.lowercased() {
        case "svg":
            guard let svg = String(data: data, encoding: .utf8) else { return }
            send("display", ["data": ["image/svg+xml": svg, "text/plain": "figure: \(path)"]])
        case "png":
            send("display", ["data": ["image/png": data.base64EncodedString(), "text/plain": "figure: \(path)"]])
        default:
            return
        }
    }
}
