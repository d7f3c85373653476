import Foundation
import Model
import Support

/// What the review reads of a repository besides diffs: which commits a range or an
/// unmerged branch holds, the files of a tree, their contents, and the lines that name a word.
package struct RepositorySnapshot {
    package let git: GitInvocation

    package init(git: GitInvocation) {
        self.git = git
    }

    /// The commit a revision names, or nil when it does not resolve.
    package func resolve(_ revision: String) -> String? {
        guard let result = try? git.status(["rev-parse", "--verify", "--quiet", "--end-of-options", revision + "^{commit}"]),  // git failing: unresolved
            result.status == 0
        else { return nil }
        let hash = result.output.trimmingCharacters(in: .whitespacesAndNewlines)
        return hash.isEmpty ? nil : hash
    }

    /// The usual names of a default branch, in the order they are tried.
    package static let defaultBranchNames = ["main", "master", "trunk", "develop"]

    /// The default branch to compare `branch` with: `origin/HEAD`'s target; else, of the local
    /// branches with a usual name (`defaultBranchNames`) other than `branch` (unless it is the only one), the only one, or the
    /// one checked out, or the one committed to last (a stale `main` left beside the `master` in
    /// use is not it); else nil.
    package func defaultBranch(besides branch: String? = nil) -> String? {
        if let result = try? git.status(["symbolic-ref", "--quiet", "refs/remotes/origin/HEAD"]),  // no origin: try the usual names
            result.status == 0, !result.output.isEmpty
        {
            return result.output
        }
        let reviewed = branch.map { $0.hasPrefix("refs/heads/") ? $0 : "refs/heads/" + $0 }
        var candidates = Self.defaultBranchNames.map { "refs/heads/" + $0 }.filter { resolve($0) != nil }
        // The branch reviewed is its own base only when it is the one usual name (nothing to review).
        if candidates.count > 1 { candidates.removeAll { $0 == reviewed } }
        guard candidates.count > 1 else { return candidates.first }
        if let current = try? git.status(["symbolic-ref", "--quiet", "HEAD"]), current.status == 0,  // detached: by time
            candidates.contains(current.output)
        {
            return current.output
        }
        let times = candidates.map { name -> Int64 in
            guard let result = try? git.status(["log", "-1", "--format=%ct", name, "--"]), result.status == 0 else { return 0 }
            return Int64(result.output) ?? 0
        }
        return zip(candidates, times).max { ($0.1, $1.0) < ($1.1, $0.0) }?.0
    }

    /// Non-merge commits reachable from `tips` and from none of `excluded`, oldest first.
    package func commits(_ tips: [String], excluding excluded: [String]) throws -> [String] {
        let output = try git.output(["rev-list", "--no-merges", "--reverse"] + tips + excluded.map { "^" + $0 } + ["--"])
        return output.split(separator: "\n").map(String.init)
    }

    /// The non-merge commits reachable from `tips` and from none of `excluded`, oldest first, read
    /// as ingestion reads them (authors, messages, files and AI marks): what a range review says of
    /// commits not yet ingested.
    package func log(_ tips: [String], excluding excluded: [String]) throws -> [Commit] {
        let process = try git.start(
            GitInvocation.logArguments + ["--no-merges", "--reverse"] + tips + excluded.map { "^" + $0 } + ["--"])
        var splitter = ByteSplitter(delimiter: 0)
        var parser = GitLogParser()
        var commits: [Commit] = []
        func accept(_ commit: Commit?) {
            guard var commit else { return }
            commit.aiMarks = AIMarkerDetector.marks(for: commit)
            commits.append(commit)
        }
        func parse(_ piece: UnsafeBufferPointer<UInt8>) throws {
            do {
                accept(try parser.consume(piece))
            } catch let failure as GitLogParser.Failure {
                throw IngestionError.malformedGitOutput(repository: git.repository, detail: failure.detail)
            }
        }
        do {
            try process.readOutput { chunk in try splitter.feed(chunk, parse) }
            try splitter.finish(parse)
            try process.waitForSuccess()
            accept(parser.finish())
        } catch let failure as StreamingProcess.Failure {
            process.stop()
            throw IngestionError.git(repository: git.repository, failure: failure)
        } catch {
            process.stop()
            throw error
        }
        return commits
    }

    /// Every file of the tree at `revision` with its size in bytes (nil for submodules).
    package func files(at revision: String) throws -> [(path: String, size: Int?)] {
        let process = try git.start(["ls-tree", "-r", "-z", "-l", revision])
        var entries: [(path: String, size: Int?)] = []
        var splitter = ByteSplitter(delimiter: 0)
        func take(_ bytes: UnsafeBufferPointer<UInt8>) {
            // "<mode> <type> <object> <size>\t<path>"
            guard let tab = bytes.firstIndex(of: 0x09) else { return }
            let fields = String(decoding: UnsafeBufferPointer(rebasing: bytes[..<tab]), as: UTF8.self).split(separator: " ")
            let path = String(decoding: UnsafeBufferPointer(rebasing: bytes[(tab + 1)...]), as: UTF8.self)
            entries.append((path, fields.last.flatMap { Int($0) }))
        }
        do {
            try process.readOutput { chunk in splitter.feed(chunk, take) }
            splitter.finish(take)
            try process.waitForSuccess()
        } catch let failure as StreamingProcess.Failure {
            throw IngestionError.git(repository: git.repository, failure: failure)
        }
        return entries
    }

    /// The text of `paths` at `revision` (lossily decoded; files over `maximumBytes` and missing ones are left out),
    /// read with one `git cat-file --batch`.
    package func contents(of paths: [String], at revision: String, maximumBytes: Int = 1 << 20) throws -> [String: String] {
        guard !paths.isEmpty else { return [:] }
        let list = FileManager.default.temporaryDirectory.path + "/multiplier-review-\(UUID().uuidString).txt"
        // Object names with newlines cannot be asked for on a line; such paths are skipped.
        let asked = paths.filter { !$0.contains("\n") }
        guard FileManager.default.createFile(atPath: list, contents: Data(asked.map { "\(revision):\($0)\n" }.joined().utf8)) else {
            throw IngestionError.missingPath(list)
        }
        defer { try? FileManager.default.removeItem(atPath: list) }  // a leftover temporary file is harmless
        let process: StreamingProcess
        do {
            process = try StreamingProcess(
                executable: "git", arguments: git.arguments(["cat-file", "--batch"]), environment: git.environment,
                standardInput: list)
        } catch let failure as StreamingProcess.Failure {
            throw IngestionError.git(repository: git.repository, failure: failure)
        }
        var buffer: [UInt8] = []
        do {
            try process.readOutput { buffer.append(contentsOf: $0) }
            try process.waitForSuccess()
        } catch let failure as StreamingProcess.Failure {
            throw IngestionError.git(repository: git.repository, failure: failure)
        }
        // Each answer: "<hash> blob <size>\n<bytes>\n" or "<name> missing\n".
        var result: [String: String] = [:]
        var position = 0
        for path in asked {
            guard let newline = buffer[position...].firstIndex(of: 0x0A) else { break }
            let header = String(decoding: buffer[position..<newline], as: UTF8.self).split(separator: " ")
            position = newline + 1
            guard header.count == 3, let size = Int(header[2]) else { continue }
            let end = min(position + size, buffer.count)
            if header[1] == "blob", size <= maximumBytes, !buffer[position..<end].contains(0) {
                result[path] = String(decoding: buffer[position..<end], as: UTF8.self)
            }
            position = end + 1
        }
        return result
    }

    /// Lines of the tree at `revision` that contain one of `words` as a whole word: (path, line number, text).
    package func grep(words: [String], at revision: String) throws -> [(path: String, line: Int, text: String)] {
        guard !words.isEmpty else { return [] }
        let process = try git.start(
            ["grep", "-I", "-n", "-w", "-F", "--null", "--no-color"] + words.flatMap { ["-e", $0] } + [revision, "--"])
        var hits: [(path: String, line: Int, text: String)] = []
        var splitter = ByteSplitter(delimiter: 0x0A)
        func take(_ bytes: UnsafeBufferPointer<UInt8>) {
            // REV:path NUL line NUL text
            let parts = bytes.split(separator: 0, maxSplits: 2, omittingEmptySubsequences: false)
            guard parts.count == 3, let line = Int(String(decoding: parts[1], as: UTF8.self)) else { return }
            var path = String(decoding: parts[0], as: UTF8.self)
            if path.hasPrefix(revision + ":") { path.removeFirst(revision.count + 1) }
            hits.append((path, line, String(decoding: parts[2].prefix(DiffParser.maximumLineBytes), as: UTF8.self)))
        }
        do {
            try process.readOutput { chunk in splitter.feed(chunk, take) }
            splitter.finish(take)
            let status = try process.waitForStatus()
            guard status <= 1 else {  // 1: nothing matched
                throw StreamingProcess.Failure.exited(command: "git grep", status: status, stderr: process.standardError)
            }
        } catch let failure as StreamingProcess.Failure {
            throw IngestionError.git(repository: git.repository, failure: failure)
        }
        return hits
    }
}
