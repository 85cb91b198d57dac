import Learning

/// `train`'s checkpoint arguments: the file to resume from and the file to save to.
extension TrainCall {
    /// The checkpoint named by `resume:`, read and verified, with its path; nil without one.
    func resumeArgument() throws -> (checkpoint: TrainingCheckpoint, path: String)? {
        guard !a.isNone(10) else { return nil }
        let file = try path(10)
        do {
            return (try TrainingCheckpoint.read(file), file)
        } catch let e as WeightFileError {
            throw RuntimeError(e.description, parameter: 10)
        } catch let e as TrainingError {
            throw RuntimeError(e.description, parameter: 10)
        }
    }

    /// A non-empty file path argument.
    func path(_ i: Int) throws -> String {
        let text = try a.string(i)
        guard !text.isEmpty else { throw a.fail(i, expected: "a file path") }
        return text
    }
}
