import Foundation
import Ingestion
import Model
import Storage
import Support
import TestSupport
import Testing

@Suite("Storing session workflow facts (schema 9)")
struct SessionWorkflowStoreTests {
    private static func delta(_ id: String, prompts: Int, edited: Bool, workflow: SessionWorkflow?) -> SessionDelta {
        var delta = SessionDelta(
            tool: "claude-code", id: id, eventTimes: [1_000], prompts: prompts,
            filesEdited: edited ? ["/work/p/a.swift"] : [])
        delta.workflow = workflow
        delta.workflowEditSeen = edited
        return delta
    }

    private static func add(_ delta: SessionDelta, _ store: SessionStore, file: Int64, continuing: Bool = false) throws {
        try store.add(
            delta, logFileID: file, source: "log-\(file)", repository: nil, prompts: [], promptWords: [:],
            promptCharacters: 0, continuing: continuing)
    }

    private static func logFile(_ store: SessionStore, _ name: String) throws -> Int64 {
        try store.recordFile(
            path: name, tool: "claude-code", format: "claude-code", size: 1, modified: 1, consumed: 1, fingerprint: "f",
            malformed: 0, time: 1)
    }

    @Test("a session's workflow is stored with every fact, keyed tool/id; a session without one is unknown")
    func storedAndRead() throws {
        let folder = try TemporaryDirectory("workflow")
        defer { folder.remove() }
        let database = try Database(path: folder.path + "/db.sqlite")
        let store = SessionStore(database: database)
        let file = try Self.logFile(store, "a.jsonl")
        let plan = SessionWorkflow(
            start: .planFirst, startEvidence: "ExitPlanMode tool", correctionsBeforeEdit: 2, correctionsAfterEdit: 1,
            subagents: 3)
        try Self.add(Self.delta("S1", prompts: 4, edited: true, workflow: plan), store, file: file)
        try Self.add(Self.delta("S2", prompts: 1, edited: false, workflow: nil), store, file: file)
        try Self.add(Self.delta("S3", prompts: 1, edited: false, workflow: SessionWorkflow()), store, file: file)
        let workflows = try store.workflows()
        #expect(workflows["claude-code/S1"] == plan)
        #expect(workflows["claude-code/S2"] == SessionWorkflow())
        #expect(workflows["claude-code/S3"] == SessionWorkflow())
        #expect(workflows.count == 3)
        #expect(try database.prepare("SELECT start FROM session_workflow WHERE start IS NULL").rows { $0.isNull(0) }.count == 1)
    }

