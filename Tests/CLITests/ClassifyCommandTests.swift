import Foundation
import TestSupport
import Testing

@Suite("classify --evaluate --conventional, run as a binary", .serialized)
struct ClassifyCommandTests {
    @Test("a repository without enough conventional commits exits 65 with advice; with them, the accuracy table")
    func conventional() throws {
        let repository = try ScriptedRepository("conventional-cli")
        defer { repository.remove() }
        try repository.write("src/app.ts", "export const app = 0\n")
        try repository.commit("Add the app", date: "2026-01-05T10:00:00+0000")
        try repository.write("README.md", "# app\n")
        try repository.commit("docs: describe the app", date: "2026-01-05T11:00:00+0000")
        let db = repository.directory.path + "-conventional-cli.sqlite"
        defer { try? FileManager.default.removeItem(atPath: db) }
        #expect(try CLIRunner.run(["ingest", "git", repository.path, "--db", db]).status == 0)

        let few = try CLIRunner.run(["classify", "--evaluate", "--conventional", "--db", db])
        #expect(few.status == 65)
        #expect(few.stdout.isEmpty)
        #expect(few.stderr.contains("of 2 commits, 1 have a conventional type ('type: subject') and 1 a type that names a category"))
        #expect(few.stderr.contains("multiplier label"))
        #expect(try CLIRunner.run(["classify", "--conventional", "--db", db]).status == 64)

        // 24 typed commits, each of a kind its files show; the prefix is hidden from the classifier.
        for index in 0..<6 {
            try repository.write("tests/app_\(index).test.ts", "test('x\(index)', () => {})\n")
            try repository.commit("test: cover case \(index)", date: "2026-01-1\(index)T12:00:00+0000")
            try repository.write("docs/guide_\(index).md", "# part \(index)\n")
            try repository.commit("docs: write part \(index) of the guide", date: "2026-01-1\(index)T13:00:00+0000")
            try repository.write(".github/workflows/ci_\(index).yml", "on: push\n")
            try repository.commit("ci: run job \(index) on push", date: "2026-01-1\(index)T14:00:00+0000")
            try repository.write("package.json", "{\"version\": \"1.0.\(index)\"}\n")
            try repository.write("package-lock.json", "{\"lockfileVersion\": \(index)}\n")
            try repository.commit("chore(deps): bump left-pad to 1.0.\(index)", date: "2026-01-1\(index)T15:00:00+0000")
        }
        #expect(try CLIRunner.run(["ingest", "git", repository.path, "--db", db]).status == 0)
        let table = try CLIRunner.run(["classify", "--evaluate", "--conventional", "--db", db])
        #expect(table.status == 0, "\(table.stderr)")
        #expect(table.stdout.contains("25 commits whose conventional type names a category, classified with the prefix hidden"))
        #expect(table.stdout.contains("CATEGORY"))
        #expect(table.stdout.contains("(unlabelled)"))
        let json = try CLIRunner.run(["classify", "--evaluate", "--conventional", "--format", "json", "--db", db])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["labels"] as? Int == 25)
        #expect((object["accuracy"] as? Double ?? 0) >= 0.9)
    }
}
