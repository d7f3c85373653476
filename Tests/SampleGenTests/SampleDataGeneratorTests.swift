import Foundation
import Testing

@testable import SampleGen

/// Seed 1's data, generated once for all suites (a generation takes seconds in a debug build).
let seedOne = SampleDataGenerator(seed: 1).generate()

func file(_ files: [GeneratedFile], _ path: String) -> [UInt8]? { files.first { $0.path == path }?.bytes }

@Suite("The demo team's generated data")
struct SampleDataGeneratorTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    @Test("the same seed gives the same bytes; another seed differs")
    func determinism() {
        let again = SampleDataGenerator(seed: 1).generate()
        #expect(again.map(\.path) == seedOne.map(\.path))
        for (first, second) in zip(seedOne, again) { #expect(first == second, "\(first.path) differs between two runs") }
        let other = SampleDataGenerator(seed: 2).generate()
        #expect(file(other, "repo.fi") != file(seedOne, "repo.fi"))
        #expect(file(other, "truth.json") != file(seedOne, "truth.json"))
    }

    @Test("the committed SampleData is byte for byte what seed 1 generates, and holds nothing else in machines/")
    func committedMatches() throws {
        let directory = Self.packageRoot + "/SampleData"
        let scratch = try GitRunner.temporaryDirectory("fresh")
        defer { try? FileManager.default.removeItem(atPath: scratch) }  // cleanup only
        try Entrypoint.write(seedOne, to: scratch)
        for generated in seedOne {
            let committed = FileManager.default.contents(atPath: directory + "/" + generated.path)
            let fresh = FileManager.default.contents(atPath: scratch + "/" + generated.path)
            #expect(committed == fresh, "SampleData/\(generated.path) is stale: run 'swift run SampleGen'")
        }
        let paths = Set(seedOne.map(\.path))
        let enumerator = FileManager.default.enumerator(atPath: directory + "/machines")
        while let path = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: directory + "/machines/" + path, isDirectory: &isDirectory)
            if !isDirectory.boolValue { #expect(paths.contains("machines/" + path), "SampleData/machines/\(path) is not generated any more") }
        }
    }

    @Test("truth.json has at least 8 AI and 8 human tasks in every non-neutral category")
    func categoryCounts() throws {
        let truth = try Truth(seedOne)
        var counts: [String: (ai: Int, human: Int)] = [:]
        for task in truth.tasks where !task.bot && task.zone != "neutral" {
            counts[task.category, default: (0, 0)].ai += task.ai ? 1 : 0
            counts[task.category, default: (0, 0)].human += task.ai ? 0 : 1
        }
        #expect(counts.count == 12)
        for (category, count) in counts {
            #expect(count.ai >= 8, "\(category): \(count.ai) AI tasks")
            #expect(count.human >= 8, "\(category): \(count.human) human tasks")
        }
        #expect((300...460).contains(truth.tasks.count))
    }

    @Test("strength categories are planted faster with AI, weak ones not, and the data shows it")
    func plantedRatios() throws {
        let truth = try Truth(seedOne)
        for (category, effect) in truth.effects {
            let observed = try #require(effect.observedRatio, "\(category) has no observed ratio")
            if effect.zone == "strength" {
                #expect(effect.ratio <= 0.7 && observed < 0.85, "\(category): planted \(effect.ratio), observed \(observed)")
            } else if effect.zone == "weak" {
                #expect(effect.ratio >= 0.9 && observed > 0.8, "\(category): planted \(effect.ratio), observed \(observed)")
            }
        }
    }

    @Test("the stream imports with git; marks, hashes, commit count and main agree with truth.json")
    func importsWithGit() throws {
        let directory = try GitRunner.temporaryDirectory("import")
        defer { try? FileManager.default.removeItem(atPath: directory) }  // cleanup only
        let stream = directory + "/repo.fi"
        try Data(try #require(file(seedOne, "repo.fi"))).write(to: URL(fileURLWithPath: stream))
        try GitRunner.run(["init", "-q", "-b", "main", directory + "/repo"])
        try GitRunner.run(["-C", directory + "/repo", "fast-import", "--quiet", "--export-marks=\(directory)/marks.txt"], stdin: stream)
        try GitRunner.run(["-C", directory + "/repo", "checkout", "-q", "main"])
        #expect(try GitRunner.run(["-C", directory + "/repo", "symbolic-ref", "HEAD"]) == "refs/heads/main\n")
        let truth = try Truth(seedOne)
        let count = try GitRunner.run(["-C", directory + "/repo", "rev-list", "--all", "--count"])
        let implied = truth.baselineMarks.count + truth.tasks.reduce(0) { $0 + $1.commitMarks.count + ($1.mergeMark == nil ? 0 : 1) }
        #expect(Int(count.trimmingCharacters(in: .whitespacesAndNewlines)) == implied)
        #expect(implied == truth.commitCount)
        var marks: [Int: String] = [:]
        for line in try String(contentsOfFile: directory + "/marks.txt", encoding: .utf8).split(separator: "\n") {
            let parts = line.split(separator: " ")
            if parts.count == 2, let mark = Int(parts[0].dropFirst()) { marks[mark] = String(parts[1]) }
        }
        for task in truth.tasks {
            #expect(task.commitMarks.map { marks[$0] } == task.commitHashes, "\(task.key): hashes differ from git's")
            if let merge = task.mergeMark { #expect(marks[merge] != nil) }
        }
        let merges = try GitRunner.run(["-C", directory + "/repo", "log", "--merges", "--format=%s", "main"])
        #expect(merges.split(separator: "\n").allSatisfy { $0.hasPrefix("Merge pull request #") })
    }
}
