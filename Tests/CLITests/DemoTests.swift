import Foundation
import Support
import TestSupport
import Testing

@Suite("multiplier demo on the bundled sample team", .serialized)
struct DemoTests {
    @Test("demo builds the sample repository, ingests all of it, and rebuilds it identically on a second run")
    func demo() throws {
        let work = try TemporaryDirectory("demo")
        defer { work.remove() }
        let arguments = ["demo", "--data", CLIRunner.packageRoot + "/SampleData", "--work", work.path]
        let first = try CLIRunner.run(arguments)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("Ingested the sample team"))
        let repository = work.path + "/demo/acme-shop"
        let expected = try StreamingProcess.run(
            "git", ["-C", repository, "rev-list", "--count", "HEAD"], environment: ScriptedRepository.environment())
        let count = String(decoding: expected.output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(first.stdout.contains("\(count) new commits"))

        let status = try CLIRunner.run(["status", "--format", "json", "--db", work.path + "/demo.sqlite"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any])
        let entry = try #require((json["repositories"] as? [[String: Any]])?.first)
        #expect(entry["commits"] as? Int == Int(count))
        let ai = try #require(entry["aiCommits"] as? [String: Int])
        #expect(Set(ai.keys).isSuperset(of: ["claude-code", "codex", "aider"]))
        #expect((entry["botCommits"] as? Int ?? 0) > 0)

        let second = try CLIRunner.run(arguments)
        #expect(second.status == 0)
        #expect(second.stdout == first.stdout)
    }

    @Test("demo without sample data says where it looked and exits 66")
    func missingData() throws {
        let work = try TemporaryDirectory("demo")
        defer { work.remove() }
        let result = try CLIRunner.run(["demo", "--data", work.path + "/nothing", "--work", work.path])
        #expect(result.status == 66)
        #expect(result.stderr.contains("repo.fi"))
    }
}
