import Foundation
import TestSupport
import Testing

@Suite("ingest sessions and sessions, run as a binary", .serialized)
struct SessionCommandTests {
    static let log = """
        {"type":"user","sessionId":"s1","cwd":"/w/app","gitBranch":"main","uuid":"u1","timestamp":"2026-03-01T10:00:00.000Z","message":{"role":"user","content":"fix the parser"}}
        not json at all ghp_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8
        [1,2,3]
        {"type":"assistant","sessionId":"s1","cwd":"/w/app","gitBranch":"main","uuid":"a1","timestamp":"2026-03-01T10:04:00.000Z","requestId":"r1","message":{"id":"m1","model":"claude-opus-4-5","role":"assistant","content":[{"type":"text","text":"ok"}],"usage":{"input_tokens":1,"output_tokens":2,"cache_creation_input_tokens":3,"cache_read_input_tokens":4}}}

        """

    @Test("malformed lines are reported per file and kept out; --strict exits 65; sessions prints the JSON contract")
    func ingestAndList() throws {
        let folder = try TemporaryDirectory("cli-sessions")
        defer { folder.remove() }
        try folder.write("logs/renamed.txt", Self.log)
        let db = folder.path + "/db.sqlite"
        let first = try CLIRunner.run(["ingest", "sessions", folder.path + "/logs", "--db", db])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("1 new session"))
        #expect(first.stderr.contains("2 malformed lines skipped in \(folder.path)/logs/renamed.txt"))
        // The first bad line is named, and a secret quoted from it is redacted.
        #expect(first.stderr.contains("(first: \(folder.path)/logs/renamed.txt:2: expected"), "\(first.stderr)")
        #expect(!first.stderr.contains("ghp_A1b2C3d4"), "\(first.stderr)")
        let again = try CLIRunner.run(["ingest", "sessions", folder.path + "/logs", "--db", db, "--strict"])
        #expect(again.status == 0)
        #expect(again.stdout.contains("0 new sessions"))

        let list = try CLIRunner.run(["sessions", "--format", "json", "--db", db])
        #expect(list.status == 0)
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        let entry = try #require(entries.first)
        #expect(
            Set(entry.keys) == [
                "tool", "id", "parent", "source", "repository", "branch", "start", "end", "activeSeconds", "prompts",
                "models", "tokens", "filesEdited", "commits",
            ])
        #expect(entry["start"] as? String == "2026-03-01T10:00:00Z")
        #expect(entry["activeSeconds"] as? Int == 240)
        #expect(entry["prompts"] as? Int == 1)
        #expect((entry["tokens"] as? [String: Int]) == ["input": 1, "output": 2, "cacheWrite": 3, "cacheRead": 4])

        let csv = try CLIRunner.run(["sessions", "--format", "csv", "--db", db])
        #expect(csv.stdout.hasPrefix("tool,id,parent,"))
        let status = try CLIRunner.run(["status", "--format", "json", "--db", db])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any])
        #expect((json["sessions"] as? [String: Int]) == ["claude-code": 1])
        #expect(json["skippedLines"] as? Int == 2)

        try folder.write("strict/bad.jsonl", Self.log)
        let strict = try CLIRunner.run(["ingest", "sessions", folder.path + "/strict", "--db", db, "--strict"])
        #expect(strict.status == 65)
    }

    @Test("bad arguments of the session commands exit 64 or 66", arguments: [
        (["ingest", "sessions", "--tool", "claud"], 64, "did you mean 'claude'"),
        (["sessions", "--since", "last tuesday"], 64, "--since expects a date"),
        (["sessions", "--format", "xml"], 64, "unknown format"),
        (["ingest", "sessions", "/nonexistent/logs"], 66, "no such file"),
    ])
    func badArguments(arguments: [String], status: Int32, message: String) throws {
        let folder = try TemporaryDirectory("cli-sessions")
        defer { folder.remove() }
        let result = try CLIRunner.run(arguments + ["--db", folder.path + "/db.sqlite"], environment: ["HOME": folder.path])
        #expect(result.status == status)
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }

    @Test("without PATH, the standard places under HOME are searched (CLAUDE_CONFIG_DIR honoured)")
    func standardPlaces() throws {
        let folder = try TemporaryDirectory("cli-sessions")
        defer { folder.remove() }
        try folder.write("config/projects/-w-app/s1.jsonl", Self.log)
        let result = try CLIRunner.run(
            ["ingest", "sessions", "--db", folder.path + "/db.sqlite"],
            environment: ["HOME": folder.path, "CLAUDE_CONFIG_DIR": folder.path + "/config"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("claude-code 1"))
        #expect(result.stderr.contains("found 1 claude-code in \(folder.path)/config/projects"))
        #expect(result.stderr.contains("deletes its session logs after 30 days"))
    }
}