    @Test("a read that continues a file: its prompts are corrections, before the edit or after it")
    func continuingRead() throws {
        let folder = try TemporaryDirectory("workflow")
        defer { folder.remove() }
        let database = try Database(path: folder.path + "/db.sqlite")
        let store = SessionStore(database: database)
        let file = try Self.logFile(store, "a.jsonl")
        // First read: a plan-mode prompt and one more, no edit yet. Then the file grows: 2 prompts, an edit, 1 prompt.
        try Self.add(
            Self.delta("S1", prompts: 2, edited: false, workflow: SessionWorkflow(
                start: .planFirst, startEvidence: "permissionMode plan", correctionsBeforeEdit: 1, correctionsAfterEdit: 0,
                subagents: 0)), store, file: file)
        try Self.add(
            Self.delta("S1", prompts: 3, edited: true, workflow: SessionWorkflow(
                start: .codeFirst, startEvidence: "no plan before the first edit", correctionsBeforeEdit: 1,
                correctionsAfterEdit: 1, subagents: 1)), store, file: file, continuing: true)
        #expect(
            try store.workflows()["claude-code/S1"]
                == SessionWorkflow(
                    start: .planFirst, startEvidence: "permissionMode plan", correctionsBeforeEdit: 3,
                    correctionsAfterEdit: 1, subagents: 1))
        // A third read after the edit: all of its prompts came after it.
        try Self.add(
            Self.delta("S1", prompts: 2, edited: false, workflow: SessionWorkflow(
                start: .unknown, correctionsBeforeEdit: 1, correctionsAfterEdit: 0, subagents: 0)), store, file: file,
            continuing: true)
        #expect(try store.workflows()["claude-code/S1"]?.correctionsAfterEdit == 3)
        #expect(try store.workflows()["claude-code/S1"]?.correctionsBeforeEdit == 3)
    }

    @Test("a session read from two files: plan-first wins over code-first, counts add up; a rewritten file's part goes")
    func severalFiles() throws {
        let folder = try TemporaryDirectory("workflow")
        defer { folder.remove() }
        let database = try Database(path: folder.path + "/db.sqlite")
        let store = SessionStore(database: database)
        let first = try Self.logFile(store, "a.jsonl")
        let second = try Self.logFile(store, "b.jsonl")
        try Self.add(
            Self.delta("S1", prompts: 2, edited: true, workflow: SessionWorkflow(
                start: .codeFirst, startEvidence: "no plan", correctionsBeforeEdit: 0, correctionsAfterEdit: 1)),
            store, file: first)
        try Self.add(
            Self.delta("S1", prompts: 2, edited: true, workflow: SessionWorkflow(
                start: .planFirst, startEvidence: "ExitPlanMode tool", correctionsBeforeEdit: 1, correctionsAfterEdit: 0)),
            store, file: second)
        #expect(
            try store.workflows()["claude-code/S1"]
                == SessionWorkflow(
                    start: .planFirst, startEvidence: "ExitPlanMode tool", correctionsBeforeEdit: 1, correctionsAfterEdit: 1))
        try store.forgetFile(id: second)
        #expect(try store.workflows()["claude-code/S1"]?.start == .codeFirst)
    }

    @Test("a Claude log that grows between ingests gives the same facts as one read whole")
    func grownLog() throws {
        let lines = [
            SessionWorkflowTests.claudePrompt("add a cache", mode: "plan"),
            SessionWorkflowTests.claudeTool("Write", file: "/home/u/.claude/plans/p.md", id: "1"),
            SessionWorkflowTests.claudeTool("ExitPlanMode", id: "2"),
            SessionWorkflowTests.claudePrompt("go", mode: "default"),
            SessionWorkflowTests.claudeTool("Edit", file: "/w/p/a.swift", id: "3"),
            SessionWorkflowTests.claudePrompt("rename it", mode: "default"),
        ]
        let whole = SessionWorkflowTests.claude(lines)
        let cut = whole.split(separator: "\n", omittingEmptySubsequences: false).prefix(3).joined(separator: "\n") + "\n"
        let logs = try TemporaryDirectory("grown-logs")
        defer { logs.remove() }
        let folder = try TemporaryDirectory("grown")
        defer { folder.remove() }
        let database = try Database(path: folder.path + "/db.sqlite")
        let ingestor = SessionIngestor(database: database, environment: [:], keepPrompts: false)
        try cut.write(toFile: logs.path + "/C1.jsonl", atomically: true, encoding: .utf8)
        _ = try ingestor.ingest(SessionIngestor.entries(under: [logs.path]), repositories: [])
        #expect(
            try SessionStore(database: database).workflows()["claude-code/C1"]
                == SessionWorkflow(
                    start: .planFirst, startEvidence: "permissionMode plan", correctionsBeforeEdit: 0,
                    correctionsAfterEdit: 0, subagents: 0))
        try whole.write(toFile: logs.path + "/C1.jsonl", atomically: false, encoding: .utf8)
        let grown = try ingestor.ingest(SessionIngestor.entries(under: [logs.path]), repositories: [])
        #expect(grown.read == 1 && grown.rewritten == 0)
        let expected = SessionWorkflow(
            start: .planFirst, startEvidence: "permissionMode plan", correctionsBeforeEdit: 1, correctionsAfterEdit: 1,
            subagents: 0)
        #expect(try SessionStore(database: database).workflows()["claude-code/C1"] == expected)
        #expect(try ClaudeSessionReader.read(path: logs.path + "/C1.jsonl").session("C1").workflow == expected)
    }

    @Test("a Claude log read before its first edit, in acceptEdits mode, and again once it edited: code-first, as one read whole")
    func grownLogCodeFirst() throws {
        let lines = [
            SessionWorkflowTests.claudePrompt("add a cache", mode: "acceptEdits"),
            SessionWorkflowTests.claudePrompt("use redis", mode: "acceptEdits"),
            SessionWorkflowTests.claudeTool("Edit", file: "/w/p/a.swift", id: "3"),
            SessionWorkflowTests.claudePrompt("rename it", mode: "acceptEdits"),
        ]
        let whole = SessionWorkflowTests.claude(lines)
        let wholeFolder = try TemporaryDirectory("whole-log")
        defer { wholeFolder.remove() }
        try wholeFolder.write("C1.jsonl", whole)
        let expected = try ClaudeSessionReader.read(path: wholeFolder.path + "/C1.jsonl").session("C1").workflow
        #expect(expected?.start == .codeFirst)
        // Cut after the prompts, before the edit.
        for lines in 1...2 {
            let cut = whole.split(separator: "\n", omittingEmptySubsequences: false).prefix(lines).joined(separator: "\n") + "\n"
            let logs = try TemporaryDirectory("grown-logs")
            defer { logs.remove() }
            let database = try Database(path: logs.path + "/db.sqlite")
            try FileManager.default.createDirectory(atPath: logs.path + "/logs", withIntermediateDirectories: true)
            let ingestor = SessionIngestor(database: database, environment: [:], keepPrompts: false)
            try cut.write(toFile: logs.path + "/logs/C1.jsonl", atomically: true, encoding: .utf8)
            _ = try ingestor.ingest(SessionIngestor.entries(under: [logs.path + "/logs"]), repositories: [])
            #expect(try SessionStore(database: database).workflows()["claude-code/C1"]?.start == .unknown)
            #expect(try SessionStore(database: database).workflows()["claude-code/C1"]?.startEvidence == nil)
            try whole.write(toFile: logs.path + "/logs/C1.jsonl", atomically: false, encoding: .utf8)
            let grown = try ingestor.ingest(SessionIngestor.entries(under: [logs.path + "/logs"]), repositories: [])
            #expect(grown.read == 1 && grown.rewritten == 0)
            #expect(try SessionStore(database: database).workflows()["claude-code/C1"] == expected, "cut after \(lines)")
        }
    }

    @Test("an export carries each session's workflow and merge stores it; an export without it merges as unknown")
    func exportAndMerge() throws {
        let folder = try TemporaryDirectory("workflow-team")
        defer { folder.remove() }
        let laptop = try Database(path: folder.path + "/laptop.sqlite")
        let store = SessionStore(database: laptop)
        let file = try Self.logFile(store, "a.jsonl")
        let plan = SessionWorkflow(
            start: .planFirst, startEvidence: "ExitPlanMode tool", correctionsBeforeEdit: 1, correctionsAfterEdit: 2,
            subagents: 1)
        try Self.add(Self.delta("S1", prompts: 4, edited: true, workflow: plan), store, file: file)
        try Self.add(Self.delta("S2", prompts: 1, edited: false, workflow: SessionWorkflow()), store, file: file)
        var sessions = try TeamStore(database: laptop).exportableSessions(sinceMs: nil, repositoryRoots: nil)
        #expect(sessions.map(\.workflow) == [plan, SessionWorkflow()])
        let info = ExportInfo(machine: "laptop", exporter: "me", created: 1, pseudonymized: false)
        try ExportFile.write(sessions, info: info, to: folder.path + "/laptop.export")
        let read = try ExportFile.read(path: folder.path + "/laptop.export")
        #expect(read.sessions.map(\.workflow) == [plan, SessionWorkflow()])

        let team = try Database(path: folder.path + "/team.sqlite")
        _ = try TeamStore(database: team).merge(read.sessions, info: read.info, time: 2)
        #expect(try SessionStore(database: team).workflows() == ["claude-code/S1": plan, "claude-code/S2": SessionWorkflow()])
        // Merged again from an export that does not carry it (an older Multiplier) and holds no more
        // events: the view merged before stays, facts and all.
        sessions = read.sessions.map { session in
            var session = session
            session.workflow = nil
            return session
        }
        let again = try TeamStore(database: team).merge(sessions, info: read.info, time: 3)
        #expect(again.unchanged == 2)
        #expect(try SessionStore(database: team).workflows()["claude-code/S1"] == plan)
        // A later export of the session (more events) without the facts replaces the view: unknown.
        sessions = sessions.map { session in
            var session = session
            session.eventTimes.append((session.eventTimes.max() ?? 0) + 60_000)
            return session
        }
        _ = try TeamStore(database: team).merge(sessions, info: read.info, time: 4)
        #expect(try SessionStore(database: team).workflows()["claude-code/S1"] == SessionWorkflow())
    }

    @Test("an old (schema 8) database is upgraded and its logs are read again, whole, with nothing duplicated")
    func upgradeRereads() throws {
        let folder = try TemporaryDirectory("upgrade")
        defer { folder.remove() }
        let logs = try TemporaryDirectory("upgrade-logs")
        defer { logs.remove() }
        try SessionIngestorTests.claudeSession("OLD1", cwd: "/work/p", prompt: "add a button")
            .write(toFile: logs.path + "/OLD1.jsonl", atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(
            atPath: try SessionFixtures.path("codex"), toPath: logs.path + "/codex")
        let path = folder.path + "/db.sqlite"
        let tables = ["session", "session_part", "session_event", "session_detail", "token_usage", "log_file"]
        var before: [Int] = []
        do {
            // What a schema-8 binary left: every log read, no session_workflow table (the schema up to
            // this step, so that later steps apply on top of it too).
            let upToWorkflow = Migrations.all.prefix { $0.name != "session workflow" }.count + 1
            let database = try Database(path: path, migrations: Array(Migrations.all.prefix(upToWorkflow)))
            // The table this ingestor writes record identities to (a later step), dropped below with the other.
            try database.execute(try #require(Migrations.all.first { $0.name == "session records" }).sql)
            let first = try SessionIngestor(database: database, environment: [:], keepPrompts: false)
                .ingest(SessionIngestor.entries(under: [logs.path]), repositories: [])
            #expect(first.read == 3)
            before = try tables.map { table in try database.prepare("SELECT count(*) FROM \(table)").first { $0.int(0) } ?? -1 }
            try database.execute("DROP TABLE session_workflow; DROP TABLE session_record; PRAGMA user_version = 8")
        }
        let old = try Database(path: path, migrations: nil)
        #expect(try old.schemaVersion() == 8)
        let database = try Database(path: path)
        #expect(try database.schemaVersion() == Migrations.all.count)
        let again = try SessionIngestor(database: database, environment: [:], keepPrompts: false)
            .ingest(SessionIngestor.entries(under: [logs.path]), repositories: [])
        #expect(again.read == 3)
        #expect(again.rewritten == 3)
        #expect(again.unchanged == 0)
        #expect(again.newSessions == 0)
        #expect(try tables.map { table in try database.prepare("SELECT count(*) FROM \(table)").first { $0.int(0) } ?? -1 } == before)
        #expect(try SessionStore(database: database).workflows().count == before[0])
        // Read once more: nothing changed, nothing read.
        let third = try SessionIngestor(database: database, environment: [:], keepPrompts: false)
            .ingest(SessionIngestor.entries(under: [logs.path]), repositories: [])
        #expect(third.read == 0)
    }
}
