import Foundation
import Learning
import Probes

extension ProbeTable {
    /// Writes the table to `path` as CSV or JSON, chosen by the extension, atomically (a reader
    /// sees the old file or the whole new one). Errors point at the `save` call's path argument.
    func save(toPath path: String) throws {
        let text: String
        switch (path as NSString).pathExtension.lowercased() {
        case "csv": text = csv
        case "json": text = json + "\n"
        default: throw RuntimeError(Messages.probeExportFormat(path), parameter: 0)
        }
        do {
            try AtomicFile.write(Array(text.utf8), to: path)
        } catch let WeightFileError.io(_, reason) {
            throw RuntimeError(Messages.probeExportFailed(path, reason), parameter: 0)
        }
    }
}
