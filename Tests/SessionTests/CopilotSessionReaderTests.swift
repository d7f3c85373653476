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

    /// A 1.0.7x-shaped log: two assistant messages with outputTokens, then `shutdown` (a line or nothing).
    static func events(shutdown: String?) -> String {
        var lines = [
            #"{"type":"session.start","id":"e1","timestamp":"2026-11-28T14:00:00.000Z","data":{"sessionId":"S","copilotVersion":"1.0.77","context":{"cwd":"/w"}}}"#,
            #"{"type":"user.message","id":"e2","timestamp":"2026-11-28T14:00:01.000Z","data":{"content":"greet"}}"#,
            #"{"type":"assistant.message","id":"e3","timestamp":"2026-11-28T14:00:05.000Z","data":{"model":"claude-sonnet-4.6","content":"","toolRequests":[],"outputTokens":123}}"#,
            #"{"type":"assistant.message","id":"e4","timestamp":"2026-11-28T14:00:09.000Z","data":{"model":"claude-sonnet-4.6","content":"done","toolRequests":[],"outputTokens":80}}"#,
        ]
        if let shutdown { lines.append(shutdown) }
        return lines.joined(separator: "\n") + "\n"
    }

    static let bareShutdown =
        #"{"type":"session.shutdown","id":"e5","timestamp":"2026-11-28T14:09:00.000Z","data":{"shutdownType":"routine","eventsFileSizeBytes":39068,"currentTokens":20000}}"#
    static let metricsShutdown =
        #"{"type":"session.shutdown","id":"e5","timestamp":"2026-11-28T14:09:00.000Z","data":{"modelMetrics":{"claude-sonnet-4.6":{"requests":{"count":2},"usage":{"inputTokens":20000,"outputTokens":203,"cacheReadTokens":15000,"cacheWriteTokens":0}}}}}"#

    @Test("without modelMetrics (a 1.0.7x shutdown, or none yet) the messages' outputTokens count; with them, only they",
        arguments: [(bareShutdown as String?, [0, 203, 0, 0]), (nil, [0, 203, 0, 0]), (metricsShutdown, [5000, 203, 0, 15000])])
    func messageOutputFallback(_ shutdown: String?, _ tokens: [Int]) throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let path = try scratch.write("S/events.jsonl", Self.events(shutdown: shutdown))
        #expect(try CopilotSessionReader.read(path: path).session("S").tokens == tokens)
    }

    @Test("a session read while running, then again after its shutdown with modelMetrics, counts the output once")
    func messageOutputThenMetrics() throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let running = Self.events(shutdown: nil)
        let path = try scratch.write("S/events.jsonl", running)
        let first = try CopilotSessionReader.read(path: path).session("S")
        try scratch.append("S/events.jsonl", Self.metricsShutdown + "\n")
        let second = try CopilotSessionReader.read(path: path, fromOffset: Int64(running.utf8.count)).session("S")
        #expect(first.tokens[1] + second.tokens[1] == 203)
        #expect(second.tokens[0] == 5000 && second.tokens[3] == 15000)
    }
}
