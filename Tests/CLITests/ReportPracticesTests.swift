import Foundation
import Support
import TestSupport
import Testing

@Suite("report practices: the history of the context files")
struct ReportPracticesTests {
    /// `report practices --format json`'s context-file changes as `path commit-subject substantial reason`.
    static func changes(_ db: String, subjects: [String: String]) throws -> (lines: [String], stderr: String) {
        let result = try CLIRunner.run(["report", "practices", "--db", db, "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let changes = try #require(json["contextFileChanges"] as? [[String: Any]])
        let lines = changes.map { change in
            let subject = subjects[change["commit"] as? String ?? ""] ?? "?"
            return "\(change["path"] as? String ?? "") \(subject) \(change["substantial"] as? Bool == true ? "yes" : "no"): "
                + (change["reason"] as? String ?? "")
        }
        return (lines, result.stderr)
    }

    @Test("line endings alone, spaces at line ends alone and a link to another context file change no guidance; without the repository the stored counts decide")
    func changesOfNoGuidance() throws {
        let repository = try ScriptedRepository("practices-context")
        defer { repository.remove() }
        var subjects: [String: String] = [:]
        func commit(_ subject: String, day: Int) throws {
            subjects[try repository.commit(subject, date: String(format: "2026-08-%02dT10:00:00+0000", day))] = subject
        }
        let rules = (0..<40).map { "rule \($0)\n" }.joined()
        try repository.write("README.md", "x\n")
        try commit("init", day: 1)
        try repository.write("CLAUDE.md", rules)
        try commit("add", day: 2)
        try repository.git("mv", "CLAUDE.md", "AGENTS.md")
        try commit("rename", day: 3)
        try FileManager.default.createSymbolicLink(atPath: repository.path + "/CLAUDE.md", withDestinationPath: "AGENTS.md")
        try commit("link", day: 4)
        try repository.write("AGENTS.md", rules.replacingOccurrences(of: "\n", with: "\r\n"))
        try commit("crlf", day: 5)
        try repository.write("AGENTS.md", rules.replacingOccurrences(of: "\n", with: "  \n"))
        try commit("spaces", day: 6)
        try repository.write("AGENTS.md", rules + (0..<25).map { "more \($0)\n" }.joined())
        try commit("more", day: 7)
        let db = repository.path + "-\(UUID().uuidString.prefix(6)).sqlite"
        defer { try? FileManager.default.removeItem(atPath: db) }  // a leftover temporary file is harmless
        #expect(try CLIRunner.run(["ingest", "git", repository.path, "--db", db, "--quiet"]).status == 0)

        let read = try Self.changes(db, subjects: subjects)
        #expect(
            read.lines == [
                "CLAUDE.md add yes: created with 40 lines",
                "AGENTS.md rename no: 0 of 40 lines changed",
                "CLAUDE.md link no: a link to AGENTS.md (its guidance is counted there)",
                "AGENTS.md crlf no: 0 of 40 lines changed, 80 counting line endings and spaces at line ends",
                "AGENTS.md spaces no: 0 of 40 lines changed, 80 counting line endings and spaces at line ends",
                "AGENTS.md more yes: 25 lines changed (at least 20), 105 counting line endings and spaces at line ends",
            ], "\(read.lines)")
        #expect(!read.stderr.contains("note:"), "\(read.stderr)")

        // The repository moved away: what is stored decides, and a note says so.
        let away = repository.path + "-away"
        try FileManager.default.moveItem(atPath: repository.path, toPath: away)
        defer { try? FileManager.default.moveItem(atPath: away, toPath: repository.path) }
        let stored = try Self.changes(db, subjects: subjects)
        #expect(stored.lines.filter { $0.contains(" yes: ") }.count == 5, "\(stored.lines)")
        #expect(stored.stderr.contains("is not here: context-file changes counted from the stored line counts"), "\(stored.stderr)")
    }
}
