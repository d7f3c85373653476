import Foundation
import Model
import Storage
import TestSupport
import Testing

@Suite("Storing commits")
struct CommitStoreTests {
    func commit(_ hash: String, files: [FileChange] = [], marks: [AIMark] = [], parents: [String] = []) -> Commit {
        Commit(
            hash: hash, parents: parents, authorName: "Ann", authorEmail: "ann@example.com", authorTime: 100,
            authorOffsetMinutes: 60, committerName: "Ann", committerEmail: "ann@example.com", committerTime: 100,
            subject: "s", body: "b", trailers: [Trailer(key: "K", value: "v")], files: files, aiMarks: marks)
    }

    @Test("a commit inserted twice is stored once, and reads back equal")
    func idempotent() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try Database(path: directory.path + "/db.sqlite")
        let store = CommitStore(database: database)
        let repository = try store.upsertRepository(root: "/r", origin: nil, name: "r")
        let original = commit(
            "a", files: [FileChange(path: "x", oldPath: "w", linesAdded: 2, linesDeleted: 1),
                FileChange(path: "bin", linesAdded: nil, linesDeleted: nil)],
            marks: [AIMark(tool: "claude-code", evidence: "trailer")])
        #expect(try store.insert(original, repositoryID: repository.id))
        #expect(try !store.insert(original, repositoryID: repository.id))
        #expect(try store.commits(repositoryID: repository.id) == [original])
        let summary = try #require(try store.summaries().first)
        #expect(summary.commits == 1)
        #expect(summary.linesAdded == 2)
        #expect(summary.aiCommits == ["claude-code": 1])
    }

    @Test("unreachable commits leave the counts and come back when reachable again")
    func reachability() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try Database(path: directory.path + "/db.sqlite")
        let store = CommitStore(database: database)
        let repository = try store.upsertRepository(root: "/r", origin: "git@example.com:r.git", name: "r")
        try store.insert(commit("a"), repositoryID: repository.id)
        try store.insert(commit("b", parents: ["a", "c"]), repositoryID: repository.id)
        try store.markUnreachable(repositoryID: repository.id, hashes: ["b"])
        #expect(try store.commitCount(repositoryID: repository.id) == 1)
        try store.insert(commit("b", parents: ["a", "c"]), repositoryID: repository.id)
        #expect(try store.commitCount(repositoryID: repository.id) == 2)
        #expect(try store.summaries().first?.mergeCommits == 1)
    }

    @Test("two repositories' commits stored in turn read back apart: each its own files, trailers and marks, by commit time then as stored")
    func interleavedRepositoriesReadBackApart() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try Database(path: directory.path + "/db.sqlite")
        let store = CommitStore(database: database)
        let one = try store.upsertRepository(root: "/one", origin: nil, name: "one")
        let two = try store.upsertRepository(root: "/two", origin: nil, name: "two")
        func timed(_ hash: String, at time: Int64, path: String, marks: [AIMark] = []) -> Commit {
            var made = commit(hash, files: [FileChange(path: path, linesAdded: 1, linesDeleted: 0),
                FileChange(path: path + ".bin", linesAdded: nil, linesDeleted: nil)], marks: marks)
            made.committerTime = time
            return made
        }
        // Ids interleave: one's range (its first to its last id) holds two's rows.
        let late = timed("one-late", at: 300, path: "one/late", marks: [
            AIMark(tool: "codex", evidence: "trailer", basis: .message),
            AIMark(tool: "claude-code", evidence: "author", basis: .author),
        ])
        try store.insert(late, repositoryID: one.id)
        try store.insert(timed("two-a", at: 100, path: "two/a"), repositoryID: two.id)
        try store.insert(timed("one-tie-first", at: 200, path: "one/t1"), repositoryID: one.id)
        try store.insert(timed("two-b", at: 50, path: "two/b"), repositoryID: two.id)
        try store.insert(timed("one-tie-second", at: 200, path: "one/t2"), repositoryID: one.id)
        try store.insert(timed("one-gone", at: 10, path: "one/gone"), repositoryID: one.id)
        try store.markUnreachable(repositoryID: one.id, hashes: ["one-gone"])

        let first = try store.commits(repositoryID: one.id)
        #expect(first.map(\.hash) == ["one-tie-first", "one-tie-second", "one-late"])
        #expect(first.map { $0.files.map(\.path) } == [["one/t1", "one/t1.bin"], ["one/t2", "one/t2.bin"], ["one/late", "one/late.bin"]])
        #expect(first.allSatisfy { $0.trailers == [Trailer(key: "K", value: "v")] })
        // Marks by tool, then where they came from.
        #expect(first.last?.aiMarks.map(\.tool) == ["claude-code", "codex"])
        #expect(first.dropLast().allSatisfy { $0.aiMarks.isEmpty })
        let second = try store.commits(repositoryID: two.id, messages: .mergeBodies)
        #expect(second.map(\.hash) == ["two-b", "two-a"])
        #expect(second.map { $0.files.map(\.path) } == [["two/b", "two/b.bin"], ["two/a", "two/a.bin"]])
        #expect(second.allSatisfy { $0.trailers.isEmpty && $0.body.isEmpty })
        let none = try store.upsertRepository(root: "/none", origin: nil, name: "none")
        #expect(try store.commits(repositoryID: none.id).isEmpty)
    }
}
