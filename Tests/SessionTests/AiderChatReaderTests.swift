import Foundation
import Ingestion
import Model
import Testing

@Suite("Aider chat and input history")
struct AiderChatReaderTests {
    // Independent Python count over the excerpt (Paul Gauthier's own history, aider 0.47–0.49):
    // sessions = "# aider chat started at" lines; prompts = runs of consecutive "#### " lines that are
    // not slash commands (except /ask, /code, /architect with text); tokens = "> Tokens: X sent, Y received"
    // (k/M suffixes, thousands commas); files and commits per session from "> Applied edit to" / "> Commit".
    @Test("the real excerpt: 515 sessions, 511 prompts, 366 token lines, 117 file edits, 315 commits")
    func realExcerpt() throws {
        let path = try SessionFixtures.path("aider/aider-repo_tests_fixtures_chat-history.EXCERPT.md")
        let result = try AiderChatReader.read(path: path)
        #expect(result.malformedLines == 0)
        #expect(result.sessions.count == 515)
        #expect(result.sessions.reduce(0) { $0 + $1.prompts } == 511)
        #expect(result.sessions.reduce(0) { $0 + $1.usage.count } == 366)
        #expect(result.sessions.reduce(0) { $0 + $1.tokenTotals.input } == 3_448_293)
        #expect(result.sessions.reduce(0) { $0 + $1.tokenTotals.output } == 140_842)
        #expect(result.sessions.reduce(0) { $0 + $1.filesEdited.count } == 117)
        #expect(Set(result.sessions.flatMap(\.filesEdited)).count == 31)
        #expect(result.sessions.reduce(0) { $0 + $1.commits.count } == 315)
        let starts = result.sessions.compactMap(\.eventTimes.first).sorted()
        #expect(starts.first == LogTimestamp.milliseconds(naive: "2024-08-05 19:33:02"))
        #expect(starts.last == LogTimestamp.milliseconds(naive: "2024-08-12 18:23:47"))
        #expect(result.sessions.allSatisfy { $0.tool == "aider" && $0.workingDirectory != nil })
        #expect(Set(result.sessions.map(\.id)).count == 515)
        let models = Set(result.sessions.flatMap(\.models))
        #expect(models.contains("claude-3-5-sonnet-20240620"))
        #expect(models.contains("gpt-4o-mini"))
    }

    static let sample = """
        -*- mode: fundamental -*-

        # aider chat started at 2026-07-07 16:46:04

        > /usr/bin/aider --model openai/gpt-5.4  
        > Aider v0.86.2  
        > Main model: openai/gpt-5.4 with whole edit format  

        #### give me a quick  
        #### summarized overview  

        Sure.

        > Tokens: 3.0k sent, 2.4k received. Cost: $0.0034 message, $0.0034 session.  

        #### /add README.md  

        > Added README.md to the chat  

        #### /ask what is this?  

        > Tokens: 12,000 sent, 1.5M received, 2.3k cache write, 8.9k cache hit. Cost: $1.00 message, $1.01 session.  
        > Applied edit to scenes/car/engine/EngineCurve.md  
        > Commit 221af8f docs: format engine curve data  

        # aider chat started at 2026-07-07 16:46:04

        #### again  

        """

    @Test("prompts, model, tokens with suffixes (input is sent less the cache write, which aider counts in both), edits, commits and version of a session")
    func grammar() throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let path = try scratch.write("repo/.aider.chat.history.md", Self.sample)
        let result = try AiderChatReader.read(path: path)
        #expect(result.sessions.count == 2)
        let folder = URL(fileURLWithPath: scratch.path + "/repo").standardizedFileURL.path
        let first = try result.session(folder + "#2026-07-07T16:46:04")
        #expect(first.promptTexts == ["give me a quick\nsummarized overview", "/ask what is this?"])
        #expect(first.models == ["openai/gpt-5.4"])
        #expect(first.toolVersion == "0.86.2")
        #expect(first.usage.map(\.input) == [3000, 9700])
        #expect(first.usage.map(\.output) == [2400, 1_500_000])
        #expect(first.usage.map(\.cacheWrite) == [0, 2300])
        #expect(first.usage.map(\.cacheRead) == [0, 8900])
        #expect(first.filesEdited == ["scenes/car/engine/EngineCurve.md"])
        #expect(first.commits == ["221af8f"])
        #expect(first.eventTimes == [LogTimestamp.milliseconds(naive: "2026-07-07 16:46:04")])
        let second = try result.session(folder + "#2026-07-07T16:46:04#2")
        #expect(second.prompts == 1)
    }

    @Test("the input history adds per-prompt times to the session they fall in")
    func inputHistoryTimes() throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let chat = try scratch.write("repo/.aider.chat.history.md", Self.sample)
        let input = try scratch.write(
            "repo/.aider.input.history",
            "\n# 2026-07-07 16:40:00.000001\n+before any session\n\n# 2026-07-07 16:47:10.158813\n+give me a quick\n+summarized overview\n\n# 2026-07-07 16:49:00.5\n+/add README.md\n")
        let result = try AiderChatReader.read(path: chat, inputHistoryPath: input)
        let times = result.sessions.flatMap(\.eventTimes)
        #expect(times.contains(LogTimestamp.milliseconds(naive: "2026-07-07 16:47:10.158813") ?? 0))
        #expect(times.contains(LogTimestamp.milliseconds(naive: "2026-07-07 16:49:00.5") ?? 0))
        #expect(!times.contains(LogTimestamp.milliseconds(naive: "2026-07-07 16:40:00") ?? 0))
    }

    @Test("an input history alone groups inputs into sessions at gaps over an hour")
    func inputHistoryAlone() throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let input = try scratch.write(
            "repo/.aider.input.history",
            "\n# 2025-05-04 17:06:57.158813\n+give me an overview\n\n# 2025-05-04 17:10:00.000000\n+/diff\n\n# 2025-05-04 20:00:00.000000\n+later work\n")
        let result = try AiderInputHistory.read(path: input)
        #expect(result.sessions.count == 2)
        #expect(result.sessions.map(\.prompts) == [1, 1])
        try scratch.write("repo/.aider.chat.history.md", Self.sample)
        #expect(try AiderInputHistory.read(path: input).sessions.isEmpty)
    }
}
