import Foundation
import Ingestion
import Model
import Testing

@Suite("Copilot CLI events")
struct CopilotSessionReaderTests {
    // Independent Python count: prompts = user.message with non-empty content; tokens from
    // session.shutdown.modelMetrics (input − cacheRead, output, cacheWrite, cacheRead); files =
    // codeChanges.filesModified ∪ edit/create tool paths; times = every event timestamp.
    @Test("the real 1.0.34 events.jsonl")
    func realSample() throws {
        let path = try SessionFixtures.path("copilot-cli/v1.0.34_events.jsonl")
        let result = try CopilotSessionReader.read(path: path)
        #expect(result.malformedLines == 0 && result.unknownRecords == 0)
        let session = try result.session("96ef38f0-9d09-45c3-8124-6448c36090ed")
        #expect(session.tool == "copilot")
        #expect(session.prompts == 1)  // the autopilot nudge has empty content
        #expect(session.tokens == [35071, 2848, 0, 151_738])
        #expect(session.filesEdited.isEmpty)
        #expect(session.eventTimes.first == 1_776_964_088_908)
        #expect(session.eventTimes.last == 1_776_964_700_178)
        #expect(session.models == ["claude-sonnet-4.6"])
        #expect(session.gitBranch == "refactor/gemini-copilot-new-formats")
        #expect(session.workingDirectory == "/home/wei/repo/VibeCodingTracker")
        #expect(session.toolVersion == "1.0.34")
    }

    @Test("a read from an offset keeps the session id from session.start")
    func offset() throws {
        let path = try SessionFixtures.path("copilot-cli/v1.0.34_events.jsonl")
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let firstLine = try #require(data.firstIndex(of: 0x0A))
        let later = try CopilotSessionReader.read(path: path, fromOffset: Int64(firstLine + 1))
        #expect(later.sessions.map(\.id) == ["96ef38f0-9d09-45c3-8124-6448c36090ed"])
        #expect(later.sessions.first?.eventTimes.first == 1_776_964_088_912)
    }
}
