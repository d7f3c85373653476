import Foundation
import Ingestion
import Model
import Testing

@Suite("git-ai notes under refs/notes/ai")
struct GitAINoteTests {
    static func note(_ name: String) throws -> String {
        let url = try #require(Bundle.module.url(forResource: name, withExtension: "txt", subdirectory: "Fixtures/git-ai"))
        return try String(contentsOf: url, encoding: .utf8)
    }

    @Test("a sessions-format note names its agent")
    func sessions() throws {
        let marks = GitAINote.marks(in: try Self.note("note_sessions-format_00562f94e1d61d64fec52b744deb31114ab09c35"))
        #expect(marks.map(\.tool) == ["codex"])
    }

    @Test("a legacy prompts-format note names its agent")
    func legacyPrompts() throws {
        let marks = GitAINote.marks(in: try Self.note("note_legacy-prompts-format_b95d326ca2593b4a4b4bb3f4eb124df43a885fb5"))
        #expect(marks.map(\.tool) == ["claude-code"])
    }

    @Test("a note that attests only human lines marks nothing")
    func humansOnly() throws {
        #expect(GitAINote.marks(in: try Self.note("note_with-humans_017e8e28444c7c9635463f948c0f7cd9cd7f441a")).isEmpty)
    }

    @Test("a note with unreadable metadata still marks the commit, as an unknown tool")
    func brokenMetadata() {
        #expect(GitAINote.marks(in: "a.txt\n  s_abc::t_def 1-2\n---\n{not json").map(\.tool) == ["unknown"])
    }
}
