import Foundation
import Ingestion
import Model
import Support
import TestSupport
import Testing

@Suite("What git says of a context file's changes beyond the stored numstat")
struct FileChangeDetailReaderTests {
    @Test("line endings and spaces at line ends are not counted; links, renames and paths with glob characters are read as they are")
    func details() throws {
        let repository = try ScriptedRepository("change-details")
        defer { repository.remove() }
        let rules = (0..<40).map { "rule \($0)\n" }.joined()
        try repository.write("AGENTS.md", rules)
        try repository.write("we[b]/CLAUDE.md", "a\nb\n")
        try repository.write("web/CLAUDE.md", "other\n")
        let created = try repository.commit("add", date: "2026-01-05T10:00:00+0000")
        try repository.write("AGENTS.md", rules.replacingOccurrences(of: "\n", with: "\r\n"))
        let crlf = try repository.commit("crlf", date: "2026-01-06T10:00:00+0000")
        try repository.write("AGENTS.md", rules.replacingOccurrences(of: "rule 3\n", with: "rule 3  \r\n") + "one more\r\n")
        let spaces = try repository.commit("spaces and a line", date: "2026-01-07T10:00:00+0000")
        try FileManager.default.createSymbolicLink(atPath: repository.path + "/CLAUDE.md", withDestinationPath: "AGENTS.md")
        try FileManager.default.createSymbolicLink(atPath: repository.path + "/we[b]/AGENTS.md", withDestinationPath: "../AGENTS.md")
        let linked = try repository.commit("links", date: "2026-01-08T10:00:00+0000")
        try repository.git("mv", "we[b]/CLAUDE.md", "we[b]/GEMINI.md")
        let renamed = try repository.commit("rename", date: "2026-01-09T10:00:00+0000")

        let reader = FileChangeDetailReader(repository: repository.path, environment: ScriptedRepository.environment())
        let details = try reader.read(
            [created, crlf, spaces, linked, renamed],
            paths: ["AGENTS.md", "CLAUDE.md", "we[b]/CLAUDE.md", "we[b]/AGENTS.md", "we[b]/GEMINI.md"])
        // `we[b]` is a path, not a pattern that matches `web`.
        #expect(details[created]?.map(\.path) == ["AGENTS.md", "we[b]/CLAUDE.md"])
        #expect(details[created]?.first?.linesAdded == 40)
        #expect(details[crlf] == [FileChangeDetail(path: "AGENTS.md", linesAdded: 0, linesDeleted: 0)])
        #expect(details[spaces] == [FileChangeDetail(path: "AGENTS.md", linesAdded: 1, linesDeleted: 0)])
        #expect(
            details[linked] == [
                FileChangeDetail(path: "CLAUDE.md", linesAdded: 1, linesDeleted: 0, isLink: true, linkTarget: "AGENTS.md"),
                FileChangeDetail(path: "we[b]/AGENTS.md", linesAdded: 1, linesDeleted: 0, isLink: true, linkTarget: "../AGENTS.md"),
            ])
        #expect(details[renamed] == [FileChangeDetail(path: "we[b]/GEMINI.md", oldPath: "we[b]/CLAUDE.md", linesAdded: 0, linesDeleted: 0)])
        #expect(FileChangeDetail.resolve("../AGENTS.md", from: "we[b]/AGENTS.md") == "AGENTS.md")
        #expect(FileChangeDetail.resolve("./docs/../AGENTS.md", from: "CLAUDE.md") == "AGENTS.md")
        #expect(FileChangeDetail.resolve("../../x.md", from: "a/CLAUDE.md") == nil)
        #expect(FileChangeDetail.resolve("/etc/AGENTS.md", from: "CLAUDE.md") == nil)

        // A commit the repository does not have: git's error, for the caller to fall back on the stored counts.
        #expect(throws: IngestionError.self) {
            try reader.read([String(repeating: "0", count: 39) + "1"], paths: ["AGENTS.md"])
        }
    }
}
