import Foundation
import Testing

@testable import SampleGen

@Suite("Long benchmark histories")
struct LargeHistoryWriterTests {
    @Test("a 500-commit history imports with git as 500 commits, and is deterministic")
    func fiveHundred() throws {
        var bytes: [UInt8] = []
        var writer = LargeHistoryWriter(commits: 500, seed: 7)
        writer.write { bytes += $0 }
        var again: [UInt8] = []
        var second = LargeHistoryWriter(commits: 500, seed: 7)
        second.write { again += $0 }
        #expect(bytes == again)
        let directory = try GitRunner.temporaryDirectory("large")
        defer { try? FileManager.default.removeItem(atPath: directory) }  // cleanup only
        try Data(bytes).write(to: URL(fileURLWithPath: directory + "/large.fi"))
        try GitRunner.run(["init", "-q", "-b", "main", directory + "/repo"])
        try GitRunner.run(["-C", directory + "/repo", "fast-import", "--quiet"], stdin: directory + "/large.fi")
        let count = try GitRunner.run(["-C", directory + "/repo", "rev-list", "--all", "--count"])
        #expect(count.trimmingCharacters(in: .whitespacesAndNewlines) == "500")
        let merges = try GitRunner.run(["-C", directory + "/repo", "rev-list", "--merges", "--count", "main"])
        #expect((Int(merges.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0) > 0)
    }
}
