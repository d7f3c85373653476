import Model
import Support

/// Reads, for a few commits and paths, what the stored numstat leaves out (`FileChangeDetail`): line
/// counts with line endings and whitespace at line ends ignored, and which files are symbolic links and
/// what they name. One `git log --no-walk --raw --numstat --ignore-space-at-eol` per batch of hashes,
/// limited to the paths asked (literally: no glob), then `git cat-file` for each link's target.
package struct FileChangeDetailReader {
    package let git: GitInvocation
    /// Hashes per git run (the command line stays short).
    package var batchSize = 500

    /// `environment`: the user's; git reads the paths given literally.
    package init(repository: String, environment: [String: String]) {
        var environment = environment
        environment["GIT_LITERAL_PATHSPECS"] = "1"
        git = GitInvocation(repository: repository, environment: environment)
    }

    package static let arguments: [String] = [
        "log", "--no-walk=unsorted", "-z", "--raw", "--numstat", "--ignore-space-at-eol", "--no-abbrev", "--no-ext-diff",
        "--no-textconv", "--no-color", "--format=%x1e%H",
    ]

    /// The details of `paths` in each of `hashes` (merges show none), by commit hash.
    /// - Throws: `IngestionError.git` when git fails (a commit the repository does not have), or
    ///   `.malformedGitOutput`.
    package func read(_ hashes: [String], paths: [String]) throws -> [String: [FileChangeDetail]] {
        guard !hashes.isEmpty, !paths.isEmpty else { return [:] }
        var details: [String: [FileChangeDetail]] = [:]
        var start = 0
        while start < hashes.count {
            let batch = Array(hashes[start..<min(start + batchSize, hashes.count)])
            start += batch.count
            let output: [UInt8]
            let process = try git.start(Self.arguments + batch + ["--"] + paths)
            do {
                output = try process.readAllOutput()
                try process.waitForSuccess()
            } catch let failure as StreamingProcess.Failure {
                throw IngestionError.git(repository: git.repository, failure: failure)
            }
            do {
                details.merge(try Self.parse(output)) { $0 + $1 }
            } catch {
                throw IngestionError.malformedGitOutput(repository: git.repository, detail: error.detail)
            }
        }
        // A link's target is its blob's text (no newline).
        var targets: [String: String] = [:]
        for (hash, files) in details {
            for index in files.indices {
                guard files[index].isLink, let blob = files[index].linkTarget else { continue }
                if targets[blob] == nil { targets[blob] = try git.output(["cat-file", "blob", blob]) }
                details[hash]?[index].linkTarget = targets[blob]
            }
        }
        return details
    }

    /// A piece of git's output that does not have the expected shape.
    package struct Failure: Error {
        package var detail: String
    }

    /// Parses the NUL-separated output of `arguments`: a header `\u{1E}HASH`, then raw pieces
    /// (`:old-mode new-mode old-blob new-blob status`, then the path, or two for a rename or copy),
    /// then numstat pieces (`added<TAB>deleted<TAB>path`, or `added<TAB>deleted<TAB>` and two paths).
    /// A file in the raw part with no numstat piece changed only in what is ignored: 0 and 0. A link's
    /// `linkTarget` holds its new blob's name here, for `read` to look up.
    package static func parse(_ bytes: [UInt8]) throws(Failure) -> [String: [FileChangeDetail]] {
        var pieces = bytes.split(separator: 0, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
        if pieces.last == "" { pieces.removeLast() }
        var result: [String: [FileChangeDetail]] = [:]
        var hash: String?
        var files: [FileChangeDetail] = []
        var counted: Set<Int> = []
        func finish() {
            guard let hash else { return }
            for index in files.indices where !counted.contains(index) && files[index].linesAdded == nil {
                files[index].linesAdded = 0
                files[index].linesDeleted = 0
            }
            result[hash, default: []] += files
        }
        var index = 0
        func next(_ what: String) throws(Failure) -> String {
            guard index < pieces.count else { throw Failure(detail: "\(what) missing at the end") }
            defer { index += 1 }
            return pieces[index]
        }
        while index < pieces.count {
            var piece = pieces[index]
            index += 1
            if piece.hasPrefix("\n") { piece.removeFirst() }
            if piece.isEmpty { continue }
            if piece.hasPrefix("\u{1E}") {
                finish()
                hash = String(piece.dropFirst()).trimmingNewlines
                files = []
                counted = []
            } else if piece.hasPrefix(":") {
                let fields = piece.dropFirst().split(separator: " ")
                guard fields.count == 5, let status = fields[4].first else { throw Failure(detail: "a malformed raw line '\(piece.prefix(80))'") }
                let oldPath = status == "R" || status == "C" ? try next("a path") : nil
                let path = try next("a path")
                let isLink = fields[1] == "120000"
                files.append(
                    FileChangeDetail(
                        path: path, oldPath: oldPath, linesAdded: nil, linesDeleted: nil, isLink: isLink, linkTarget: isLink ? String(fields[3]) : nil))
            } else {
                let fields = piece.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false)
                guard fields.count == 3 else { throw Failure(detail: "a malformed numstat line '\(piece.prefix(80))'") }
                // A rename's paths follow as two pieces: the old one, then the new one.
                let path: String
                if fields[2].isEmpty {
                    _ = try next("a path")
                    path = try next("a path")
                } else {
                    path = String(fields[2])
                }
                guard let file = files.indices.first(where: { files[$0].path == path && !counted.contains($0) }) else {
                    throw Failure(detail: "a numstat line for '\(path.prefix(80))' that the raw lines do not name")
                }
                counted.insert(file)
                // A binary file: "-" for both, nil.
                files[file].linesAdded = Int(fields[0])
                files[file].linesDeleted = Int(fields[1])
            }
        }
        finish()
        return result
    }
}

extension String {
    fileprivate var trimmingNewlines: String {
        var text = self
        while text.hasSuffix("\n") { text.removeLast() }
        return text
    }
}
