import Foundation
import Support
import TestSupport
import Testing

/// How `ingest sessions` treats the files a log folder holds: logs rewritten in place, pipes,
/// and folders reached through symbolic links.
@Suite("session log files: rewritten in place, pipes, symbolic links")
struct SessionFileTests {
    /// A Claude Code log of `prompts` user prompts, one a minute; `short` shortens the text of the prompt at that index.
    static func claudeLog(prompts: Int, short: Int? = nil) -> String {
        (0..<prompts).map { index in
            let text = index == short ? "short" : "please look at part \(index) of the parser and " + String(repeating: "explain it ", count: 8)
            let time = String(format: "2026-03-01T%02d:%02d:00.000Z", 10 + index / 60, index % 60)
            return #"{"type":"user","sessionId":"rw-1","cwd":"/w/app","uuid":"u\#(index)","timestamp":"\#(time)","message":{"role":"user","content":"\#(text)"}}"#
        }.joined(separator: "\n") + "\n"
    }

    static func prompts(_ db: String) throws -> Int? {
        let list = try CLIRunner.run(["sessions", "--format", "json", "--db", db])
        let entries = try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]]
        return entries?.first?["prompts"] as? Int
    }

    @Test("a log rewritten in place with the same beginning and more lines is read again whole: no record lost, none malformed")
    func rewrittenWithSameHead() throws {
        let folder = try TemporaryDirectory("rewritten")
        defer { folder.remove() }
        let db = folder.path + "/db.sqlite"
        try folder.write("logs/s.jsonl", Self.claudeLog(prompts: 30))
        #expect(try CLIRunner.run(["ingest", "sessions", folder.path + "/logs", "--db", db]).status == 0)
        #expect(try Self.prompts(db) == 30)
        // Prompt 25 shortened (after the first 4 KiB), 10 prompts appended: larger, same first bytes.
        try folder.write("logs/s.jsonl", Self.claudeLog(prompts: 40, short: 25))
        let again = try CLIRunner.run(["ingest", "sessions", folder.path + "/logs", "--db", db])
        #expect(again.status == 0)
        #expect(!again.stderr.contains("malformed"), "\(again.stderr)")
        #expect(again.stdout.contains("1 rewritten"), "\(again.stdout)")
        #expect(try Self.prompts(db) == 40)
        // A log that only grew is still read on from where the last read stopped.
        try folder.write("logs/s.jsonl", Self.claudeLog(prompts: 45, short: 25))
        let grown = try CLIRunner.run(["ingest", "sessions", folder.path + "/logs", "--db", db])
        #expect(grown.stdout.contains("0 rewritten"), "\(grown.stdout)")
        #expect(try Self.prompts(db) == 45)
    }

    @Test("a named pipe in a log folder is passed over, and named on the command line it is said to be no log")
    func namedPipe() throws {
        let folder = try TemporaryDirectory("fifo")
        defer { folder.remove() }
        let db = folder.path + "/db.sqlite"
        try folder.write("logs/s.jsonl", Self.claudeLog(prompts: 2))
        #expect(mkfifo(folder.path + "/logs/stray.jsonl", 0o644) == 0)
        let walked = try CLIRunner.run(["ingest", "sessions", folder.path + "/logs", "--db", db])
        #expect(walked.status == 0, "\(walked.stderr)")
        #expect(try Self.prompts(db) == 2)
        let named = try CLIRunner.run(["ingest", "sessions", folder.path + "/logs/stray.jsonl", "--db", db, "--strict"])
        #expect(named.stderr.contains("stray.jsonl: not a regular file"), "\(named.stderr)")
        #expect(named.status == 65)
    }

    @Test("a log in a folder, or in a standard place, that this user may not read is said and counted by --strict")
    func unreadableInFolder() throws {
        // Permissions bind only a user other than root: as root, run the binary as nobody.
        guard let asOther = CLIRunner.asAnotherUser else { return }
        let folder = try TemporaryDirectory("unreadable")
        defer { folder.remove() }
        try folder.write("logs/good.jsonl", Self.claudeLog(prompts: 2))
        try folder.write("home/.codex/sessions/2026/03/01/rollout-2026-03-01T10-00-00-0199a0a0-0000-7000-8000-000000000001.jsonl", "{}\n")
        try folder.write("logs/secret.jsonl", Self.claudeLog(prompts: 3))
        for path in ["", "/logs", "/home", "/home/.codex", "/home/.codex/sessions", "/home/.codex/sessions/2026",
            "/home/.codex/sessions/2026/03", "/home/.codex/sessions/2026/03/01"]
        {
            #expect(chmod(folder.path + path, 0o777) == 0)
        }
        #expect(chmod(folder.path + "/logs/good.jsonl", 0o644) == 0)
        #expect(chmod(folder.path + "/logs/secret.jsonl", 0o000) == 0)
        let rollout = folder.path + "/home/.codex/sessions/2026/03/01/rollout-2026-03-01T10-00-00-0199a0a0-0000-7000-8000-000000000001.jsonl"
        #expect(chmod(rollout, 0o000) == 0)
        func run(_ arguments: [String]) throws -> CLIRunner.Result {
            try CLIRunner.run(arguments, environment: ["HOME": folder.path + "/home"], wrapper: asOther)
        }
        let walked = try run(["ingest", "sessions", folder.path + "/logs", "--db", folder.path + "/db.sqlite", "--strict"])
        #expect(walked.stderr.contains("skipped \(folder.path)/logs/secret.jsonl: cannot be read"), "\(walked.stderr)")
        #expect(walked.status == 65)
        #expect(try Self.prompts(folder.path + "/db.sqlite") == 2)
        let standard = try run(["ingest", "sessions", "--db", folder.path + "/standard.sqlite", "--strict"])
        #expect(standard.stderr.contains("skipped \(rollout): cannot be read"), "\(standard.stderr)")
        #expect(standard.status == 65)
        // A whole folder this user may not list: named as PATH, or a standard place.
        try folder.write("locked/s.jsonl", Self.claudeLog(prompts: 1))
        try folder.write("home/.claude/projects/app/s.jsonl", Self.claudeLog(prompts: 1))
        #expect(chmod(folder.path + "/locked", 0o700) == 0)
        for path in ["/home/.claude"] { #expect(chmod(folder.path + path, 0o755) == 0) }
        #expect(chmod(folder.path + "/home/.claude/projects", 0o700) == 0)
        if !asOther.isEmpty {
            let locked = try run(["ingest", "sessions", folder.path + "/locked", "--db", folder.path + "/locked.sqlite", "--strict"])
            #expect(locked.stderr.contains("skipped \(folder.path)/locked: cannot be read"), "\(locked.stderr)")
            #expect(locked.status == 65)
            let hidden = try run(["ingest", "sessions", "--db", folder.path + "/hidden.sqlite", "--strict"])
            #expect(hidden.stderr.contains("skipped \(folder.path)/home/.claude/projects: cannot be read"), "\(hidden.stderr)")
            #expect(hidden.status == 65)
        }
    }

    @Test("a log folder reached through a symbolic link is walked, given as PATH and as a standard place")
    func symbolicLinks() throws {
        let folder = try TemporaryDirectory("links")
        defer { folder.remove() }
        try folder.write("real/app/s.jsonl", Self.claudeLog(prompts: 3))
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/linked", withDestinationPath: folder.path + "/real")
        let given = try CLIRunner.run(["ingest", "sessions", folder.path + "/linked", "--db", folder.path + "/a.sqlite"])
        #expect(given.stdout.contains("1 new session"), "\(given.stdout)")
        try FileManager.default.createDirectory(atPath: folder.path + "/home/.claude", withIntermediateDirectories: true)
        // A relative link, read against the link's folder (not the current directory).
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/home/.claude/projects", withDestinationPath: "../../real")
        let standard = try CLIRunner.run(
            ["ingest", "sessions", "--db", folder.path + "/b.sqlite"], environment: ["HOME": folder.path + "/home"])
        #expect(standard.stdout.contains("1 new session"), "\(standard.stdout)")
    }

    @Test("a session whose path names no owner still covers the author of the task it is linked to")
    func coverageThroughLinks() throws {
        let repository = try ScriptedRepository("coverage")
        defer { repository.remove() }
        try repository.write("src/cart.ts", "export const cart = 1\n")
        try repository.commit("ABC-1: add the cart", date: "2026-03-01T10:30:00+0000")
        let folder = try TemporaryDirectory("coverage-logs")
        defer { folder.remove() }
        let edit = #"{"type":"assistant","sessionId":"cov-1","cwd":"\#(repository.path)","uuid":"a1","timestamp":"2026-03-01T10:10:00.000Z","message":{"id":"m1","model":"claude-opus-4-5","role":"assistant","content":[{"type":"tool_use","id":"t1","name":"Edit","input":{"file_path":"\#(repository.path)/src/cart.ts"}}],"usage":{"input_tokens":1,"output_tokens":2}}}"#
        let prompt = #"{"type":"user","sessionId":"cov-1","cwd":"\#(repository.path)","uuid":"u1","timestamp":"2026-03-01T10:00:00.000Z","message":{"role":"user","content":"add the cart"}}"#
        try folder.write("logs/cov-1.jsonl", prompt + "\n" + edit + "\n")
        let db = folder.path + "/db.sqlite"
        #expect(try CLIRunner.run(["ingest", "git", repository.path, "--db", db, "--quiet"]).status == 0)
        #expect(try CLIRunner.run(["ingest", "sessions", folder.path + "/logs", "--db", db, "--quiet"]).status == 0)
        let retro = try CLIRunner.run(["report", "retro", "--format", "json", "--db", db])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(retro.stdout.utf8)) as? [String: Any])
        let coverage = try #require(json["coverage"] as? [String: Any])
        #expect(coverage["developers"] as? Int == 1)
        #expect(coverage["developersWithSessionLogs"] as? Int == 1, "\(retro.stdout.prefix(400))")
        // One person: --by-person withholds the figures, and says why.
        let byPerson = try CLIRunner.run(["report", "retro", "--by-person", "--db", db])
        #expect(byPerson.stderr.contains("fewer than 3 people (here 1)"), "\(byPerson.stderr)")
    }

    @Test("a log read before the commits that create the files it edited is tied once they are ingested, as in one ingest")
    func logBeforeItsCommits() throws {
        let repository = try ScriptedRepository("late-commits")
        defer { repository.remove() }
        try repository.write("README.md", "api\n")
        try repository.commit("Initial commit", date: "2026-03-01T08:00:00+0000")
        let folder = try TemporaryDirectory("late-logs")
        defer { folder.remove() }
        let cwd = "/home/ew/work/api-checkout"
        let edits = ["src/app/orders.py", "src/app/refunds.py"].map { path in
            #"{"type":"assistant","sessionId":"late-1","cwd":"\#(cwd)","uuid":"a-\#(path)","timestamp":"2026-03-01T10:10:00.000Z","message":{"id":"m-\#(path)","model":"claude-opus-4-5","role":"assistant","content":[{"type":"tool_use","id":"t-\#(path)","name":"Write","input":{"file_path":"\#(cwd)/\#(path)"}}],"usage":{"input_tokens":1,"output_tokens":2}}}"#
        }
        let prompt = #"{"type":"user","sessionId":"late-1","cwd":"\#(cwd)","uuid":"u1","timestamp":"2026-03-01T10:00:00.000Z","message":{"role":"user","content":"add refunds"}}"#
        try folder.write("logs/late-1.jsonl", ([prompt] + edits).joined(separator: "\n") + "\n")
        let db = folder.path + "/db.sqlite"
        #expect(try CLIRunner.run(["ingest", "git", repository.path, "--db", db, "--quiet"]).status == 0)
        #expect(try CLIRunner.run(["ingest", "sessions", folder.path + "/logs", "--db", db, "--quiet"]).status == 0)
        func repositoryOfSession() throws -> String? {
            let list = try CLIRunner.run(["sessions", "--format", "json", "--db", db])
            let entries = try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]]
            return entries?.first?["repository"] as? String
        }
        #expect(try repositoryOfSession() == nil)
        try repository.write("src/app/orders.py", "orders\n")
        try repository.write("src/app/refunds.py", "refunds\n")
        try repository.commit("ABC-7: add refunds", date: "2026-03-01T10:40:00+0000")
        let git = try CLIRunner.run(["ingest", "git", repository.path, "--db", db])
        #expect(git.stderr.contains("1 session log(s) read before these commits were ingested"), "\(git.stderr)")
        let again = try CLIRunner.run(["ingest", "sessions", folder.path + "/logs", "--db", db])
        #expect(again.stdout.contains("1 read again for commits ingested since"), "\(again.stdout)")
        #expect(try repositoryOfSession() == repository.path)
    }
}
