import Classification
import Foundation
import Model
import Storage
import TestSupport
import Testing
@testable import Tasks

/// Task building reads commits with merge bodies only, interned, consumes them stage by stage and
/// saves in chunks (ARCHITECTURE.md, Tasks): none of that may change a task.
@Suite("Rebuilding tasks from the store")
struct TaskRebuildTests {
    /// A history of more tasks than one save chunk: merged pull requests (bodies with titles and
    /// GitLab numbers), squash merges, issue keys, bursts of several authors, AI marks, bodies and
    /// trailers on ordinary commits, binary and renamed files.
    static func history(tasks: Int) -> [Commit] {
        var commits: [Commit] = []
        var tip = ""
        let start: Int64 = 1_780_000_000
        for index in 0..<tasks {
            let author = ["ann", "bob", "cy", "dee", "eve"][index % 5]
            let time = start + Int64(index) * 5 * 3600 + Int64(index % 7) * 60
            let files = [
                FileChange(path: "src/module\(index % 40)/file\(index % 13).swift", linesAdded: 10 + index % 9, linesDeleted: index % 4),
                FileChange(path: index % 6 == 0 ? "Tests/T\(index % 11).swift" : "docs/guide\(index % 3).md", oldPath: index % 17 == 0 ? "old/x.md" : nil, linesAdded: 3, linesDeleted: 1),
            ] + (index % 19 == 0 ? [FileChange(path: "assets/logo.png", linesAdded: nil, linesDeleted: nil)] : [])
            let subject: String
            switch index % 5 {
            case 0: subject = "ABC-\(index % 300): change the parser \(index)"
            case 1: subject = "Add retries to the client (#\(index))"
            case 2: subject = "fix: handle empty input \(index)"
            default: subject = "docs: describe option \(index)"
            }
            let marks = index % 4 == 0 ? [AIMark(tool: "claude-code", evidence: "Co-Authored-By: Claude")] : []
            let hash = String(format: "%040x", index * 2 + 1)
            commits.append(
                Commit(
                    hash: hash, parents: tip.isEmpty ? [] : [tip], authorName: author.capitalized,
                    authorEmail: "\(author)@example.com", authorTime: time, authorOffsetMinutes: 60, committerName: "CI",
                    committerEmail: "ci@example.com", committerTime: time, subject: subject,
                    body: "Why this change was needed \(index).\n\nCo-Authored-By: Claude <noreply@anthropic.com>",
                    trailers: [Trailer(key: "Co-Authored-By", value: "Claude <noreply@anthropic.com>")], files: files,
                    aiMarks: marks))
            if index % 9 == 3 {
                // A branch commit merged by a pull request whose body carries its title.
                let branch = String(format: "%040x", index * 2 + 2)
                commits.insert(
                    Commit(
                        hash: branch, parents: tip.isEmpty ? [] : [tip], authorName: "Bob", authorEmail: "bob@example.com", authorTime: time - 600,
                        authorOffsetMinutes: 0, committerName: "Bob", committerEmail: "bob@example.com", committerTime: time - 600,
                        subject: "work on the feature \(index)", body: "details", files: files), at: commits.count - 1)
                commits[commits.count - 1].parents = (tip.isEmpty ? [] : [tip]) + [branch]
                commits[commits.count - 1].subject = index % 2 == 0
                    ? "Merge pull request #\(1000 + index) from acme/feature/XY-\(index)-thing"
                    : "Merge branch 'topic-\(index)' into 'main'"
                commits[commits.count - 1].body = index % 2 == 0
                    ? "Add the thing \(index)" : "Title of MR \(index)\n\nSee merge request acme/shop!\(2000 + index)"
                commits[commits.count - 1].trailers = []
                commits[commits.count - 1].aiMarks = []
            }
            tip = commits[commits.count - 1].hash
        }
        return commits
    }

    @Test("tasks built from the store equal tasks built from whole commits, and a second run writes nothing")
    func sameTasks() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try Database(path: directory.path + "/db.sqlite")
        let store = CommitStore(database: database)
        let repository = try store.upsertRepository(root: "/repo", origin: nil, name: "repo")
        // Issue keys, bursts and merges group these commits about three to a task.
        let commits = Self.history(tasks: TaskStore.writeChunk * 4)
        try database.transaction { for commit in commits { try store.insert(commit, repositoryID: repository.id) } }
        let stored = try store.commits(repositoryID: repository.id)
        #expect(stored.count == commits.count)
        let firstTask = try #require(stored.first(where: { !$0.isMerge }))
        try TaskStore(database: database).setLabel(
            Label(repository: "/repo", key: "burst " + firstTask.hash.prefix(12), firstCommit: firstTask.hash, category: .tests, ai: true),
            time: 1)

        // The old way: every commit whole, one builder call.
        let whole = TaskBuilder(config: RuleConfig()).build(
            [TaskBuilder.History(root: "/repo", commits: stored)], sessions: [],
            labels: try TaskStore(database: database).labels())
        #expect(whole.count > TaskStore.writeChunk)
        #expect(whole.contains { $0.kind == .pullRequest } && whole.contains { $0.ai } && whole.contains { $0.labelled })

        let report = try TaskRebuild.run(database: database, config: RuleConfig())
        #expect(report.tasks == whole.count)
        #expect(report.saved == TaskStore.SaveResult(added: whole.count))
        let saved = try TaskStore(database: database).tasks()
        #expect(saved.map(\.id) == whole.map(\.id))
        #expect(saved.map(\.category) == whole.map(\.category))
        #expect(saved.map(\.ai) == whole.map(\.ai))
        #expect(saved.map(\.effortHours) == whole.map(\.effortHours))
        #expect(saved.map(\.evidence) == whole.map(\.evidence))
        #expect(saved == whole)

        let again = try TaskRebuild.run(database: database, config: RuleConfig())
        #expect(again.saved == TaskStore.SaveResult(unchanged: whole.count))
    }

    @Test("the read for task building leaves out ordinary commits' bodies and trailers, and only those")
    func mergeBodies() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try Database(path: directory.path + "/db.sqlite")
        let store = CommitStore(database: database)
        let repository = try store.upsertRepository(root: "/repo", origin: nil, name: "repo")
        let commits = Self.history(tasks: 60)
        try database.transaction { for commit in commits { try store.insert(commit, repositoryID: repository.id) } }
        let full = try store.commits(repositoryID: repository.id)
        let partial = try store.commits(repositoryID: repository.id, messages: .mergeBodies)
        #expect(full.contains { $0.isMerge })
        #expect(partial == full.map { commit in
            var expected = commit
            if !commit.isMerge { expected.body = "" }
            expected.trailers = []
            return expected
        })
    }
}
