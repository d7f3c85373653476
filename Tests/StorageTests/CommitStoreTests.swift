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
}
