import Foundation
import Storage
import TestSupport
import Testing

@testable import Commands

/// `report retro` and `report weekly` read each task's figures from an index and load whole tasks
/// only where they show them; a long-lived process (`multiplier mcp`) reports from the whole tasks
/// it keeps. The two must print the same, byte for byte.
@Suite("Reports from stored figures equal reports from whole tasks")
struct ReportFiguresTests {
    static let cases: [[String]] = [
        ["retro", "--format=json"],
        ["retro", "--format=json", "--min-evidence=strong"],
        ["retro", "--format=json", "--by-person", "--since=2026-10-01", "--until=2026-11-20"],
        ["retro", "--format=markdown"],
        ["weekly", "--week=\(SampleTeam.week)", "--format=json"],
        ["weekly", "--week=\(SampleTeam.week)", "--format=json", "--no-review", "--by-person", "--min-evidence=strong"],
    ]

    @Test("the sample team's report from figures (the binary) equals the one from whole tasks", arguments: cases)
    func sameReport(_ arguments: [String]) throws {
        let sample = try SampleTeam.get()
        try #require(sample.status == 0)
        let fromFigures = try CLIRunner.run(["report"] + arguments + ["--db", sample.database])
        try #require(fromFigures.status == 0, "\(fromFigures.stderr)")
        let embedded = EmbeddedCommand(
            database: try Database(readOnlyPath: sample.database), environment: ScriptedRepository.environment([:]),
            currentDirectory: sample.work, log: { _ in })
        let fromWholeTasks = try embedded.run(ReportCommand.definition, arguments)
        #expect(fromFigures.stdout == fromWholeTasks)
        #expect(!fromWholeTasks.isEmpty)
    }
}
