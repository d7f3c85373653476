import Foundation
import Model
import Storage
import Support

/// What one `ingest git` of one repository did.
package struct GitIngestResult: Sendable, Equatable {
    package var repository: Repository
    /// Commits stored by this run.
    package var newCommits: Int
    /// Stored commits that a history rewrite left unreachable, marked by this run.
    package var unreachable: Int
    /// Commits that carry a git-ai note mark after this run.
    package var notedCommits: Int
    /// Reachable commits stored for the repository after this run.
    package var totalCommits: Int
}

/// Reads one repository's history into the store: one streaming `git log`,
/// batched transactions, and only what is new since the last run.
///
/// Incremental: the ref tips read last time are remembered, and the next run logs
/// `<tips> --not <old tips>`. A run that is interrupted loses nothing: every
/// batch is committed, the tips are saved only at the end, and commits that are
/// already stored are skipped when the next run reads them again.
package struct GitIngestor {
    private let database: Database
    private let store: CommitStore
    private let console: Console
    private let environment: [String: String]
    /// Commits per transaction.
    private let batchSize: Int

    package init(database: Database, console: Console, environment: [String: String], batchSize: Int = 4_000) {
        self.database = database
        self.store = CommitStore(database: database)
        self.console = console
        self.environment = environment
        self.batchSize = batchSize
    }

    /// The work tree root that contains `path`.
    /// - Throws: `missingPath` when nothing is there, `notARepository` outside a work tree.
    package func repositoryRoot(of path: String) throws -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw IngestionError.missingPath(path)
        }
        let directory = isDirectory.boolValue ? path : (path as NSString).deletingLastPathComponent
        let git = GitInvocation(repository: directory.isEmpty ? "." : directory, environment: environment)
        let (status, root) = try git.status(["rev-parse", "--show-toplevel"])
        guard status == 0, !root.isEmpty else { throw IngestionError.notARepository(path) }
        return root
    }

    /// Ingests the repository containing `path`.
    /// - Parameter allRefs: every branch, tag and remote ref instead of HEAD alone.
    package func ingest(path: String, allRefs: Bool = false) throws -> GitIngestResult {
        let root = try repositoryRoot(of: path)
        let git = GitInvocation(repository: root, environment: environment)
        let origin = try git.status(["config", "--get", "remote.origin.url"])
        do {
            let repository = try store.upsertRepository(
                root: root, origin: origin.status == 0 && !origin.output.isEmpty ? origin.output : nil,
                name: (root as NSString).lastPathComponent)
            let tips = try currentTips(git, allRefs: allRefs)
            let oldTips = try store.tips(repositoryID: repository.id)
            var newCommits = 0
            var unreachable = 0
            if Set(tips) != Set(oldTips) {
                if !tips.isEmpty {
                    newCommits = try readLog(git, repository: repository, from: tips, excluding: oldTips)
                }
                if !oldTips.isEmpty {
                    let gone = try lines(
                        git.output(["rev-list", "--ignore-missing"] + oldTips + (tips.isEmpty ? [] : ["--not"] + tips)))
                    try database.transaction { try store.markUnreachable(repositoryID: repository.id, hashes: gone) }
                    unreachable = gone.count
                }
            }
            let noted = try readNotes(git, repository: repository)
            try database.transaction {
                try store.setTips(repositoryID: repository.id, tips: tips)
                try store.setLastIngest(repositoryID: repository.id, time: Int64(Date().timeIntervalSince1970))
            }
            return GitIngestResult(
                repository: repository, newCommits: newCommits, unreachable: unreachable, notedCommits: noted,
                totalCommits: try store.commitCount(repositoryID: repository.id))
        } catch let error as SQLiteError {
            throw IngestionError.storage(.sqlite(error, during: "ingesting \(root)"))
        } catch let error as StorageError {
            throw IngestionError.storage(error)
        }
    }

    /// The commits the ingested refs point at now (none for a repository without commits).
    private func currentTips(_ git: GitInvocation, allRefs: Bool) throws -> [String] {
        let head = try git.status(["rev-parse", "--verify", "-q", "HEAD^{commit}"])
        var tips = head.status == 0 ? [head.output] : []
        if allRefs {
            tips += try lines(git.output(["rev-list", "--no-walk", "--branches", "--tags", "--remotes"]))
        }
        return Array(Set(tips)).sorted()
    }

    /// Streams `git log` and stores what it reads in batches; returns how many commits were new.
    private func readLog(
        _ git: GitInvocation, repository: Repository, from tips: [String], excluding oldTips: [String]
    ) throws -> Int {
        let arguments =
            GitInvocation.logArguments + ["--ignore-missing"] + tips + (oldTips.isEmpty ? [] : ["--not"] + oldTips)
        let process = try git.start(arguments)
        var splitter = ByteSplitter(delimiter: 0)
        var parser = GitLogParser()
        var batch: [Commit] = []
        batch.reserveCapacity(batchSize)
        var read = 0
        var stored = 0
        var progress = Progress(console: console, label: "reading \(repository.name)")
        defer { progress.finish() }

        func accept(_ commit: Commit?) throws {
            guard var commit else { return }
            commit.aiMarks = AIMarkerDetector.marks(for: commit)
            commit.isBot = AIMarkerDetector.isBot(name: commit.authorName, email: commit.authorEmail)
            batch.append(commit)
            read += 1
            if batch.count >= batchSize { try flush() }
        }
        func flush() throws {
            let commits = batch
            batch.removeAll(keepingCapacity: true)
            stored += try database.transaction {
                var new = 0
                for commit in commits where try store.insert(commit, repositoryID: repository.id) { new += 1 }
                return new
            }
            progress.update(read, unit: "commits")
        }
        func parse(_ piece: UnsafeBufferPointer<UInt8>) throws {
            do {
                try accept(try parser.consume(piece))
            } catch let failure as GitLogParser.Failure {
                throw IngestionError.malformedGitOutput(repository: repository.root, detail: failure.detail)
            }
        }

        do {
            try process.readOutput { chunk in try splitter.feed(chunk, parse) }
            try splitter.finish(parse)
            try accept(parser.finish())
            try flush()
            try process.waitForSuccess()
        } catch let failure as StreamingProcess.Failure {
            throw IngestionError.git(repository: repository.root, failure: failure)
        } catch {
            process.stop()
            throw error
        }
        return stored
    }

    /// Reads git-ai notes under `refs/notes/ai` and stores their marks.
    private func readNotes(_ git: GitInvocation, repository: Repository) throws -> Int {
        let ref = try git.status(["rev-parse", "--verify", "-q", "refs/notes/ai"])
        guard ref.status == 0 else {
            return try database.transaction { try store.replaceNoteMarks(repositoryID: repository.id, marks: [:]) }
        }
        let annotated = try lines(git.output(["notes", "--ref=ai", "list"])).compactMap { line in
            line.split(separator: " ").last.map(String.init)
        }
        var marks: [String: [AIMark]] = [:]
        var start = 0
        while start < annotated.count {
            let slice = Array(annotated[start..<min(start + 500, annotated.count)])
            start += 500
            let output = try git.output(
                ["log", "--no-walk=unsorted", "--notes=ai", "--format=%x1e%H%x1f%N"] + slice)
            for record in output.split(separator: "\u{1E}") {
                guard let separator = record.firstIndex(of: "\u{1F}") else { continue }
                let hash = String(record[..<separator])
                let found = GitAINote.marks(in: String(record[record.index(after: separator)...]))
                if !found.isEmpty { marks[hash] = found }
            }
        }
        return try database.transaction { try store.replaceNoteMarks(repositoryID: repository.id, marks: marks) }
    }

    private func lines(_ text: String) -> [String] {
        text.split(separator: "\n").map(String.init)
    }
}
