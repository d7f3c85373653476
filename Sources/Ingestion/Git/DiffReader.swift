import Model
import Support

/// Reads what commits added (`git log --no-walk=unsorted -p -U0`), streamed through
/// `StreamingProcess` in batches of hashes, parsed by `DiffParser`.
package struct DiffReader {
    package let git: GitInvocation
    /// Hashes per git run (the command line stays short).
    package var batchSize = 500
    /// The files whose removed lines are kept (`DiffParser`).
    package let keepsRemoved: @Sendable (String) -> Bool

    package init(git: GitInvocation, keepsRemoved: @escaping @Sendable (String) -> Bool = { _ in false }) {
        self.git = git
        self.keepsRemoved = keepsRemoved
    }

    package static let arguments: [String] = [
        "log", "--no-walk=unsorted", "-p", "-U0", "--no-ext-diff", "--no-textconv", "--no-color", "--format=%x1e%H",
        "--submodule=short", "--ignore-submodules=none",
    ]

    /// The diffs of `hashes` (in git's order within a batch); `progress` gets the number of commits read so far.
    package func read(_ hashes: [String], progress: (Int) -> Void = { _ in }) throws -> [CommitDiff] {
        var result: [CommitDiff] = []
        var start = 0
        while start < hashes.count {
            let batch = Array(hashes[start..<min(start + batchSize, hashes.count)])
            start += batch.count
            let process = try git.start(Self.arguments + batch + ["--"])
            var parser = DiffParser(keepsRemoved: keepsRemoved)
            var splitter = ByteSplitter(delimiter: 0x0A)
            do {
                try process.readOutput { chunk in
                    splitter.feed(chunk) { parser.line($0) }
                    let done = parser.takeCompleted()
                    if !done.isEmpty {
                        result += done
                        progress(result.count)
                    }
                }
                splitter.finish { parser.line($0) }
                result += parser.finish()
                try process.waitForSuccess()
            } catch let failure as StreamingProcess.Failure {
                throw IngestionError.git(repository: git.repository, failure: failure)
            }
            progress(result.count)
        }
        return result
    }
}
