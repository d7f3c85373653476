import Foundation
import Ingestion
import Model
import Storage
import Support
import TestSupport
import Testing

@Suite("Git ingestion on scripted repositories")
struct GitIngestorTests {
    let quiet = Console(out: { _ in }, err: { _ in })

    func ingest(_ repository: ScriptedRepository, into database: Database, allRefs: Bool = false) throws
        -> GitIngestResult
    {
        try GitIngestor(database: database, console: quiet, environment: ScriptedRepository.environment())
            .ingest(path: repository.path, allRefs: allRefs)
    }

    /// Sums of `git log --numstat` for HEAD, the reference every figure must equal.
    func numstatSums(_ repository: ScriptedRepository) throws -> (added: Int, deleted: Int, commits: Int) {
        let output = try repository.git("log", "--numstat", "--format=")
        var added = 0
        var deleted = 0
        for line in output.split(separator: "\n") {
            let fields = line.split(separator: "\t", maxSplits: 2)
            guard fields.count == 3, let a = Int(fields[0]), let d = Int(fields[1]) else { continue }
            added += a
            deleted += d
        }
        let count = Int(try repository.git("rev-list", "--count", "HEAD").trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
        return (added, deleted, count)
    }

    /// A history with everything that breaks naive parsers.
    func hostileRepository() throws -> ScriptedRepository {
        let repository = try ScriptedRepository("hostile")
        try repository.write("plain.txt", "one\ntwo\nthree\n")
        try repository.write("with space.txt", "a\n")
        try repository.write("ünïcødé/файл.swift", "let x = 1\n")
        try repository.write("quote\"and\ttab.txt", "q\n")
        try repository.write("new\nline.txt", "n\n")
        try repository.commit("Initial: paths of every kind", date: "2026-01-05T10:00:00+0530")
        try repository.write("image.png", bytes: [0x89, 0x50, 0x4E, 0x47, 0, 1, 2, 0, 255, 0])
        try FileManager.default.removeItem(atPath: repository.path + "/plain.txt")
        try repository.write("renamed/plain text.txt", "one\ntwo\nthree\nfour\n")
        try repository.commit(
            "Rename and binary\u{1E}with\u{1F}separators\n\nBody with \u{1E}\u{1F} and a NUL-free tail\r\nCRLF line\r\n",
            date: "2026-01-05T11:00:00-0930")
        try repository.commit("", date: "2026-01-05T12:00:00+1245", allowEmpty: true)
        try repository.git("checkout", "-q", "-b", "left")
        try repository.write("left.txt", "l\n")
        try repository.commit("left side", author: "Bob", email: "bob@example.com", date: "2026-01-06T09:00:00+0000")
        try repository.git("checkout", "-q", "-b", "right", "main")
        try repository.write("right.txt", "r\nr\n")
        try repository.commit("right side", date: "2026-01-06T09:30:00+0000")
        try repository.git("checkout", "-q", "main")
        try repository.write("main.txt", "m\n")
        try repository.commit("main side", date: "2026-01-06T10:00:00+0000")
        try repository.git(
            ["merge", "-q", "--no-edit", "left", "right", "-m", "Octopus merge"],
            environment: [
                "GIT_AUTHOR_NAME": "Alice", "GIT_AUTHOR_EMAIL": "a@example.com",
                "GIT_COMMITTER_NAME": "Alice", "GIT_COMMITTER_EMAIL": "a@example.com",
                "GIT_AUTHOR_DATE": "2026-01-06T11:00:00+0000", "GIT_COMMITTER_DATE": "2026-01-06T11:00:00+0000",
            ])
        return repository
    }

    @Test("a hostile history is stored intact and its sums equal git log --numstat")
    func hostileHistory() throws {
        let repository = try hostileRepository()
        defer { repository.remove() }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try Database(path: directory.path + "/db.sqlite")
        let result = try ingest(repository, into: database)
        let expected = try numstatSums(repository)
        #expect(result.newCommits == expected.commits)
        let store = CommitStore(database: database)
        let summary = try #require(try store.summaries().first)
        #expect(summary.commits == expected.commits)
        #expect(summary.linesAdded == expected.added)
        #expect(summary.linesDeleted == expected.deleted)
        #expect(summary.mergeCommits == 1)

        let commits = try store.commits(repositoryID: result.repository.id)
        let paths = Set(commits.flatMap(\.files).map(\.path))
        for path in ["with space.txt", "ünïcødé/файл.swift", "quote\"and\ttab.txt", "new\nline.txt", "image.png"] {
            #expect(paths.contains(path), "missing \(path)")
        }
        let rename = try #require(commits.flatMap(\.files).first { $0.path == "renamed/plain text.txt" })
        #expect(rename.oldPath == "plain.txt")
        #expect(rename.linesAdded == 1)
        let binary = try #require(commits.flatMap(\.files).first { $0.path == "image.png" })
        #expect(binary.isBinary)

        let separators = try #require(commits.first { $0.subject.hasPrefix("Rename and binary") })
        #expect(separators.subject == "Rename and binary\u{1E}with\u{1F}separators")
        #expect(separators.body.contains("\u{1E}\u{1F}"))
        #expect(separators.authorOffsetMinutes == -570)
        let first = try #require(commits.first { $0.subject.hasPrefix("Initial") })
        #expect(first.authorOffsetMinutes == 330)
        let empty = try #require(commits.first { $0.subject.isEmpty })
        #expect(empty.authorOffsetMinutes == 765)
        #expect(empty.files.isEmpty)
        let octopus = try #require(commits.first { $0.subject == "Octopus merge" })
        #expect(octopus.parents.count == 3)
        #expect(octopus.files.isEmpty)
    }

    @Test("reading in parallel partitions stores the same commits and sums as one reader")
    func partitions() throws {
        let repository = try hostileRepository()
        defer { repository.remove() }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try Database(path: directory.path + "/db.sqlite")
        let ingestor = GitIngestor(
            database: database, console: quiet, environment: ScriptedRepository.environment(), batchSize: 1,
            partitionThreshold: 2)
        let result = try ingestor.ingest(path: repository.path)
        let expected = try numstatSums(repository)
        #expect(result.newCommits == expected.commits)
        let summary = try #require(try CommitStore(database: database).summaries().first)
        #expect(summary.commits == expected.commits)
        #expect(summary.linesAdded == expected.added)
        #expect(summary.linesDeleted == expected.deleted)
    }

    @Test("the first partition, reading while git counts the history, ends where the next begins: every commit once, in transactions of several batches")
    func partitionStartedBeforeTheCount() throws {
        let repository = try ScriptedRepository("long")
        defer { repository.remove() }
        // 3,000 commits by fast-import: the first partition is still reading when the count comes.
        var stream = ""
        for index in 1...3_000 {
            let line = "line \(index)\n"
            stream += "commit refs/heads/main\nmark :\(index)\n"
            stream += "committer Alice <alice@example.com> \(1_767_600_000 + index * 60) +0000\n"
            stream += "data \("commit \(index)".utf8.count)\ncommit \(index)\n"
            if index > 1 { stream += "from :\(index - 1)\n" }
            stream += "M 644 inline f\(index % 7).txt\ndata \(line.utf8.count)\n\(line)\n"
        }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let streamFile = directory.path + "/long.fi"
        try stream.write(toFile: streamFile, atomically: true, encoding: .utf8)
        let importing = try StreamingProcess(
            executable: "git", arguments: ["-C", repository.path, "fast-import", "--quiet"],
            environment: ScriptedRepository.environment(), standardInput: streamFile)
        _ = try importing.readAllOutput()
        try importing.waitForSuccess()
        try repository.git("reset", "-q", "--hard", "main")
        let database = try Database(path: directory.path + "/db.sqlite")
        let ingestor = GitIngestor(
            database: database, console: quiet, environment: ScriptedRepository.environment(), batchSize: 40,
            commitsPerTransaction: 130, partitionThreshold: 2)
        let result = try ingestor.ingest(path: repository.path)
        #expect(result.newCommits == 3_000)
        let stored = try CommitStore(database: database).commits(repositoryID: result.repository.id)
        let expected = try repository.git("rev-list", "HEAD").split(separator: "\n").map(String.init)
        #expect(stored.count == 3_000)
        #expect(Set(stored.map(\.hash)) == Set(expected))
        #expect(stored.reduce(0) { $0 + $1.files.count } == 3_000)
    }

    @Test("a second ingest stores nothing new; a new commit is added alone")
    func incremental() throws {
        let repository = try ScriptedRepository()
        defer { repository.remove() }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try repository.write("a.txt", "a\n")
        try repository.commit("first")
        let database = try Database(path: directory.path + "/db.sqlite")
        #expect(try ingest(repository, into: database).newCommits == 1)
        let again = try ingest(repository, into: database)
        #expect(again.newCommits == 0)
        #expect(again.totalCommits == 1)
        try repository.write("a.txt", "a\nb\n")
        try repository.commit("second", date: "2026-01-05T11:00:00+0000")
        let third = try ingest(repository, into: database)
        #expect(third.newCommits == 1)
        #expect(third.totalCommits == 2)
    }

    @Test("a Co-Authored-By line typed without a blank line before it marks the commit, and leaves the subject")
    func footerWithoutBlankLine() throws {
        let repository = try ScriptedRepository()
        defer { repository.remove() }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try repository.write("a.txt", "a\n")
        try repository.commit("Add login\nCo-Authored-By: Claude <noreply@anthropic.com>")
        let database = try Database(path: directory.path + "/db.sqlite")
        _ = try ingest(repository, into: database)
        let store = CommitStore(database: database)
        let commits = try store.commits(repositoryID: try #require(store.repositories().first).id)
        let commit = try #require(commits.first)
        #expect(commit.subject == "Add login")
        #expect(commit.aiMarks.map(\.tool) == ["claude-code"])
    }

    @Test("a rewritten history adds the new commits and marks the old ones unreachable")
    func rewrite() throws {
        let repository = try ScriptedRepository()
        defer { repository.remove() }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try repository.write("a.txt", "a\n")
        try repository.commit("first")
        try repository.write("a.txt", "a\nb\n")
        try repository.commit("second", date: "2026-01-05T11:00:00+0000")
        let database = try Database(path: directory.path + "/db.sqlite")
        _ = try ingest(repository, into: database)
        try repository.git("reset", "-q", "--hard", "HEAD~1")
        try repository.write("a.txt", "a\nc\nd\n")
        try repository.commit("second, rewritten", date: "2026-01-05T12:00:00+0000")
        let result = try ingest(repository, into: database)
        #expect(result.newCommits == 1)
        #expect(result.unreachable == 1)
        #expect(result.totalCommits == 2)
        let summary = try #require(try CommitStore(database: database).summaries().first)
        let expected = try numstatSums(repository)
        #expect(summary.linesAdded == expected.added)
        #expect(summary.commits == expected.commits)
    }

    @Test("a rewrite whose old commits were pruned from git (gc --prune=now) still marks them unreachable")
    func prunedRewrite() throws {
        let repository = try ScriptedRepository()
        defer { repository.remove() }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        for (index, hour) in [10, 11, 12].enumerated() {
            try repository.write("a.txt", String(repeating: "line\n", count: 10 * (index + 1)))
            try repository.commit("change \(index)", date: "2026-01-05T\(hour):00:00+0000")
        }
        let database = try Database(path: directory.path + "/db.sqlite")
        #expect(try ingest(repository, into: database).totalCommits == 3)
        try repository.git("reset", "-q", "--hard", "HEAD~2")
        try repository.write("b.txt", "b\n")
        try repository.commit("change 1, rewritten", date: "2026-01-05T13:00:00+0000")
        try repository.git("reflog", "expire", "--expire=now", "--all")
        try repository.git("gc", "-q", "--prune=now")
        let result = try ingest(repository, into: database)
        #expect(result.unreachable == 2 && result.newCommits == 1 && result.totalCommits == 2)
        let summary = try #require(try CommitStore(database: database).summaries().first)
        let expected = try numstatSums(repository)
        #expect(summary.linesAdded == expected.added && summary.commits == expected.commits)
        // Nothing new: nothing changes.
        let again = try ingest(repository, into: database)
        #expect(again.newCommits == 0 && again.unreachable == 0 && again.totalCommits == 2)
    }

    @Test("git replace objects are ignored: the history is read as committed, before and after a graft")
    func replaceObjects() throws {
        let repository = try ScriptedRepository()
        defer { repository.remove() }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try repository.write("old.txt", "archived\n")
        let archived = try repository.commit("archived work", date: "2025-06-01T10:00:00+0000")
        try repository.git("checkout", "-q", "--orphan", "fresh")
        try repository.git("rm", "-q", "-rf", ".")
        try repository.write("a.txt", "a\n")
        let root = try repository.commit("fresh start", date: "2026-01-05T10:00:00+0000")
        try repository.write("a.txt", "a\nb\n")
        try repository.commit("second", date: "2026-01-05T11:00:00+0000")
        try repository.git("branch", "-q", "-D", "main")
        let database = try Database(path: directory.path + "/db.sqlite")
        #expect(try ingest(repository, into: database).totalCommits == 2)
        try repository.git("replace", "--graft", root, archived)
        #expect(try repository.git("rev-list", "--count", "HEAD").hasPrefix("3"))
        let grafted = try ingest(repository, into: database)
        #expect(grafted.newCommits == 0 && grafted.totalCommits == 2)
        let fresh = try Database(path: directory.path + "/fresh.sqlite")
        #expect(try ingest(repository, into: fresh).totalCommits == 2)
        let summary = try #require(try CommitStore(database: fresh).summaries().first)
        #expect(summary.linesAdded == 2)
    }

    @Test("checking out another branch is not a rewrite: the branch's commits stay until no branch holds them")
    func branchSwitch() throws {
        let repository = try ScriptedRepository()
        defer { repository.remove() }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try repository.write("a.txt", "a\n")
        try repository.commit("first")
        try repository.git("checkout", "-q", "-b", "feature/ABC-7-wip")
        try repository.write("b.txt", "b\n")
        try repository.commit("wip", date: "2026-01-05T11:00:00+0000")
        let database = try Database(path: directory.path + "/db.sqlite")
        #expect(try ingest(repository, into: database).totalCommits == 2)
        try repository.git("checkout", "-q", "main")
        try repository.write("c.txt", "c\n")
        try repository.commit("on main", date: "2026-01-05T12:00:00+0000")
        let switched = try ingest(repository, into: database)
        #expect(switched.newCommits == 1)
        #expect(switched.unreachable == 0)
        #expect(switched.totalCommits == 3)
        // Back and forth changes nothing; nothing new is read.
        try repository.git("checkout", "-q", "feature/ABC-7-wip")
        let back = try ingest(repository, into: database)
        #expect(back.newCommits == 0 && back.unreachable == 0 && back.totalCommits == 3)
        try repository.git("checkout", "-q", "main")
        #expect(try ingest(repository, into: database).totalCommits == 3)
        // Deleted without being merged (abandoned, or squashed elsewhere): its commit goes.
        try repository.git("branch", "-q", "-D", "feature/ABC-7-wip")
        let deleted = try ingest(repository, into: database)
        #expect(deleted.unreachable == 1)
        #expect(deleted.totalCommits == 2)
    }

    /// Three commits (the first adds 50 lines), cloned two deep: the second is the boundary.
    static func shallowClone() throws -> (ScriptedRepository, TemporaryDirectory, String) {
        let repository = try ScriptedRepository()
        let directory = try TemporaryDirectory()
        try repository.write("a.txt", (1...50).map { "line \($0)" }.joined(separator: "\n") + "\n")
        try repository.commit("first")
        try repository.write("b.txt", "b\n")
        try repository.commit("second", date: "2026-01-05T11:00:00+0000")
        try repository.write("c.txt", "c\nc\n")
        try repository.commit("third", date: "2026-01-05T12:00:00+0000")
        let clone = directory.path + "/clone"
        try repository.git("clone", "-q", "--depth", "2", "file://" + repository.path, clone)
        return (repository, directory, clone)
    }

    @Test("a shallow clone's boundary commit is stored without the whole tree git diffs it against")
    func shallowClone() throws {
        let (repository, directory, clone) = try Self.shallowClone()
        defer {
            repository.remove()
            directory.remove()
        }
        let database = try Database(path: directory.path + "/db.sqlite")
        let result = try GitIngestor(database: database, console: quiet, environment: ScriptedRepository.environment())
            .ingest(path: clone)
        #expect(result.totalCommits == 2)
        // Only the third commit's two lines: the boundary (second) would otherwise add a.txt's 50 as well.
        let summary = try #require(try CommitStore(database: database).summaries().first)
        #expect(summary.linesAdded == 2)
    }

    @Test("a shallow clone fetched whole again: the history behind its old boundary is read, and the boundary gets its files")
    func unshallow() throws {
        let (repository, directory, clone) = try Self.shallowClone()
        defer {
            repository.remove()
            directory.remove()
        }
        let database = try Database(path: directory.path + "/db.sqlite")
        let ingestor = GitIngestor(database: database, console: quiet, environment: ScriptedRepository.environment())
        #expect(try ingestor.ingest(path: clone).totalCommits == 2)
        #expect(try CommitStore(database: database).summaries().first?.linesAdded == 2)
        // Nothing new at the tip, but the whole history now: the first commit is read, and the
        // second (the old boundary) counts its line.
        try repository.git("-C", clone, "fetch", "-q", "--unshallow")
        let whole = try ingestor.ingest(path: clone)
        #expect(whole.newCommits == 1)
        #expect(whole.totalCommits == 3)
        #expect(try CommitStore(database: database).summaries().first?.linesAdded == 53)
        // And again: nothing new, nothing read twice.
        let again = try ingestor.ingest(path: clone)
        #expect(again.newCommits == 0 && again.totalCommits == 3)
        #expect(try CommitStore(database: database).summaries().first?.linesAdded == 53)
    }

    @Test("an interrupted ingest loses nothing: the next run completes it without duplicates")
    func resumesAfterInterruption() throws {
        let repository = try ScriptedRepository()
        defer { repository.remove() }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        for index in 0..<5 {
            try repository.write("f\(index).txt", "\(index)\n")
            try repository.commit("commit \(index)", date: "2026-01-05T1\(index):00:00+0000")
        }
        let database = try Database(path: directory.path + "/db.sqlite")
        // Simulate a run that stored two batches' worth and died before saving its tips.
        let store = CommitStore(database: database)
        let partial = GitIngestor(
            database: database, console: quiet, environment: ScriptedRepository.environment(), batchSize: 2)
        _ = try partial.ingest(path: repository.path)
        let repositoryID = try #require(try store.repository(root: repository.path)?.id)
        try database.transaction { try store.setTips(repositoryID: repositoryID, tips: []) }
        let result = try ingest(repository, into: database)
        #expect(result.newCommits == 0)
        #expect(result.totalCommits == 5)
    }

    @Test("--all reads every branch; commits reachable from several refs are stored once")
    func allRefs() throws {
        let repository = try ScriptedRepository()
        defer { repository.remove() }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try repository.write("a.txt", "a\n")
        try repository.commit("first")
        try repository.git("checkout", "-q", "-b", "feature")
        try repository.write("b.txt", "b\n")
        try repository.commit("on feature", date: "2026-01-05T11:00:00+0000")
        try repository.git("checkout", "-q", "main")
        try repository.git(
            "tag", "-a", "v1", "-m", "release",
            environment: ["GIT_COMMITTER_NAME": "A", "GIT_COMMITTER_EMAIL": "a@example.com"])
        let database = try Database(path: directory.path + "/db.sqlite")
        #expect(try ingest(repository, into: database).newCommits == 1)
        let all = try ingest(repository, into: database, allRefs: true)
        #expect(all.newCommits == 1)
        #expect(all.totalCommits == 2)
    }

    @Test("AI trailers, bots and git-ai notes are recognised and recorded with evidence")
    func markersAndNotes() throws {
        let repository = try ScriptedRepository()
        defer { repository.remove() }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try repository.write("a.txt", "a\n")
        try repository.commit("Add a\n\n🤖 Generated with [Claude Code](https://claude.com/claude-code)\n\nCo-Authored-By: Claude Opus 4.5 <noreply@anthropic.com>")
        try repository.write("b.txt", "b\n")
        try repository.commit(
            "chore(deps): bump lodash", author: "dependabot[bot]", email: "49699333+dependabot[bot]@users.noreply.github.com",
            date: "2026-01-05T11:00:00+0000")
        try repository.write("c.txt", "c\n")
        let noted = try repository.commit("plain commit", date: "2026-01-05T12:00:00+0000")
        let note = "c.txt\n  s_18b694e06092e7::t_dd1245c85411b0 1\n---\n"
            + #"{"schema_version":"authorship/3.0.0","sessions":{"s_18b694e06092e7":{"agent_id":{"tool":"codex","id":"x","model":"m"}}}}"#
        try repository.git("notes", "--ref=ai", "add", "-m", note, noted,
            environment: ["GIT_AUTHOR_NAME": "A", "GIT_AUTHOR_EMAIL": "a@x", "GIT_COMMITTER_NAME": "A", "GIT_COMMITTER_EMAIL": "a@x"])
        let database = try Database(path: directory.path + "/db.sqlite")
        let result = try ingest(repository, into: database)
        #expect(result.notedCommits == 1)
        #expect(result.totalCommits == 3)
        let summary = try #require(try CommitStore(database: database).summaries().first)
        #expect(summary.aiCommits == ["claude-code": 1, "codex": 1])
        #expect(summary.botCommits == 1)
    }

    @Test("a path outside any work tree and a missing path are told apart")
    func badPaths() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try Database(path: directory.path + "/db.sqlite")
        let ingestor = GitIngestor(database: database, console: quiet, environment: ScriptedRepository.environment())
        #expect {
            try ingestor.ingest(path: directory.path + "/missing")
        } throws: { error in
            if case IngestionError.missingPath = error { return true }
            return false
        }
        #expect {
            try ingestor.ingest(path: directory.path)
        } throws: { error in
            if case IngestionError.notARepository = error { return true }
            return false
        }
    }

    @Test("a repository without commits ingests as empty")
    func emptyRepository() throws {
        let repository = try ScriptedRepository()
        defer { repository.remove() }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try Database(path: directory.path + "/db.sqlite")
        let result = try ingest(repository, into: database)
        #expect(result.newCommits == 0)
        #expect(result.totalCommits == 0)
    }
}
