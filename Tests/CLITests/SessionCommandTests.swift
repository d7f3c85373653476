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
        // A new session is not also an updated one.
        #expect(first.stdout.contains("1 new session, 0 updated"), "\(first.stdout)")
        #expect(first.stderr.contains("2 malformed lines skipped in \(folder.path)/logs/renamed.txt"))
        // The first bad line is named, and a secret quoted from it is redacted.
        #expect(first.stderr.contains("(first: \(folder.path)/logs/renamed.txt:2: expected"), "\(first.stderr)")
        // The other bad lines are named too, without the path again.
        #expect(first.stderr.contains("; also line 3: expected a JSON object (found \"[1,2,3]\"))"), "\(first.stderr)")
        #expect(!first.stderr.contains("ghp_A1b2C3d4"), "\(first.stderr)")
        let again = try CLIRunner.run(["ingest", "sessions", folder.path + "/logs", "--db", db, "--strict"])
        #expect(again.status == 0)
        #expect(again.stdout.contains("0 new sessions, 0 updated"), "\(again.stdout)")

        let list = try CLIRunner.run(["sessions", "--format", "json", "--db", db])
        #expect(list.status == 0)
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        let entry = try #require(entries.first)
        #expect(
            Set(entry.keys) == [
                "tool", "id", "parent", "source", "repository", "repositoryEvidence", "branch", "start", "end", "activeSeconds",
                "prompts", "models", "tokens", "filesEdited", "commits", "workflow", "contextFiles",
            ])
        // No permissionMode field, no plan tool, no edit: the log does not tell, and every key is there.
        #expect(
            (entry["workflow"] as? NSDictionary)
                == [
                    "start": "unknown", "startEvidence": NSNull(), "correctionsBeforeEdit": 0, "correctionsAfterEdit": 0,
                    "subagents": 0,
                ] as NSDictionary)
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

        // A file named on the command line that is no log is said; --strict exits 65 for it.
        try folder.write("notes/hello.jsonl", "hello\n")
        let named = try CLIRunner.run(["ingest", "sessions", folder.path + "/notes/hello.jsonl", "--db", db])
        #expect(named.status == 0)
        #expect(named.stderr.contains("skipped \(folder.path)/notes/hello.jsonl: not recognised as a session log"), "\(named.stderr)")
        let namedStrict = try CLIRunner.run(["ingest", "sessions", folder.path + "/notes/hello.jsonl", "--db", db, "--strict"])
        #expect(namedStrict.status == 65)
        // In a folder, such a file is passed over quietly (log folders hold other files too).
        let inFolder = try CLIRunner.run(["ingest", "sessions", folder.path + "/notes", "--db", db, "--strict"])
        #expect(inFolder.status == 0, "\(inFolder.stderr)")

        // A record added to the log updates its session, which is not new.
        try folder.write(
            "logs/renamed.txt",
            Self.log + #"{"type":"user","sessionId":"s1","cwd":"/w/app","uuid":"u9","timestamp":"2026-03-01T10:09:00.000Z","message":{"role":"user","content":"more"}}"# + "\n")
        let grown = try CLIRunner.run(["ingest", "sessions", folder.path + "/logs", "--db", db])
        #expect(grown.stdout.contains("0 new sessions, 1 updated"), "\(grown.stdout)")
    }

    /// A Claude Code 2.1 session: a prompt in default mode, the plan written and ExitPlanMode called, then the edit.
    static let planLog = """
        {"type":"user","sessionId":"p1","cwd":"/w/app","gitBranch":"main","uuid":"u1","timestamp":"2026-03-01T10:00:00.000Z","permissionMode":"default","message":{"role":"user","content":"add rate limiting to the API"}}
        {"type":"assistant","sessionId":"p1","cwd":"/w/app","gitBranch":"main","uuid":"a1","timestamp":"2026-03-01T10:01:00.000Z","requestId":"r1","message":{"id":"m1","model":"claude-opus-4-5","role":"assistant","content":[{"type":"tool_use","id":"t1","name":"Write","input":{"file_path":"/home/u/.claude/plans/rate-limit.md","content":"plan"}}]}}
        {"type":"assistant","sessionId":"p1","cwd":"/w/app","gitBranch":"main","uuid":"a2","timestamp":"2026-03-01T10:02:00.000Z","requestId":"r2","message":{"id":"m2","model":"claude-opus-4-5","role":"assistant","content":[{"type":"tool_use","id":"t2","name":"ExitPlanMode","input":{}}]}}
        {"type":"user","sessionId":"p1","cwd":"/w/app","gitBranch":"main","uuid":"u2","timestamp":"2026-03-01T10:03:00.000Z","message":{"role":"user","content":[{"type":"tool_result","tool_use_id":"t2","content":"User has approved your plan."}]}}
        {"type":"assistant","sessionId":"p1","cwd":"/w/app","gitBranch":"main","uuid":"a3","timestamp":"2026-03-01T10:04:00.000Z","requestId":"r3","message":{"id":"m3","model":"claude-opus-4-5","role":"assistant","content":[{"type":"tool_use","id":"t3","name":"Edit","input":{"file_path":"/w/app/api.py"}}]}}
        {"type":"user","sessionId":"p1","cwd":"/w/app","gitBranch":"main","uuid":"u3","timestamp":"2026-03-01T10:05:00.000Z","permissionMode":"acceptEdits","message":{"role":"user","content":"also log the rejections"}}

        """

    @Test("a Claude log with ExitPlanMode before its first edit shows plan-first in sessions --format json and csv")
    func planFirstEndToEnd() throws {
        let folder = try TemporaryDirectory("cli-plan")
        defer { folder.remove() }
        try folder.write("logs/p1.jsonl", Self.planLog)
        let db = folder.path + "/db.sqlite"
        let ingest = try CLIRunner.run(["ingest", "sessions", folder.path + "/logs", "--db", db])
        #expect(ingest.status == 0, "\(ingest.stderr)")
        let list = try CLIRunner.run(["sessions", "--format", "json", "--db", db])
        #expect(list.status == 0)
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        let workflow = try #require(entries.first?["workflow"] as? [String: Any])
        #expect(workflow["start"] as? String == "plan-first")
        #expect(workflow["startEvidence"] as? String == "ExitPlanMode tool")
        #expect(workflow["correctionsBeforeEdit"] as? Int == 0)
        #expect(workflow["correctionsAfterEdit"] as? Int == 1)
        #expect(workflow["subagents"] as? Int == 0)
        let csv = try CLIRunner.run(["sessions", "--format", "csv", "--db", db])
        let lines = csv.stdout.split(separator: "\n")
        #expect(lines.first?.hasSuffix("workflow_start,workflow_start_evidence,corrections_before_edit,corrections_after_edit,subagents,context_files") == true)
        #expect(lines.last?.hasSuffix(",plan-first,ExitPlanMode tool,0,1,0,") == true)
    }

    /// A Claude log of a version that renamed `user`/`assistant` (the envelope kept): every record of an unknown type.
    static let renamedTypesLog = """
        {"parentUuid":null,"type":"user_message","sessionId":"f1","cwd":"/w/app","gitBranch":"main","uuid":"u1","timestamp":"2026-03-01T10:00:00.000Z","message":{"role":"user","content":"fix the bug"}}
        {"parentUuid":"u1","type":"assistant_message","sessionId":"f1","cwd":"/w/app","gitBranch":"main","uuid":"a1","timestamp":"2026-03-01T10:05:00.000Z","requestId":"r1","message":{"id":"m1","model":"claude-opus-5","role":"assistant","content":[{"type":"tool_use","id":"t1","name":"Edit","input":{"file_path":"/w/app/a.py"}}],"usage":{"input_tokens":100,"output_tokens":10}}}

        """

    @Test("a log of only unknown record types is kept as an empty session, said in one note, and fails --strict; a log of known records with unknown ones among them is not said")
    func onlyUnknownRecordTypes() throws {
        let folder = try TemporaryDirectory("cli-future")
        defer { folder.remove() }
        try folder.write("logs/f1.jsonl", Self.renamedTypesLog)
        try folder.write("logs/f2.jsonl", Self.renamedTypesLog.replacingOccurrences(of: "f1", with: "f2"))
        let ordinary = Self.planLog + #"{"type":"world-state","sessionId":"p1","timestamp":"2026-03-01T10:06:00.000Z"}"# + "\n"
        try folder.write("logs/p1.jsonl", ordinary)
        let db = folder.path + "/db.sqlite"
        let ingest = try CLIRunner.run(["ingest", "sessions", folder.path + "/logs", "--db", db, "--strict"])
        #expect(ingest.status == 65, "\(ingest.stderr)")
        #expect(ingest.stdout.contains("3 new sessions"), "\(ingest.stdout)")
        let notes = ingest.stderr.split(separator: "\n").filter { $0.contains("does not know") }
        #expect(
            notes == [
                "2 logs of claude-code held only records this version does not know (a newer format?): their sessions "
                    + "have no prompts, tokens or files (\(folder.path)/logs/f1.jsonl, \(folder.path)/logs/f2.jsonl)"
            ], "\(ingest.stderr)")
        let list = try CLIRunner.run(["sessions", "--format", "json", "--db", db])
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        #expect(entries.compactMap { $0["id"] as? String }.sorted() == ["f1", "f2", "p1"])
        // The ordinary log alone: read again, nothing is said and --strict passes.
        let alone = try CLIRunner.run(["ingest", "sessions", folder.path + "/logs/p1.jsonl", "--db", folder.path + "/other.sqlite", "--strict"])
        #expect(alone.status == 0, "\(alone.stderr)")
        #expect(!alone.stderr.contains("does not know"), "\(alone.stderr)")
    }

    @Test("Roo Code and Kilo Code tasks are listed under their own names; --tool cline takes them with Cline's")
    func clineForks() throws {
        let folder = try TemporaryDirectory("cli-cline-forks")
        defer { folder.remove() }
        let storage = folder.path + "/home/.config/Code/User/globalStorage"
        let task = #"[{"ts":1770482470358,"type":"say","say":"task","text":"add a button"}]"#
        for (extensionID, id) in [("saoudrizwan.claude-dev", "1"), ("rooveterinaryinc.roo-cline", "2"), ("kilocode.kilo-code", "3")] {
            try FileManager.default.createDirectory(atPath: "\(storage)/\(extensionID)/tasks/\(id)", withIntermediateDirectories: true)
            try task.write(toFile: "\(storage)/\(extensionID)/tasks/\(id)/ui_messages.json", atomically: true, encoding: .utf8)
        }
        let db = folder.path + "/db.sqlite"
        // Found in the standard places, as given folders.
        let ingest = try CLIRunner.run(["ingest", "sessions", "--db", db], environment: ["HOME": folder.path + "/home"])
        #expect(ingest.status == 0, "\(ingest.stderr)")
        #expect(ingest.stdout.contains("3 new sessions"), "\(ingest.stdout)")
        // The summary counts each under its own name too.
        #expect(ingest.stdout.contains("found (cline 1, kilo-code 1, roo-code 1)"), "\(ingest.stdout)")
        #expect(ingest.stderr.contains("found 1 roo-code in "), "\(ingest.stderr)")
        func listed(_ arguments: [String]) throws -> [String] {
            let list = try CLIRunner.run(["sessions", "--format", "json", "--db", db] + arguments)
            let entries = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
            return entries.map { "\($0["tool"] as? String ?? "?") \($0["id"] as? String ?? "?")" }.sorted()
        }
        #expect(try listed([]) == ["cline 1", "kilo-code 3", "roo-code 2"])
        #expect(try listed(["--tool", "cline"]) == ["cline 1", "kilo-code 3", "roo-code 2"])
        #expect(try listed(["--tool", "codex"]).isEmpty)
        #expect(try listed(["--tool", "roo-code"]) == ["roo-code 2"])
        #expect(try listed(["--tool", "kilo-code"]) == ["kilo-code 3"])
        let only = try CLIRunner.run(
            ["ingest", "sessions", storage + "/rooveterinaryinc.roo-cline", "--tool", "cline", "--db", folder.path + "/other.sqlite"])
        #expect(only.stdout.contains("1 new session"), "\(only.stdout)")
        // `--tool roo-code` takes Roo Code's tasks alone, from the standard places.
        let roo = try CLIRunner.run(
            ["ingest", "sessions", "--tool", "roo-code", "--db", folder.path + "/roo.sqlite"], environment: ["HOME": folder.path + "/home"])
        #expect(roo.status == 0, "\(roo.stderr)")
        #expect(roo.stdout.contains("1 found (roo-code 1)"), "\(roo.stdout)")
    }

    @Test("the tool name sessions and status print is a --tool name too: claude-code as well as claude")
    func printedToolName() throws {
        let folder = try TemporaryDirectory("cli-sessions")
        defer { folder.remove() }
        try folder.write("logs/s1.jsonl", Self.log)
        let db = folder.path + "/db.sqlite"
        let ingest = try CLIRunner.run(["ingest", "sessions", folder.path + "/logs", "--tool", "claude-code", "--db", db])
        #expect(ingest.status == 0, "\(ingest.stderr)")
        #expect(ingest.stdout.contains("1 new session"), "\(ingest.stdout)")
        for name in ["claude-code", "claude"] {
            let list = try CLIRunner.run(["sessions", "--tool", name, "--format", "csv", "--db", db])
            #expect(list.status == 0, "\(name): \(list.stderr)")
            #expect(list.stdout.split(separator: "\n").dropFirst().map { $0.prefix(12) } == ["claude-code,"], "\(name): \(list.stdout)")
        }
        let unknown = try CLIRunner.run(["sessions", "--tool", "nope", "--db", db])
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("expected one of: aider, claude, claude-code, cline,"), "\(unknown.stderr)")
    }

    @Test("--since and --until take an instant with fractional seconds, as the logs and JavaScript write it")
    func fractionalSeconds() throws {
        let folder = try TemporaryDirectory("cli-sessions")
        defer { folder.remove() }
        try folder.write("logs/s1.jsonl", Self.log)
        let db = folder.path + "/db.sqlite"
        #expect(try CLIRunner.run(["ingest", "sessions", folder.path + "/logs", "--db", db]).status == 0)
        func rows(_ since: String, _ until: String) throws -> Int {
            let list = try CLIRunner.run(["sessions", "--since", since, "--until", until, "--format", "csv", "--db", db])
            #expect(list.status == 0, "\(since) \(until): \(list.stderr)")
            return list.stdout.split(separator: "\n").count - 1
        }
        #expect(try rows("2026-03-01T00:00:00.000Z", "2026-03-02T00:00:00.000Z") == 1)
        #expect(try rows("2026-03-01T11:00:00.500+01:00", "2026-03-01T10:30:00.250Z") == 1)
        #expect(try rows("2026-03-01T10:05:00.000Z", "2026-03-02T00:00:00Z") == 0)
    }

    @Test("bad arguments of the session commands exit 64 or 66", arguments: [
        (["ingest", "sessions", "--tool", "claud"], 64, "did you mean 'claude'"),
        (["sessions", "--since", "last tuesday"], 64, "--since expects a date"),
        (["sessions", "--since", "2026-02-01", "--until", "2026-01-01"], 64, "--since 2026-02-01 is not before --until 2026-01-01"),
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

    @Test("each session lists the context files its repository had at its start, from git: created, grown, deleted")
    func contextFilesAtStart() throws {
        let repository = try ScriptedRepository("context-files")
        defer { repository.remove() }
        try repository.write("src/app.py", "x = 1\n")
        try repository.commit("start", date: "2026-03-01T09:00:00+0000")
        try repository.write("CLAUDE.md", "# Rules\nsmall commits\ntests first\n")
        try repository.write("api/AGENTS.md", "one\ntwo\n")
        try repository.commit("context for the assistants", date: "2026-03-02T09:00:00+0000")
        try repository.write("CLAUDE.md", "# Rules\nsmall commits\ntests first\nno new dependencies\nrun make lint\n")
        try repository.git("rm", "-q", "api/AGENTS.md")
        // A link has the lines of the file it names (git stores it as one line, its target).
        try FileManager.default.createSymbolicLink(
            atPath: repository.directory.path + "/AGENTS.md", withDestinationPath: "CLAUDE.md")
        try repository.commit("grow CLAUDE.md, drop api/AGENTS.md, link AGENTS.md", date: "2026-03-03T09:00:00+0000")
        let db = repository.directory.path + "-context-files.sqlite"
        defer { try? FileManager.default.removeItem(atPath: db) }
        #expect(try CLIRunner.run(["ingest", "git", repository.directory.path, "--db", db]).status == 0)
        let logs = repository.directory.path + "-context-files-logs"
        try FileManager.default.createDirectory(atPath: logs, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: logs) }
        for (id, time) in [("before", "2026-03-01T12:00:00.000Z"), ("between", "2026-03-02T12:00:00.000Z"), ("after", "2026-03-04T12:00:00.000Z")] {
            let line = #"{"type":"user","sessionId":"\#(id)","cwd":"\#(repository.directory.path)","uuid":"u-\#(id)","timestamp":"\#(time)","message":{"role":"user","content":"go"}}"#
            try (line + "\n").write(toFile: logs + "/\(id).jsonl", atomically: true, encoding: .utf8)
        }
        let elsewhere = #"{"type":"user","sessionId":"elsewhere","cwd":"/srv/unrelated","uuid":"u-x","timestamp":"2026-03-04T12:00:00.000Z","message":{"role":"user","content":"go"}}"#
        try (elsewhere + "\n").write(toFile: logs + "/elsewhere.jsonl", atomically: true, encoding: .utf8)
        #expect(try CLIRunner.run(["ingest", "sessions", logs, "--db", db]).status == 0)
        let listing = try CLIRunner.run(["sessions", "--format", "json", "--db", db])
        let sessions = try #require(try JSONSerialization.jsonObject(with: Data(listing.stdout.utf8)) as? [[String: Any]])
        func files(_ id: String) -> [String]? {
            (sessions.first { $0["id"] as? String == id }?["contextFiles"] as? [[String: Any]])?.map {
                "\($0["path"] as? String ?? "?")\(($0["link"] as? String).map { "->" + $0 } ?? ""):\($0["lines"] as? Int ?? -1)"
            }
        }
        #expect(files("before") == [])
        #expect(files("between") == ["CLAUDE.md:3", "api/AGENTS.md:2"])
        #expect(files("after") == ["AGENTS.md->CLAUDE.md:5", "CLAUDE.md:5"])
        #expect(sessions.first { $0["id"] as? String == "elsewhere" }?["contextFiles"] is NSNull)
        let csv = try CLIRunner.run(["sessions", "--format", "csv", "--db", db])
        #expect(csv.stdout.contains(",CLAUDE.md:3 api/AGENTS.md:2\n"), "\(csv.stdout)")
        #expect(csv.stdout.contains(",AGENTS.md->CLAUDE.md:5 CLAUDE.md:5\n"), "\(csv.stdout)")
    }

    @Test("a session is tied to the repository by the strongest identity its log carries: the origin a Codex log records, the origin's project name as a folder")
    func repositoryIdentity() throws {
        let repository = try ScriptedRepository("checkout-7")
        defer { repository.remove() }
        try repository.git("remote", "add", "origin", "git@github.com:acme/ledger.git")
        try repository.write("src/ledger.py", "total = 0\n")
        try repository.write("src/books.py", "books = []\n")
        try repository.write("README.md", "# ledger\n")
        try repository.commit("LED-1 ledger totals", date: "2026-03-02T10:30:00+0000")
        let db = repository.directory.path + "-identity.sqlite"
        defer { try? FileManager.default.removeItem(atPath: db) }
        #expect(try CLIRunner.run(["ingest", "git", repository.directory.path, "--db", db]).status == 0)
        let logs = repository.directory.path + "-identity-logs"
        try FileManager.default.createDirectory(atPath: logs, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: logs) }
        // Codex, run on a teammate's laptop in a folder of another name, recording the origin.
        let codex = [
            #"{"timestamp":"2026-03-02T10:00:00.000Z","type":"session_meta","payload":{"id":"cx-1","timestamp":"2026-03-02T10:00:00.000Z","cwd":"/home/dana/src/books","cli_version":"0.50.0","git":{"branch":"main","repository_url":"https://github.com/acme/ledger"}}}"#,
            #"{"timestamp":"2026-03-02T10:01:00.000Z","type":"event_msg","payload":{"type":"user_message","message":"sum the ledger"}}"#,
            #"{"timestamp":"2026-03-02T10:05:00.000Z","type":"response_item","payload":{"type":"custom_tool_call","name":"apply_patch","input":"*** Begin Patch\n*** Update File: src/ledger.py\n+x\n*** End Patch"}}"#,
        ].joined(separator: "\n") + "\n"
        try codex.write(toFile: logs + "/rollout-2026-03-02T10-00-00-cx-1.jsonl", atomically: true, encoding: .utf8)
        // Claude Code in a clone named like the origin's project, not like the checkout here.
        let claude = #"{"type":"user","sessionId":"cl-1","cwd":"/home/erin/code/ledger","uuid":"u1","timestamp":"2026-03-02T10:10:00.000Z","message":{"role":"user","content":"hi"}}"# + "\n"
        try claude.write(toFile: logs + "/cl-1.jsonl", atomically: true, encoding: .utf8)
        // In a container: no folder names the repository, but the file it edited is there.
        let container = [
            #"{"type":"user","sessionId":"ws-1","cwd":"/workspace","uuid":"w1","timestamp":"2026-03-02T10:12:00.000Z","message":{"role":"user","content":"go"}}"#,
            #"{"type":"assistant","sessionId":"ws-1","cwd":"/workspace","uuid":"w2","timestamp":"2026-03-02T10:14:00.000Z","requestId":"r1","message":{"id":"m1","model":"claude-opus-4-5","role":"assistant","content":[{"type":"tool_use","id":"t1","name":"Edit","input":{"file_path":"/workspace/src/ledger.py","old_string":"a","new_string":"b"}}],"usage":{"input_tokens":1,"output_tokens":2}}}"#,
            #"{"type":"assistant","sessionId":"ws-1","cwd":"/workspace","uuid":"w3","timestamp":"2026-03-02T10:15:00.000Z","requestId":"r2","message":{"id":"m2","model":"claude-opus-4-5","role":"assistant","content":[{"type":"tool_use","id":"t2","name":"Edit","input":{"file_path":"/workspace/src/books.py","old_string":"a","new_string":"b"}}],"usage":{"input_tokens":1,"output_tokens":2}}}"#,
            // A lone README elsewhere tells nothing: that session stays unmatched.
            #"{"type":"assistant","sessionId":"ws-2","cwd":"/srv/other","uuid":"w4","timestamp":"2026-03-02T10:16:00.000Z","requestId":"r3","message":{"id":"m3","model":"claude-opus-4-5","role":"assistant","content":[{"type":"tool_use","id":"t3","name":"Write","input":{"file_path":"/srv/other/README.md","content":"x"}}],"usage":{"input_tokens":1,"output_tokens":2}}}"#,
        ].joined(separator: "\n") + "\n"
        try container.write(toFile: logs + "/ws-1.jsonl", atomically: true, encoding: .utf8)
        let ingest = try CLIRunner.run(["ingest", "sessions", logs, "--db", db])
        #expect(ingest.status == 0, "\(ingest.stderr)")
        let listing = try CLIRunner.run(["sessions", "--format", "json", "--db", db])
        let sessions = try #require(try JSONSerialization.jsonObject(with: Data(listing.stdout.utf8)) as? [[String: Any]])
        let codexSession = try #require(sessions.first { $0["id"] as? String == "cx-1" })
        #expect(codexSession["repository"] as? String == repository.directory.path)
        #expect((codexSession["repositoryEvidence"] as? String)?.hasPrefix("the log's repository https://github.com/acme/ledger") == true)
        #expect(codexSession["filesEdited"] as? [String] == ["src/ledger.py"])
        let claudeSession = try #require(sessions.first { $0["id"] as? String == "cl-1" })
        #expect(claudeSession["repository"] as? String == repository.directory.path)
        #expect((claudeSession["repositoryEvidence"] as? String)?.hasPrefix("origin project name ledger") == true)
        let containerSession = try #require(sessions.first { $0["id"] as? String == "ws-1" })
        #expect(containerSession["repository"] as? String == repository.directory.path)
        #expect((containerSession["repositoryEvidence"] as? String)?.hasPrefix("the files it edited in /workspace exist in") == true)
        #expect(containerSession["filesEdited"] as? [String] == ["src/books.py", "src/ledger.py"])
        #expect(sessions.first { $0["id"] as? String == "ws-2" }?["repository"] is NSNull)
        let tasks = try CLIRunner.run(["tasks", "--format", "json", "--db", db])
        #expect(tasks.stdout.contains("\"cx-1\""), "\(tasks.stdout)")
    }

    @Test("logs read before their repository was ingested are read again by the next ingest, and tied to it then")
    func sessionsBeforeTheirRepository() throws {
        let repository = try ScriptedRepository("late-repo")
        defer { repository.remove() }
        try repository.write("app/refunds.rb", "x\n")
        try repository.commit("SHOP-7 add the refund endpoint", date: "2026-03-02T10:30:00+0000")
        let db = repository.directory.path + "-late.sqlite"
        defer { try? FileManager.default.removeItem(atPath: db) }
        let logs = repository.directory.path + "-late-logs"
        try FileManager.default.createDirectory(atPath: logs, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: logs) }
        let cwd = repository.directory.path
        let log = [
            #"{"type":"user","sessionId":"late-1","cwd":"\#(cwd)","uuid":"u1","timestamp":"2026-03-02T10:00:00.000Z","message":{"role":"user","content":"add the refund endpoint"}}"#,
            #"{"type":"assistant","sessionId":"late-1","cwd":"\#(cwd)","uuid":"a1","timestamp":"2026-03-02T10:05:00.000Z","requestId":"r1","message":{"id":"m1","model":"claude-opus-4-5","role":"assistant","content":[{"type":"tool_use","id":"t1","name":"Edit","input":{"file_path":"\#(cwd)/app/refunds.rb","old_string":"a","new_string":"b"}}],"usage":{"input_tokens":1,"output_tokens":2}}}"#,
        ].joined(separator: "\n") + "\n"
        try log.write(toFile: logs + "/late-1.jsonl", atomically: true, encoding: .utf8)
        func session() throws -> [String: Any] {
            let listing = try CLIRunner.run(["sessions", "--format", "json", "--db", db])
            let sessions = try #require(try JSONSerialization.jsonObject(with: Data(listing.stdout.utf8)) as? [[String: Any]])
            return try #require(sessions.first)
        }
        #expect(try CLIRunner.run(["ingest", "sessions", logs, "--db", db]).status == 0)
        #expect(try session()["repository"] is NSNull)
        let git = try CLIRunner.run(["ingest", "git", repository.directory.path, "--db", db])
        #expect(git.status == 0)
        #expect(git.stderr.contains("1 session log(s) read before these commits were ingested"), "\(git.stderr)")
        let again = try CLIRunner.run(["ingest", "sessions", logs, "--db", db])
        #expect(again.stdout.contains("0 rewritten, 1 read again for commits ingested since"), "\(again.stdout)")
        let tied = try session()
        #expect(tied["repository"] as? String == repository.directory.path)
        #expect(tied["filesEdited"] as? [String] == ["app/refunds.rb"])
        let tasks = try CLIRunner.run(["tasks", "--ai", "--format", "json", "--db", db])
        #expect(tasks.stdout.contains("\"late-1\""), "\(tasks.stdout)")
        // Once tied, nothing is read again.
        #expect(try CLIRunner.run(["ingest", "sessions", logs, "--db", db]).stdout.contains("1 unchanged"))
    }

    @Test("aider's local times are read in the time zone of the author's commits, not as UTC")
    func aiderLocalTime() throws {
        let repository = try ScriptedRepository("aider-zone")
        defer { repository.remove() }
        try repository.write("src/pricing.py", "price = 1\n")
        // 10:30 in Berlin (+02:00) is 08:30 UTC.
        try repository.commit("PRC-1 pricing rules", author: "Ute", date: "2026-06-02T10:30:00+0200")
        let history = """
            # aider chat started at 2026-06-02 10:00:00

            > /usr/bin/aider --model gpt-5  

            #### change the pricing rules  

            > Applied edit to src/pricing.py  

            """
        try repository.write(".aider.chat.history.md", history)
        let db = repository.directory.path + "-aider-zone.sqlite"
        defer { try? FileManager.default.removeItem(atPath: db) }
        #expect(try CLIRunner.run(["ingest", "git", repository.directory.path, "--db", db]).status == 0)
        let ingest = try CLIRunner.run(["ingest", "sessions", repository.directory.path + "/.aider.chat.history.md", "--db", db])
        #expect(ingest.status == 0, "\(ingest.stderr)")
        let listing = try CLIRunner.run(["sessions", "--format", "json", "--db", db])
        let sessions = try #require(try JSONSerialization.jsonObject(with: Data(listing.stdout.utf8)) as? [[String: Any]])
        #expect(sessions.first?["start"] as? String == "2026-06-02T08:00:00Z", "\(listing.stdout)")
        // Read as UTC it would start after the commit, and not link.
        let tasks = try CLIRunner.run(["tasks", "--format", "json", "--db", db])
        #expect(tasks.stdout.contains("\"ai\" : true"), "\(tasks.stdout)")
    }

    @Test("an aider history that names no commit is read in its owner's time zone, not the team's most common one")
    func aiderOwnerTimeZone() throws {
        let repository = try ScriptedRepository("aider-owner-zone")
        defer { repository.remove() }
        try repository.write("src/pricing.py", "price = 1\n")
        // Ute works from Berlin (+02:00); Raj, who commits more, from Pune (+05:30).
        try repository.commit("PRC-1 pricing rules", author: "Ute", email: "ute@example.com", date: "2026-06-02T10:30:00+0200")
        for (index, hour) in [9, 11, 13].enumerated() {
            try repository.write("src/raj\(index).py", "x\n")
            try repository.commit(
                "PRC-\(index + 2) other work", author: "Raj", email: "raj@example.com", date: "2026-06-02T\(hour):00:00+0530")
        }
        // Ute's history, collected into the team's folder under her name (a clone named as the checkout).
        let logs = repository.directory.path + "-logs"
        defer { try? FileManager.default.removeItem(atPath: logs) }
        let folder = logs + "/ute/" + (repository.directory.path as NSString).lastPathComponent
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let history = """
            # aider chat started at 2026-06-02 10:00:00

            > /usr/bin/aider --model gpt-5  

            #### change the pricing rules  

            > Applied edit to src/pricing.py  

            """
        try history.write(toFile: folder + "/.aider.chat.history.md", atomically: true, encoding: .utf8)
        let db = repository.directory.path + "-aider-owner.sqlite"
        defer { try? FileManager.default.removeItem(atPath: db) }
        #expect(try CLIRunner.run(["ingest", "git", repository.directory.path, "--db", db]).status == 0)
        let ingest = try CLIRunner.run(["ingest", "sessions", logs, "--db", db])
        #expect(ingest.status == 0, "\(ingest.stderr)")
        let listing = try CLIRunner.run(["sessions", "--format", "json", "--db", db])
        let sessions = try #require(try JSONSerialization.jsonObject(with: Data(listing.stdout.utf8)) as? [[String: Any]])
        #expect(sessions.first?["repository"] as? String == repository.directory.path, "\(listing.stdout)")
        #expect(sessions.first?["start"] as? String == "2026-06-02T08:00:00Z", "\(listing.stdout)")
    }
}
