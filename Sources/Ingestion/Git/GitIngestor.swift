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
    /// Session logs read before this repository was first ingested (or, later, before its new
    /// commits: sessions of their time), tied to no repository, that the next `ingest sessions`
    /// reads again (they may be this repository's).
    package var logsToReread: Int = 0
}

/// Reads one repository's history into the store: streaming `git log` (in
/// parallel partitions for long histories), batched transactions, and only what
/// is new since the last run.
///
/// Incremental: the ref tips read last time are remembered, and the next run logs
/// `<tips> --not <old tips>`. A run that is interrupted loses nothing: every
/// transaction (`commitsPerTransaction` commits) is committed, the tips are saved
/// only at the end, and commits that are already stored are skipped when the next
/// run reads them again.
package struct GitIngestor {
    private let database: Database
    private let store: CommitStore
    private let console: Console
    private let environment: [String: String]
    /// Commits per batch a git reader hands the writer.
    private let batchSize: Int
    /// Commits per transaction: several batches. Each transaction writes every index page it
    /// touched to the WAL, and the hash index's pages are touched by every batch (hashes are
    /// random): 16,000 commits (with `pageCacheMegabytes`) wrote 128 MB for 82,000 commits where
    /// 4,000 wrote 275 MB.
    private let commitsPerTransaction: Int
    /// SQLite's page cache while a history is stored: a transaction's dirty pages stay in memory
    /// until it commits rather than spilling to the WAL, to be written again when changed again.
    private static let pageCacheMegabytes = 32
    /// Histories with at least this many new commits are read by several git processes at once.
    private let partitionThreshold: Int

    package init(
        database: Database, console: Console, environment: [String: String], batchSize: Int = 4_000,
        commitsPerTransaction: Int = 16_000, partitionThreshold: Int = 20_000
    ) {
        self.database = database
        self.store = CommitStore(database: database)
        self.console = console
        self.environment = environment
        self.batchSize = batchSize
        self.commitsPerTransaction = commitsPerTransaction
        self.partitionThreshold = partitionThreshold
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
        let process = try git.start(["rev-parse", "--show-toplevel"])
        do {
            var root = String(decoding: try process.readAllOutput(), as: UTF8.self)
            while root.hasSuffix("\n") { root.removeLast() }
            let status = try process.waitForStatus()
            guard status == 0, !root.isEmpty else {
                // git says why: not a repository, or e.g. "detected dubious ownership" (safe.directory).
                let reason = process.standardError.split(separator: "\n").first.map(String.init) ?? ""
                throw IngestionError.notARepository(path, gitSays: reason)
            }
            return root
        } catch let failure as StreamingProcess.Failure {
            throw IngestionError.git(repository: path, failure: failure)
        }
    }

    /// Ingests the repository containing `path`.
    /// - Parameter allRefs: every branch, tag and remote ref instead of HEAD alone.
    package func ingest(path: String, allRefs: Bool = false) throws -> GitIngestResult {
        let root = try repositoryRoot(of: path)
        let git = GitInvocation(repository: root, environment: environment)
        let origin = try git.status(["config", "--get", "remote.origin.url"])
        do {
            let isNew = try store.repository(root: root) == nil
            let repository = try store.upsertRepository(
                root: root, origin: origin.status == 0 && !origin.output.isEmpty ? Repository.withoutCredentials(origin.output) : nil,
                name: (root as NSString).lastPathComponent)
            var tips = try currentTips(git, allRefs: allRefs)
            if tips.isEmpty, !allRefs {
                // HEAD names a branch with no commit yet (a fresh `git init`, or a history made by
                // fast-import or a clone whose default branch is elsewhere), but others have some.
                let branches = try lines(git.output(["for-each-ref", "--format=%(refname:short)", "refs/heads"]))
                if !branches.isEmpty {
                    console.note(
                        "note: HEAD of \(root) names no commit yet, so nothing was read; its branches: "
                            + "\(branches.prefix(5).joined(separator: ", "))\(branches.count > 5 ? ", …" : ""). "
                            + "Check one out, or give --all to read every branch")
                }
            }
            let oldTips = try store.tips(repositoryID: repository.id)
            var newCommits = 0
            var unreachable = 0
            // When the new commits were written: unattached sessions of that time are read again.
            var span: ClosedRange<Int64>?
            let boundaries = try shallowBoundaries(git, root: root)
            // Boundaries of the last ingest that are boundaries no more: `git fetch --unshallow` or
            // `--deepen` brought their parents. The history behind them lies behind the stored tips,
            // where an incremental read does not look: it is read from them, and they get their files.
            // (Only those the ingested refs still reach: a rewritten history's are not read again.)
            let deepened = try store.shallowBoundaries(repositoryID: repository.id).subtracting(boundaries)
                .filter { boundary in
                    try tips.contains { try git.status(["merge-base", "--is-ancestor", boundary, $0]).status == 0 }
                }
            if !deepened.isEmpty {
                console.note(
                    "note: \(root) has more history than when it was last read (a fetch with --unshallow or --deepen): "
                        + "reading it behind \(deepened.count) former boundary commit(s)")
                newCommits += try readLog(
                    git, repository: repository, from: deepened.sorted(), excluding: [], boundaries: boundaries,
                    refill: Set(deepened), span: &span)
            }
            if Set(tips) != Set(oldTips) {
                // Commits that a local branch still holds were left by a checkout (`git checkout
                // main` after ingesting a feature branch), not by a rewrite: they stay, and so does
                // the old tip that reaches them, until no branch holds it.
                var gone: [String] = []
                // Old tips the new ones contain (a fast-forward, the usual case) leave nothing behind.
                // Asked of each tip: `rev-list OLD --not NEW` alone can name an old tip that a new one
                // contains when the new commits are dated before it (git's walk stops by date).
                let stale = try oldTips.filter { old in
                    try !tips.contains { try git.status(["merge-base", "--is-ancestor", old, $0]).status == 0 }
                }
                // An old tip git no longer has (a rewrite whose old objects were pruned: `git gc
                // --prune=now` after removing a secret) cannot be walked from: what is gone is then what
                // is stored and no longer reachable, by a whole walk.
                let present = stale.isEmpty ? [] : try lines(git.output(["rev-list", "--no-walk", "--ignore-missing"] + stale))
                if Set(present) != Set(stale) {
                    let reachable = Set(try lines(git.output(["rev-list"] + tips + ["--branches"])))
                    gone = try store.reachableHashes(repositoryID: repository.id).filter { !reachable.contains($0) }.sorted()
                } else if !stale.isEmpty {
                    gone = try lines(git.output(["rev-list", "--ignore-missing"] + stale + ["--not"] + tips + ["--branches"]))
                    if !gone.isEmpty {
                        // The same date cut-off can name commits the new history still holds: those are
                        // checked against a whole walk of it (a rewrite is rare; the walk costs a second
                        // at most on a history of git's size).
                        let reachable = Set(try lines(git.output(["rev-list"] + tips + ["--branches"])))
                        gone.removeAll(where: reachable.contains)
                    }
                }
                if !stale.isEmpty {
                    let goneSet = Set(gone)
                    let held = try lines(git.output(["rev-list", "--no-walk", "--ignore-missing"] + oldTips))
                        .filter { !goneSet.contains($0) && !tips.contains($0) }
                    if !held.isEmpty {
                        tips = try lines(git.output(["merge-base", "--independent"] + tips + held)).sorted()
                    }
                }
                if !tips.isEmpty && Set(tips) != Set(oldTips) {
                    if !boundaries.isEmpty {
                        console.note(
                            "note: \(root) is a shallow clone: history before its \(boundaries.count) boundary commit(s) is "
                                + "not there, and their sizes are unknown (not counted); 'git fetch --unshallow' gives the whole history")
                    }
                    newCommits += try readLog(
                        git, repository: repository, from: tips, excluding: oldTips, boundaries: boundaries, span: &span)
                }
                if !gone.isEmpty {
                    try database.transaction { try store.markUnreachable(repositoryID: repository.id, hashes: gone) }
                    unreachable = gone.count
                }
            }
            try applyMailmap(git, root: root, repository: repository, tips: tips, isNew: isNew)
            let noted = try readNotes(git, repository: repository)
            let reread = try database.transaction {
                try store.setTips(repositoryID: repository.id, tips: tips)
                try store.setShallowBoundaries(repositoryID: repository.id, boundaries)
                try store.setLastIngest(repositoryID: repository.id, time: Int64(Date().timeIntervalSince1970))
                if isNew { return try SessionStore(database: database).rereadUnattached() }
                // A day either side: a session starts before the commits of its work.
                guard let span else { return 0 }
                return try SessionStore(database: database).rereadUnattached(
                    between: span.lowerBound - 86_400, and: span.upperBound + 86_400)
            }
            return GitIngestResult(
                repository: repository, newCommits: newCommits, unreachable: unreachable, notedCommits: noted,
                totalCommits: try store.commitCount(repositoryID: repository.id), logsToReread: reread)
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
    ///
    /// A long history is split into partitions (`--skip`/`--max-count` over the
    /// same walk), each read by its own git process and thread, so that git's
    /// diff work runs on every core; one writer stores what they parse.
    private func readLog(
        _ git: GitInvocation, repository: Repository, from tips: [String], excluding oldTips: [String],
        boundaries: Set<String>, refill: Set<String> = [], span: inout ClosedRange<Int64>?
    ) throws -> Int {
        let range = ["--ignore-missing"] + tips + (oldTips.isEmpty ? [] : ["--not"] + oldTips)
        // The newest commits are read while git counts them all (a walk of the whole history,
        // on the core git's log does not use yet): the first partition is told its end once the
        // count is known, and the others start from there.
        let channel = CommitChannel(producers: 1)
        let firstEnd = PartitionReader.Limit()
        let first = PartitionReader(
            git: git, arguments: GitInvocation.logArguments + range, repository: repository.root, batchSize: batchSize,
            channel: channel, limit: firstEnd)
        Thread { first.run() }.start()
        let count: Int
        do {
            count = Int(try git.output(["rev-list", "--count"] + range)) ?? 0
        } catch {
            channel.cancelAndDrain()
            throw error
        }
        let partitions = count >= partitionThreshold ? max(1, min(ProcessInfo.processInfo.activeProcessorCount, 4)) : 1
        if partitions > 1 {
            let start = firstEnd.end(sharing: count, among: partitions)
            let size = (count - start + partitions - 2) / (partitions - 1)
            for index in 1..<partitions {
                var arguments = GitInvocation.logArguments + ["--skip=\(start + (index - 1) * size)"]
                if index < partitions - 1 { arguments.append("--max-count=\(size)") }
                let reader = PartitionReader(
                    git: git, arguments: arguments + range, repository: repository.root, batchSize: batchSize,
                    channel: channel)
                channel.addProducer()
                Thread { reader.run() }.start()
            }
        }

        var read = 0
        var stored = 0
        var undated = 0
        defer {
            if undated > 0 {
                console.note(
                    "note: \(undated) commit(s) of \(repository.root) have no date git can read (git fsck: badDate) or are "
                        + "dated 1970-01-01; stored at 1970-01-01, they earn only a lead-in of effort")
            }
        }
        var progress = Progress(console: console, label: "reading \(repository.name)")
        defer { progress.finish() }
        do {
            var more = true
            try database.withPageCache(megabytes: Self.pageCacheMegabytes) {
                while more {
                    stored += try database.transaction {
                        var new = 0
                        var written = 0
                        while written < commitsPerTransaction {
                            guard let batch = try channel.take() else {
                                more = false
                                break
                            }
                            for var commit in batch {
                                if commit.authorTime == 0 && commit.committerTime == 0 { undated += 1 }
                                // git diffs a shallow clone's boundary commit against nothing: its whole tree.
                                if boundaries.contains(commit.hash) { commit.files = [] }
                                if try store.insert(commit, repositoryID: repository.id) {
                                    new += 1
                                    let time = commit.authorTime
                                    span = span.map { min($0.lowerBound, time)...max($0.upperBound, time) } ?? time...time
                                } else if refill.contains(commit.hash) {
                                    try store.replaceFiles(commit, repositoryID: repository.id)
                                }
                            }
                            written += batch.count
                            read += batch.count
                            progress.update(read, unit: "of \(count) commits")
                        }
                        return new
                    }
                }
            }
        } catch {
            channel.cancelAndDrain()
            throw error
        }
        return stored
    }

    /// A shallow clone's boundary commits (`.git/shallow`): their parents are not there.
    private func shallowBoundaries(_ git: GitInvocation, root: String) throws -> Set<String> {
        let shallow = try git.status(["rev-parse", "--is-shallow-repository"])
        guard shallow.status == 0, shallow.output == "true" else { return [] }
        let path = try git.output(["rev-parse", "--git-path", "shallow"])
        let file = path.hasPrefix("/") ? path : root + "/" + path
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { return [] }
        return Set(lines(text).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
    }

    /// Stored commits keep the identities `.mailmap` gave them when they were read: when it has
    /// changed since (one added, a person's old address mapped), their authors and committers are
    /// read again (`git log` without diffs) and updated, so that the history reads as a fresh ingest's.
    private func applyMailmap(_ git: GitInvocation, root: String, repository: Repository, tips: [String], isNew: Bool) throws {
        let state = try mailmapState(git, root: root)
        let stored = try store.mailmapState(repositoryID: repository.id)
        guard stored != state else { return }
        // Never recorded (a new repository, or a database from before the mailmap was watched):
        // a new one's commits were read just now, with this mailmap.
        if !(isNew && stored == nil), !tips.isEmpty {
            let process = try git.start(["log", "-z", "--format=%H%x1f%aN%x1f%aE%x1f%cN%x1f%cE"] + tips + ["--"])
            var splitter = ByteSplitter(delimiter: 0)
            var changed = 0
            do {
                try database.transaction {
                    try process.readOutput { chunk in
                        try splitter.feed(chunk) { piece in
                            let fields = piece.split(separator: 0x1F, omittingEmptySubsequences: false)
                                .map { String(decoding: $0, as: UTF8.self) }
                            guard fields.count == 5 else { return }
                            let hash = fields[0].trimmingCharacters(in: .newlines)
                            if try store.updateIdentity(
                                repositoryID: repository.id, hash: hash, author: (fields[1], fields[2]),
                                committer: (fields[3], fields[4]), isBot: AIMarkerDetector.isBot(name: fields[1], email: fields[2]))
                            {
                                changed += 1
                            }
                        }
                    }
                    try process.waitForSuccess()
                }
            } catch let failure as StreamingProcess.Failure {
                process.stop()
                throw IngestionError.git(repository: root, failure: failure)
            }
            if changed > 0 {
                console.note("note: \(root): .mailmap changed since the last ingest; \(changed) commit(s) now name other people")
            }
        }
        try database.transaction { try store.setMailmapState(repositoryID: repository.id, state) }
    }

    /// The mailmap git applies here: the work tree's `.mailmap`, and the files `mailmap.file` and
    /// `mailmap.blob` name, as a digest of their contents.
    private func mailmapState(_ git: GitInvocation, root: String) throws -> String {
        // Bytes, whatever their encoding; a file that is not there adds nothing.
        var bytes = Array(FileManager.default.contents(atPath: root + "/.mailmap") ?? Data())
        let file = try git.status(["config", "--get", "mailmap.file"])
        if file.status == 0, !file.output.isEmpty {
            let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
            let path = file.output.hasPrefix("~/") ? home + file.output.dropFirst(1) : file.output
            bytes += [0x1F] + Array(FileManager.default.contents(atPath: path.hasPrefix("/") ? path : root + "/" + path) ?? Data())
        }
        let blob = try git.status(["config", "--get", "mailmap.blob"])
        if blob.status == 0, !blob.output.isEmpty {
            // The blob's object id; an unresolved one adds nothing.
            let resolved = try git.status(["rev-parse", "--verify", "-q", blob.output])
            bytes += [0x1F] + Array((resolved.status == 0 ? resolved.output : "").utf8)
        }
        return SHA256.hex(SHA256.hash(bytes))
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
