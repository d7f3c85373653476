import Foundation
import Storage
import Support
import TestSupport
import Testing

/// A run with nothing new changes nothing: every process builds byte-identical tasks from the same
/// input, although Swift seeds Dictionary and Set order anew in each process (issue 19).
@Suite("rebuilding tasks is deterministic across processes")
struct RebuildDeterminismTests {
    @Test("ingesting the unchanged sample repository again rebuilds nothing; rebuilding in new processes changes no task")
    func unchangedRepositoryChangesNothing() throws {
        let work = try TemporaryDirectory("determinism")
        defer { work.remove() }
        let demo = try CLIRunner.run([
            "demo", "--data", CLIRunner.packageRoot + "/SampleData", "--work", work.path, "--reports", work.path + "/Reports",
        ])
        try #require(demo.status == 0, "\(demo.stderr)")
        let database = work.path + "/demo.sqlite"
        let before = try CLIRunner.run(["tasks", "--bots", "--format", "json", "--db", database])
        // An ingest with nothing new rebuilds nothing.
        let again = try CLIRunner.run(["ingest", "git", work.path + "/demo/acme-shop", "--db", database])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stderr.contains("nothing new since they were built: none rebuilt"), "\(again.stderr)")
        // A forced rebuild in a new process stores byte-identical tasks: the sample's 440-odd tasks
        // gave 1 to 5 changed tasks per run while path scores were summed in a Dictionary's order;
        // three runs make a chance pass of that very unlikely.
        for _ in 0..<3 {
            let rebuilt = try CLIRunner.run(["classify", "--db", database])
            #expect(rebuilt.status == 0, "\(rebuilt.stderr)")
            #expect(rebuilt.stderr.contains("(0 new, 0 changed, 0 removed)"), "\(rebuilt.stderr)")
        }
        let after = try CLIRunner.run(["tasks", "--bots", "--format", "json", "--db", database])
        #expect(after.stdout == before.stdout)
    }

    @Test("nothing new rebuilds nothing; a new commit, a changed configuration or a label rebuilds")
    func rebuildsWhatChanged() throws {
        let repository = try ScriptedRepository("incremental")
        defer { repository.remove() }
        try repository.write("src/cart.ts", "export const cart = 1\n")
        try repository.commit("ABC-1: cart totals", date: "2026-03-02T10:30:00+0000")
        let db = repository.directory.path + "-incremental.sqlite"
        defer { try? FileManager.default.removeItem(atPath: db) }
        func ingest() throws -> String {
            let result = try CLIRunner.run(["ingest", "git", repository.directory.path, "--db", db])
            #expect(result.status == 0, "\(result.stderr)")
            return result.stderr
        }
        #expect(try ingest().contains("tasks: 1 in all (1 new, 0 changed, 0 removed)"))
        #expect(try ingest().contains("none rebuilt"))
        try repository.write("src/orders.ts", "export const orders = 1\n")
        try repository.commit("ABC-2: orders", date: "2026-03-03T10:30:00+0000")
        #expect(try ingest().contains("tasks: 2 in all (1 new, 0 changed, 0 removed)"))
        try repository.write(".multiplier.json", #"{"categories": {"src/cart.ts": "business-logic"}}"#)
        #expect(try ingest().contains("tasks: 2 in all (0 new, 1 changed, 0 removed)"))
        #expect(try ingest().contains("none rebuilt"))
        let label = try CLIRunner.run(["label", "ABC-2", "--ai", "yes", "--db", db])
        #expect(label.status == 0, "\(label.stderr)")
        #expect(label.stderr.contains("(0 new, 1 changed, 0 removed)"), "\(label.stderr)")
    }

    @Test("a database filled in steps (new commits, an amend kept on another branch, a prune) holds the tasks of one filled at once")
    func stepsEqualOneIngest() throws {
        let repository = try ScriptedRepository("steps")
        defer { repository.remove() }
        let steps = repository.directory.path + "-steps.sqlite"
        let onceEach = [repository.directory.path + "-once1.sqlite", repository.directory.path + "-once2.sqlite"]
        defer { for path in [steps] + onceEach { try? FileManager.default.removeItem(atPath: path) } }
        func ingest(_ database: String) throws {
            let result = try CLIRunner.run(["ingest", "git", repository.directory.path, "--all", "--db", database])
            #expect(result.status == 0, "\(result.stderr)")
        }
        /// A fresh database of the history as it is now against the one filled in steps.
        func compare(_ once: String, tasks count: Int) throws {
            try ingest(once)
            for arguments in [["tasks", "--bots", "--format", "json"], ["report", "retro", "--format", "json"]] {
                let stepwise = try CLIRunner.run(arguments + ["--db", steps])
                let whole = try CLIRunner.run(arguments + ["--db", once])
                #expect(stepwise.status == 0 && whole.status == 0, "\(stepwise.stderr) \(whole.stderr)")
                #expect(stepwise.stdout == whole.stdout, "\(arguments.joined(separator: " "))")
            }
            // Every stored part of every task: ids, keys, categories, AI flags, effort, evidence.
            let stored = try [steps, once].map { try TaskStore(database: Database(path: $0)).tasks() }
            #expect(stored[0].count == count)
            #expect(stored[0] == stored[1])
        }
        // Which of the two commits that tie below a fresh ingest reads first follows from git's walk:
        // with these contents, names and times it reads the redone one first (the bug showed then).
        func numbers(_ count: Int) -> String { (1...count).map { "\($0)\n" }.joined() }
        for day in 1...3 {
            try repository.write("f\(day)", numbers(day * 10))
            try repository.commit("change \(day)", author: "T", email: "t@example.com", date: "2026-06-0\(day)T10:00:00+0000")
        }
        try repository.git("branch", "keep")
        try ingest(steps)
        // Redone with the same author time (an amend), the old commit kept by the branch.
        try repository.git("reset", "-q", "--hard", "HEAD~1")
        try repository.write("f3", numbers(5))
        let redone = try repository.commit("change 3, redone", author: "T", email: "t@example.com", date: "2026-06-03T10:00:00+0000")
        #expect(redone.hasPrefix("89496c9"))
        try ingest(steps)
        try compare(onceEach[0], tasks: 3)
        try repository.write("src/orders.ts", "export const orders = 1\n")
        try repository.commit("ABC-1: orders", author: "Bob Example", email: "bob@example.com", date: "2026-06-04T09:00:00+0000")
        try repository.write("src/orders.ts", "export const orders = 2\n")
        try repository.commit("Orders page", author: "Bob Example", email: "bob@example.com", date: "2026-06-04T09:30:00+0000")
        try ingest(steps)
        try repository.git("reflog", "expire", "--expire=now", "--all")
        try repository.git("gc", "-q", "--prune=now")
        try repository.write("src/cart.ts", "export const cart = 1\n")
        try repository.commit("ABC-2: cart", author: "T", email: "t@example.com", date: "2026-06-05T10:00:00+0000")
        try ingest(steps)
        try compare(onceEach[1], tasks: 5)
    }
}
