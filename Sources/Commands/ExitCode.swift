/// The process exit codes (sysexits.h), listed in `multiplier --help`.
package enum ExitCode: Int32, Sendable {
    case success = 0
    /// An operation failed (git failed, the database is busy).
    case failure = 1
    /// The command line was wrong.
    case usage = 64
    /// Input data was malformed (or, under `--strict`, had skipped records).
    case dataError = 65
    /// An input file or folder does not exist.
    case noInput = 66
    /// A bug in Multiplier.
    case software = 70
    /// A file could not be read or written.
    case ioError = 74
}
