import Language

/// The output of a rank other than 0 in an MPI job: everything the script prints is dropped
/// (rank 0 prints it once), and the errors it reports are kept, for rank 0 to print should this
/// rank fail alone (`Job.end`).
final class FollowerOutput: OutputSink {
    private(set) var errors = ""

    func write(_ text: String, to channel: OutputChannel) {}

    func report(_ diagnostic: Diagnostic, rendered: String) {
        errors += rendered
    }
}
