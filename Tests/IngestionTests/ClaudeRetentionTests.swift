import Ingestion
import TestSupport
import Testing

@Suite("Claude Code's log retention")
struct ClaudeRetentionTests {
    @Test("no settings means the 30-day default, which warns")
    func defaultWarns() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        #expect(ClaudeRetention.days(configDirectories: [directory.path]) == 30)
        #expect(ClaudeRetention.warning(configDirectories: [directory.path]) != nil)
    }

    @Test("a longer cleanupPeriodDays silences the warning; a shorter one is named")
    func configured() throws {
        let long = try TemporaryDirectory()
        defer { long.remove() }
        try long.write("settings.json", #"{"cleanupPeriodDays": 365, "model": "opus"}"#)
        #expect(ClaudeRetention.warning(configDirectories: [long.path]) == nil)
        let short = try TemporaryDirectory()
        defer { short.remove() }
        try short.write("settings.json", #"{"cleanupPeriodDays": 7}"#)
        #expect(ClaudeRetention.warning(configDirectories: [short.path])?.contains("after 7 days") == true)
    }
}
