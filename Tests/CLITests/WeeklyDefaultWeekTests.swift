import Foundation
import Support
import TestSupport
import Testing

@Suite("report weekly without --week")
struct WeeklyDefaultWeekTests {
    @Test("a history that ended weeks before the last complete week: report weekly's hint, the demo and the MCP weekly resource name one week, the history's last complete one")
    func endedHistory() throws {
        let sample = try SampleTeam.get()
        try #require(sample.status == 0)
        // The sample team's data ends mid-week in 2026-W47 (a partial week); any later week is empty.
        let result = try CLIRunner.run(["report", "weekly", "--no-review", "--db", sample.database])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("no task finished this week"))
        #expect(
            result.stderr.contains("the history's last complete week with finished tasks is 2026-W46: multiplier report weekly --week 2026-W46"),
            "\(result.stderr)")
        // The MCP weekly resource shows that week (probe 29: it showed the partial 2026-W47).
        let input = try TemporaryDirectory("weekly-resource")
        defer { input.remove() }
        let lines = [
            #"{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}"#,
            #"{"jsonrpc":"2.0","method":"notifications/initialized"}"#,
            #"{"jsonrpc":"2.0","id":1,"method":"resources/read","params":{"uri":"multiplier://reports/weekly"}}"#,
        ]
        try input.write("input.jsonl", lines.joined(separator: "\n") + "\n")
        let process = try StreamingProcess(
            executable: CLIRunner.binary, arguments: ["mcp", "--db", sample.database], environment: ScriptedRepository.environment(),
            standardInput: input.path + "/input.jsonl")
        let output = String(decoding: try process.readAllOutput(), as: UTF8.self)
        try #require(try process.waitForStatus() == 0, "\(process.standardError.suffix(2_000))")
        #expect(output.contains(#"# Week 2026-W46"#), "\(output.prefix(500))")
    }
}
