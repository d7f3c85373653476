import Storage
import Support

/// What can go wrong while ingesting, in words a user can act on.
package enum IngestionError: Error, CustomStringConvertible {
    /// The path does not exist.
    case missingPath(String)
    /// The path exists but is not inside a git work tree (git's own words, when it gave any).
    case notARepository(String, gitSays: String)
    /// git failed on a repository.
    case git(repository: String, failure: StreamingProcess.Failure)
    /// git's output did not have the expected shape.
    case malformedGitOutput(repository: String, detail: String)
    case storage(StorageError)
    /// A record of an input file that does not have the expected shape: `place` is `line 12`
    /// or a JSON path such as `$[3].createdAt`.
    case badRecord(file: String, place: String, expected: String)
    /// The path is there but is no regular file (`found`: `a folder`, `a pipe`, …).
    case notAFile(path: String, expected: String, found: String)

    /// Nothing when `path` is a regular file; else why it is no `expected` (`a JSON file`):
    /// missing (66) or a folder, pipe, socket or device (65).
    package static func checkRegularFile(_ path: String, expected: String) throws(IngestionError) {
        switch FileKind(path: path) {
        case .regular: return
        case .missing: throw .missingPath(path)
        case .folder, .other: throw .notAFile(path: path, expected: expected, found: FileKind.name(ofPath: path) ?? "no file")
        }
    }

    package var description: String {
        switch self {
        case .missingPath(let path): return "\(path): no such file or directory"
        case .notARepository(let path, let reason):
            if reason.isEmpty || reason.contains("not a git repository") {
                return "\(path) is not inside a git work tree"
            }
            return "\(path) cannot be read as a git work tree: \(reason)"
        case .git(let repository, let failure): return "git failed in \(repository): \(failure)"
        case .malformedGitOutput(let repository, let detail):
            return "unexpected git log output in \(repository): \(detail)"
        case .storage(let error): return error.description
        case .badRecord(let file, let place, let expected): return "\(file): \(place): expected \(expected)"
        case .notAFile(let path, let expected, let found): return "\(path): expected \(expected), not \(found)"
        }
    }
}
