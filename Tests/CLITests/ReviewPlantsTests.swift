import Foundation
import Support
import TestSupport
import Testing

@testable import SampleGen

@Suite("multiplier review on SampleGen's planted world")
struct ReviewPlantsTests {
    /// The rules of each check that SampleGen plants (weak-category follows the classifier, not a plant).
    static let checks: [String: Set<String>] = [
        "weak-zone": ["sensitive-path"],
        "dependencies": ["new-dependency", "lock-file", "unknown-import"],
        "second-way": ["second-dependency", "repeated-code"],
        "over-engineering": ["single-implementation", "one-type-factory", "churn"],
        "security": ["sql-interpolation", "tls-off", "shell-injection", "secret-literal", "auth-off"],
    ]

    struct Key: Hashable {
        var task: String
        var rule: String
        var file: String?
    }

    @Test("every check finds at least 90% of what was planted in AI and human tasks with at least 80% precision; no near miss fires")
    func recallAndPrecision() throws {
        let world = ReviewPlants(seed: 3).generate()
        let folder = try TemporaryDirectory("review-plants")
        defer { folder.remove() }
        try folder.write("repo.fi", Data(world.stream))
        let repository = folder.path + "/repo"
        let environment = ScriptedRepository.environment()
        #expect(try StreamingProcess.run("git", ["init", "-q", "-b", "main", repository], environment: environment).status == 0)
        let importer = try StreamingProcess(
            executable: "git", arguments: ["-C", repository, "fast-import", "--quiet"], environment: environment,
            standardInput: folder.path + "/repo.fi")
        _ = try importer.readAllOutput()
        #expect(try importer.waitForStatus() == 0, "\(importer.standardError)")
        let db = folder.path + "/review.sqlite"
        let ingest = try CLIRunner.run(["ingest", "git", repository, "--db", db, "--quiet"])
        #expect(ingest.status == 0, "\(ingest.stderr)")
        let result = try CLIRunner.run([
            "review", "--db", db, "--include-human", "--since", "2026-01-25", "--until", "2026-04-01", "--format", "json",
        ])
        #expect(result.status == 0, "\(result.stderr)")

        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        var found: [Key] = []
        for item in json["items"] as? [[String: Any]] ?? [] {
            let task = item["key"] as? String ?? ""
            for finding in item["findings"] as? [[String: Any]] ?? [] {
                found.append(Key(task: task, rule: finding["rule"] as? String ?? "", file: finding["file"] as? String))
            }
        }
        let planted = Set(world.tasks.flatMap { task in task.planted.map { Key(task: task.key, rule: $0.rule, file: $0.file) } })
        let nearMisses = world.tasks.flatMap { task in task.nearMisses.map { Key(task: task.key, rule: $0.rule, file: $0.file) } }
        let foundSet = Set(found)
        #expect(Set(world.tasks.filter { !$0.planted.isEmpty }.map(\.ai)) == [true, false], "plants in AI and human tasks")
        for (check, rules) in Self.checks {
            let plantedHere = planted.filter { rules.contains($0.rule) }
            let foundHere = found.filter { rules.contains($0.rule) }
            let recall = Double(plantedHere.filter(foundSet.contains).count) / Double(max(plantedHere.count, 1))
            let precision = Double(foundHere.filter(planted.contains).count) / Double(max(foundHere.count, 1))
            #expect(!plantedHere.isEmpty && !foundHere.isEmpty, "\(check): nothing planted or found")
            #expect(recall >= 0.9, "\(check): recall \(recall); missed \(plantedHere.subtracting(foundSet))")
            #expect(precision >= 0.8, "\(check): precision \(precision); extra \(foundHere.filter { !planted.contains($0) })")
        }
        for rule in Set(Self.checks.values.joined()) {
            #expect(planted.contains { $0.rule == rule }, "\(rule) is planted")
        }
        let fired = nearMisses.filter { miss in found.contains { $0.task == miss.task && $0.rule == miss.rule } }
        #expect(fired.isEmpty, "near misses that fired: \(fired)")
        // The commit with binaries, a huge file, non-UTF-8 bytes, a submodule, a deletion and a rename still gives its finding.
        let awkward = try #require(world.tasks.first { $0.subject.hasSuffix("import legacy assets") })
        #expect(foundSet.contains(Key(task: awkward.key, rule: "sql-interpolation", file: "src/reports/awkward.py")))
    }
}
