import Foundation
import Ingestion
import Model
import Storage
import Support
import TestSupport
import Testing

/// Histories and settings a user's repository may have that change what a naive ingest stores.
@Suite("Git ingestion: broken objects and dates, user settings, a changed mailmap, unshallowed merges")
struct GitRobustnessTests {
    let quiet = Console(out: { _ in }, err: { _ in })

    func ingestor(_ database: Database, console: Console? = nil) -> GitIngestor {
        GitIngestor(database: database, console: console ?? quiet, environment: ScriptedRepository.environment())
    }

    func commits(_ database: Database, _ root: String) throws -> [String: Commit] {
        let store = CommitStore(database: database)
        let id = try #require(try store.repository(root: root)?.id)
        return Dictionary(uniqueKeysWithValues: try store.commits(repositoryID: id).map { ($0.hash, $0) })
    }

    @Test("git dying on a missing object stores no half-read commit; once repaired, the sums equal git's")
    func missingObject() throws {
        let repository = try ScriptedRepository()
        defer { repository.remove() }
        try repository.write("f1", "1\n")
        try repository.commit("add f1", date: "2026-01-05T10:00:00+0000")
        try repository.write("f2", "1\n2\n")
        try repository.commit("add f2", date: "2026-01-05T11:00:00+0000")
        try repository.write("f3", "1\n2\n3\n")
        try repository.commit("add f3", date: "2026-01-05T12:00:00+0000")
        // The oldest commit's blob goes missing: git log prints that commit's header, then dies.
        let blob = try repository.git("rev-parse", "HEAD~2:f1").trimmingCharacters(in: .whitespacesAndNewlines)
        let object = repository.path + "/.git/objects/\(blob.prefix(2))/\(blob.dropFirst(2))"
        let saved = try Data(contentsOf: URL(fileURLWithPath: object))
        try FileManager.default.removeItem(atPath: object)

        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try Database(path: directory.path + "/db.sqlite")
        #expect(throws: IngestionError.self) { try ingestor(database).ingest(path: repository.path) }
        let stored = try commits(database, repository.path)
        #expect(!stored.values.contains { $0.subject == "add f1" })

        try saved.write(to: URL(fileURLWithPath: object))
        let result = try ingestor(database).ingest(path: repository.path)
        #expect(result.totalCommits == 3)
        let summary = try #require(try CommitStore(database: database).summaries().first)
        #expect(summary.linesAdded == 6)
    }

    @Test("a commit whose author date git cannot read is stored at its committer date; the others are stored too")
    func unreadableDate() throws {
        let repository = try ScriptedRepository()
        defer { repository.remove() }
        try repository.write("a", "a\n")
        let good = try repository.commit("good one", date: "2026-01-05T10:00:00+0000")
        let tree = try repository.git("rev-parse", "HEAD^{tree}").trimmingCharacters(in: .whitespacesAndNewlines)
        let text = "tree \(tree)\nparent \(good)\nauthor Eve <eve@example.com> notanumber +0000\n"
            + "committer Eve <eve@example.com> 1767612000 +0000\n\nbad date\n"
        try repository.write("bad-commit.txt", text)
        let bad = try repository.git("hash-object", "-t", "commit", "-w", "--literally", "bad-commit.txt")
            .trimmingCharacters(in: .whitespacesAndNewlines)
        try FileManager.default.removeItem(atPath: repository.path + "/bad-commit.txt")
        try repository.git("update-ref", "refs/heads/main", bad)
        try repository.git("reset", "-q", "--hard")
        try repository.write("b", "b\n")
        try repository.commit("good two", date: "2026-01-05T12:00:00+0000")

        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try Database(path: directory.path + "/db.sqlite")
        let result = try ingestor(database).ingest(path: repository.path)
        #expect(result.totalCommits == 3)
        let stored = try commits(database, repository.path)
        #expect(stored[bad]?.authorTime == 1_767_612_000)
    }

    @Test("a user's log.showRoot=false and diff.renames=false do not change what is stored")
    func userSettings() throws {
        let repository = try ScriptedRepository()
        defer { repository.remove() }
        try repository.write("a.txt", (1...8).map { "line \($0)" }.joined(separator: "\n") + "\n")
        let root = try repository.commit("initial import")
        try repository.git("mv", "a.txt", "b.txt")
        let rename = try repository.commit("rename a to b", date: "2026-01-05T11:00:00+0000")
        try repository.git("config", "log.showRoot", "false")
        try repository.git("config", "diff.renames", "false")

        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try Database(path: directory.path + "/db.sqlite")
        _ = try ingestor(database).ingest(path: repository.path)
        let stored = try commits(database, repository.path)
        #expect(stored[root]?.files.map(\.path) == ["a.txt"])
        #expect(stored[root]?.linesAdded == 8)
        #expect(stored[rename]?.files.map(\.path) == ["b.txt"])
        #expect(stored[rename]?.files.first?.oldPath == "a.txt")
        #expect(stored[rename]?.linesDeleted == 0)
    }

