/// The process exit statuses of `infoscope`, following the BSD `sysexits.h` convention that jlox
/// and many Unix tools use, so shell scripts can tell a usage mistake from a broken script.
enum ExitStatus {
    /// Everything ran.
    static let success: Int32 = 0
    /// Bad flags or arguments on the command line (`EX_USAGE`).
    static let usage: Int32 = 64
    /// The script did not compile (`EX_DATAERR`).
    static let compileError: Int32 = 65
    /// The input file or stdin could not be opened or read as UTF-8 text (`EX_NOINPUT`).
    static let cannotOpenInput: Int32 = 66
    /// The script failed while running (`EX_SOFTWARE`).
    static let runtimeError: Int32 = 70
    /// Stopped by Ctrl-C: 128 + SIGINT, what a shell reports for a process killed by SIGINT.
    static let interrupted: Int32 = 130
}