    @Test("a .mailmap added after the first ingest renames the stored commits' people, as a fresh ingest has them")
    func mailmapAddedLater() throws {
        let repository = try ScriptedRepository()
        defer { repository.remove() }
        try repository.write("a", "a\n")
        let old = try repository.commit("first", author: "A. Smith", email: "old@example.org")
        try repository.write("b", "b\n")
        try repository.commit("second", author: "Alice Smith", email: "alice@example.com", date: "2026-01-05T11:00:00+0000")

        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try Database(path: directory.path + "/db.sqlite")
        _ = try ingestor(database).ingest(path: repository.path)
        #expect(try commits(database, repository.path)[old]?.authorEmail == "old@example.org")

        try repository.write(".mailmap", "Alice Smith <alice@example.com> A. Smith <old@example.org>\n")
        let notes = Notes()
        let console = Console(out: { _ in }, err: { notes.append($0) })
        let result = try ingestor(database, console: console).ingest(path: repository.path)
        #expect(result.newCommits == 0)
        let renamed = try #require(try commits(database, repository.path)[old])
        #expect(renamed.authorName == "Alice Smith" && renamed.authorEmail == "alice@example.com")
        #expect(notes.lines.contains { $0.contains(".mailmap changed") && $0.contains("1 commit") })

        // As a fresh ingest of the same repository stores them.
        let freshDatabase = try Database(path: directory.path + "/fresh.sqlite")
        _ = try ingestor(freshDatabase).ingest(path: repository.path)
        let fresh = try commits(freshDatabase, repository.path)
        #expect(fresh.mapValues { [$0.authorName, $0.authorEmail] } == (try commits(database, repository.path)).mapValues { [$0.authorName, $0.authorEmail] })
        // Unchanged since: nothing to say, nothing rewritten.
        let count = notes.lines.count
        _ = try ingestor(database, console: console).ingest(path: repository.path)
        #expect(!notes.lines.dropFirst(count).contains { $0.contains(".mailmap") })
    }

    @Test("new commits dated before the last ingested tip, with many branches about: the old tip stays reachable")
    func newCommitsDatedBeforeTheOldTip() throws {
        let repository = try ScriptedRepository()
        defer { repository.remove() }
        try repository.write("a.txt", "a\n")
        try repository.commit("root", date: "2026-10-01T10:00:00+0000")
        // Eight branches whose tips are dated between the new commits and the old tip: git's walk
        // of `OLD --not NEW --branches` stops among them, by date, before reaching NEW's history.
        for index in 1...8 {
            try repository.git("checkout", "-q", "-b", "b\(index)", "main")
            try repository.write("b\(index).txt", "\(index)\n")
            try repository.commit("branch \(index)", date: "2026-11-0\(index / 3 + 1)T1\(index):00:00+0000")
        }
        try repository.git("checkout", "-q", "main")
        try repository.write("m.txt", "m\n")
        let old = try repository.commit("main work", date: "2026-11-05T10:00:00+0000")

        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try Database(path: directory.path + "/db.sqlite")
        #expect(try ingestor(database).ingest(path: repository.path).totalCommits == 2)
        try repository.write("n.txt", "1\n")
        try repository.commit("one", date: "2026-10-02T10:00:00+0000")
        try repository.write("n.txt", "2\n")
        try repository.commit("two", date: "2026-10-02T11:00:00+0000")
        let result = try ingestor(database).ingest(path: repository.path)
        #expect(result.newCommits == 2 && result.unreachable == 0)
        #expect(result.totalCommits == 4)
        #expect(try commits(database, repository.path)[old] != nil)
    }

    @Test("after git fetch --unshallow, a boundary merge commit gets its parents and counts as a merge")
    func unshallowedMerge() throws {
        let repository = try ScriptedRepository()
        let directory = try TemporaryDirectory()
        defer {
            repository.remove()
            directory.remove()
        }
        try repository.write("a.txt", "a\n")
        try repository.commit("first")
        try repository.git("checkout", "-q", "-b", "side")
        try repository.write("s.txt", "s\n")
        try repository.commit("side", date: "2026-01-05T10:30:00+0000")
        try repository.git("checkout", "-q", "main")
        try repository.write("m.txt", "m\n")
        try repository.commit("main", date: "2026-01-05T10:40:00+0000")
        try repository.git(
            ["merge", "-q", "--no-ff", "--no-edit", "side", "-m", "merge side"],
            environment: [
                "GIT_AUTHOR_NAME": "Alice", "GIT_AUTHOR_EMAIL": "a@example.com", "GIT_COMMITTER_NAME": "Alice",
                "GIT_COMMITTER_EMAIL": "a@example.com", "GIT_AUTHOR_DATE": "2026-01-05T11:00:00+0000",
                "GIT_COMMITTER_DATE": "2026-01-05T11:00:00+0000",
            ])
        let merge = try repository.head()
        try repository.write("c.txt", "c\n")
        try repository.commit("after", date: "2026-01-05T12:00:00+0000")
        let clone = directory.path + "/clone"
        try repository.git("clone", "-q", "--depth", "2", "file://" + repository.path, clone)

        let database = try Database(path: directory.path + "/db.sqlite")
        _ = try ingestor(database).ingest(path: clone)
        #expect(try commits(database, clone)[merge]?.parents.isEmpty == true)
        try repository.git("-C", clone, "fetch", "-q", "--unshallow")
        _ = try ingestor(database).ingest(path: clone)
        let parents = try repository.git("rev-list", "--parents", "-n", "1", merge).split(separator: " ").dropFirst()
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        #expect(try commits(database, clone)[merge]?.parents == parents)
        #expect(try CommitStore(database: database).summaries().first?.mergeCommits == 1)
    }
}

/// What a console said on stderr, gathered from whichever thread said it.
final class Notes: @unchecked Sendable {
    private let lock = NSLock()
    private var gathered: [String] = []

    func append(_ line: String) { lock.withLock { gathered.append(line) } }
    var lines: [String] { lock.withLock { gathered } }
}
