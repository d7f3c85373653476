import Foundation
@testable import Ingestion
import Model
import Storage
import Support
import TestSupport
import Testing

@Suite("Ingesting session logs into the store")
struct SessionIngestorTests {
    /// A Claude Code session with one prompt, in `cwd`, at `minute` past 10:00 on 2026-03-01.
    static func claudeSession(_ id: String, cwd: String, prompt: String, minute: Int = 0) -> String {
        let time = String(format: "2026-03-01T10:%02d:00.000Z", minute)
        let later = String(format: "2026-03-01T10:%02d:30.000Z", minute)
        return """
            {"type":"user","sessionId":"\(id)","cwd":"\(cwd)","gitBranch":"feature","uuid":"u-\(id)","timestamp":"\(time)","message":{"role":"user","content":"\(prompt)"}}
            {"type":"assistant","sessionId":"\(id)","cwd":"\(cwd)","gitBranch":"feature","uuid":"a-\(id)","timestamp":"\(later)","requestId":"req_\(id)","message":{"id":"msg_\(id)","model":"claude-opus-4-5","role":"assistant","content":[{"type":"tool_use","id":"t","name":"Edit","input":{"file_path":"\(cwd)/src/app.ts"}}],"usage":{"input_tokens":10,"output_tokens":20,"cache_creation_input_tokens":30,"cache_read_input_tokens":40}}}

            """
    }

    struct Setup {
        let folder: TemporaryDirectory
        let database: Database

        init() throws {
            folder = try TemporaryDirectory("sessions")
            database = try Database(path: folder.path + "/db.sqlite")
        }

        func ingest(_ paths: [String], keepPrompts: Bool = false, repositories: [Repository] = []) throws
            -> SessionIngestReport
        {
            try SessionIngestor(database: database, environment: [:], keepPrompts: keepPrompts)
                .ingest(SessionIngestor.entries(under: paths), repositories: repositories)
        }

        func count(_ table: String) throws -> Int {
            try database.prepare("SELECT count(*) FROM \(table)").first { $0.int(0) } ?? -1
        }
    }

    @Test("a token count no request can have (negative, or near Int64.max) is read as 0: the database's sums stay finite")
    func implausibleTokens() throws {
        let setup = try Setup()
        defer { setup.folder.remove() }
        let good = Self.claudeSession("a", cwd: "/w/app", prompt: "hi")
        let huge = Self.claudeSession("b", cwd: "/w/app", prompt: "hi", minute: 5)
            .replacingOccurrences(of: #""cache_read_input_tokens":40"#, with: #""cache_read_input_tokens":9223372036854775807"#)
            .replacingOccurrences(of: #""input_tokens":10"#, with: #""input_tokens":-500"#)
        try setup.folder.write("logs/a.jsonl", good)
        try setup.folder.write("logs/b.jsonl", huge)
        _ = try setup.ingest([setup.folder.path + "/logs"])
        let sessions = try SessionStore(database: setup.database).sessions()
        #expect(sessions.map(\.tokens.cacheRead) == [40, 0])
        #expect(sessions.map(\.tokens.input) == [10, 0])
        #expect(sessions.map(\.tokens.output) == [20, 20])
        #expect(UsageRecord(key: "k", input: -1, output: UsageRecord.maximum + 1, cacheRead: 7).total == 7)
    }

    @Test("tied to no repository, a file edited by its absolute path and listed relative to the working directory is one file")
    func filesRelativeToWorkingDirectory() throws {
        let setup = try Setup()
        defer { setup.folder.remove() }
        // The fixture edits /w/app/src/app.ts; a snapshot line names it relative to the working directory.
        let log = Self.claudeSession("a", cwd: "/w/app", prompt: "hi") + #"""
            {"type":"file-history-snapshot","messageId":"m1","snapshot":{"messageId":"m1","trackedFileBackups":{"src/app.ts":{"backupFileName":"b@v1","version":1,"backupTime":"2026-03-01T10:00:40.000Z"}},"timestamp":"2026-03-01T10:00:40.000Z"},"isSnapshotUpdate":false}

            """#
        try setup.folder.write("logs/a.jsonl", log)
        _ = try setup.ingest([setup.folder.path + "/logs"])
        #expect(try SessionStore(database: setup.database).sessions().map(\.filesEdited) == [["src/app.ts"]])
    }

    @Test("a log only touched (same bytes, a new modification time) is unchanged: not read, no session 'updated'")
    func touchedOnly() throws {
        let setup = try Setup()
        defer { setup.folder.remove() }
        let fixtures = try SessionFixtures.path("")
        try FileManager.default.copyItem(atPath: String(fixtures.dropLast()), toPath: setup.folder.path + "/logs")
        let first = try setup.ingest([setup.folder.path + "/logs"])
        #expect(first.read > 10, "\(FileManager.default.enumerator(atPath: setup.folder.path + "/logs")?.allObjects.count ?? -1) files")
        // Every file's modification time moves an hour on.
        let files = FileManager.default.enumerator(atPath: setup.folder.path + "/logs")?.allObjects as? [String] ?? []
        for file in files {
            let path = setup.folder.path + "/logs/" + file
            guard FileKind(path: path) == .regular else { continue }
            try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(3_600)], ofItemAtPath: path)
        }
        let second = try setup.ingest([setup.folder.path + "/logs"])
        // Only Gemini's legacy JSON (2 files, rewritten whole with updated records: no fingerprint can tell
        // a touch from a rewrite) is read again; aider's history and every JSONL log are unchanged.
        #expect(second.read == 2 && second.newSessions == 0, "read \(second.read), found \(second.found)")
        #expect(second.updatedSessions <= 2)
        #expect(second.unchanged == first.read - 2)
    }

    @Test("the real samples ingested twice leave identical row counts, and the second run reads nothing")
    func idempotent() throws {
        let setup = try Setup()
        defer { setup.folder.remove() }
        let fixtures = try SessionFixtures.path("")
        let first = try setup.ingest([fixtures])
        #expect(first.read > 10)
        let tables = ["session", "session_part", "session_event", "session_detail", "token_usage", "log_file"]
        let before = try tables.map(setup.count)
        let second = try setup.ingest([fixtures])
        #expect(second.read == 0)
        #expect(second.unchanged == first.read + first.skipped.count - second.skipped.count)
        #expect(try tables.map(setup.count) == before)
    }

    @Test("many logs are read in parallel batches and stored as one by one: same report, rows and warnings")
    func batches() throws {
        let count = SessionIngestor.batchSize * 2 + 7
        let logs = try TemporaryDirectory("many")
        defer { logs.remove() }
        var paths: [String] = []
        for index in 0..<count {
            let path = logs.path + "/s\(index).jsonl"
            var text = Self.claudeSession("S\(index)", cwd: "/work/p\(index % 5)", prompt: "prompt \(index)", minute: index % 60)
            if index % 10 == 3 { text += "this is { not json\n" }
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            paths.append(path)
        }
        // The folder, then one file again: a duplicate lands in the next batch and sees the first stored.
        let parallel = try Setup()
        defer { parallel.folder.remove() }
        let diagnostics = Diagnostics()
        let report = try SessionIngestor(database: parallel.database, environment: [:], keepPrompts: false, diagnostics: diagnostics)
            .ingest(SessionIngestor.entries(under: [logs.path, paths[SessionIngestor.batchSize - 1]]), repositories: [])
        #expect(report.read == count)
        #expect(report.unchanged == 1)
        #expect(report.newSessions == count)
        #expect(report.malformed.map(\.path) == paths.indices.filter { $0 % 10 == 3 }.map { paths[$0] }.sorted())

        let oneByOne = try Setup()
        defer { oneByOne.folder.remove() }
        let oneByOneDiagnostics = Diagnostics()
        for path in (paths + [paths[SessionIngestor.batchSize - 1]]).sorted() {
            _ = try SessionIngestor(database: oneByOne.database, environment: [:], keepPrompts: false, diagnostics: oneByOneDiagnostics)
                .ingest(SessionIngestor.entries(under: [path]), repositories: [])
        }
        let tables = ["session", "session_part", "session_event", "session_detail", "token_usage", "log_file"]
        #expect(try tables.map(parallel.count) == tables.map(oneByOne.count))
        #expect(diagnostics.messages == oneByOneDiagnostics.messages)
    }

    @Test("a log unchanged since it was read keeps its recorded format without being read; a changed one is recognised again")
    func knownFormats() throws {
        let setup = try Setup()
        defer { setup.folder.remove() }
        let logs = try TemporaryDirectory("logs")
        defer { logs.remove() }
        let path = logs.path + "/s.jsonl"
        let text = Self.claudeSession("S", cwd: "/work/p", prompt: "hi")
        // A whole second, which setting the time keeps exactly.
        let modified = Date(timeIntervalSince1970: 1_770_000_000)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.modificationDate: modified], ofItemAtPath: path)
        _ = try setup.ingest([logs.path])
        let known = try KnownFormats(store: SessionStore(database: setup.database))
        // Same size and modification time, other bytes: only a read would notice.
        try String(repeating: "x", count: text.utf8.count).write(toFile: path, atomically: false, encoding: .utf8)
        try FileManager.default.setAttributes([.modificationDate: modified], ofItemAtPath: path)
        #expect(SessionIngestor.entries(under: [logs.path], known: known).map(\.format) == [.claudeJSONL])
        #expect(SessionIngestor.entries(under: [logs.path]).isEmpty)
        try (String(repeating: "x", count: 10) + "\n").write(toFile: path, atomically: false, encoding: .utf8)
        #expect(SessionIngestor.entries(under: [logs.path], known: known).isEmpty)
    }

    @Test("a full batch goes on while its logs share a folder (sub-agents count as their project's), up to four times")
    func batchFolders() {
        let size = SessionIngestor.batchSize
        func entries(_ folder: String, _ count: Int) -> [SessionLogEntry] {
            (0..<count).map { SessionLogEntry(path: "/logs/\(folder)/s\($0).jsonl", format: .claudeJSONL) }
        }
        let sub = (0..<3).map { SessionLogEntry(path: "/logs/a/s0/subagents/agent-\($0).jsonl", format: .claudeJSONL) }
        let a = entries("a", size + 10), b = entries("b", size * 5)
        let counts = SessionIngestor.batches(of: a + sub + b).map(\.count)
        #expect(counts == [size + 13, size * 4, size])
        // A path seen again always starts a new batch; small folders share one.
        #expect(SessionIngestor.batches(of: entries("c", 2) + entries("d", 2) + entries("c", 1)).map(\.count) == [4, 1])
    }

    @Test("a log that grows by one session adds exactly that session; a replaced one keeps what it gave and adds its new sessions")
    func growthAndRewrite() throws {
        let setup = try Setup()
        defer { setup.folder.remove() }
        let path = setup.folder.path + "/logs/one.jsonl"
        try setup.folder.write("logs/one.jsonl", Self.claudeSession("s1", cwd: "/w/app", prompt: "add an endpoint"))
        _ = try setup.ingest([path])
        #expect(try setup.count("session") == 1)
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(Self.claudeSession("s2", cwd: "/w/app", prompt: "write tests", minute: 20).utf8))
        try handle.close()
        let grown = try setup.ingest([path])
        #expect(grown.newSessions == 1)
        #expect(grown.rewritten == 0)
        #expect(try setup.count("session") == 2)
        #expect(try setup.count("token_usage") == 2)

        try setup.folder.write("logs/one.jsonl", Self.claudeSession("s3", cwd: "/w/app", prompt: "start over", minute: 40))
        let rewritten = try setup.ingest([path])
        #expect(rewritten.rewritten == 1)
        let sessions = try SessionStore(database: setup.database).sessions()
        #expect(sessions.map(\.id) == ["s1", "s2", "s3"])
        #expect(sessions.last?.tokens == TokenTotals(input: 10, output: 20, cacheWrite: 30, cacheRead: 40))
        // Read again, nothing is added twice.
        _ = try setup.ingest([path])
        #expect(try setup.count("session") == 3)
        #expect(try setup.count("token_usage") == 3)
    }

    @Test("a log of only unknown record types is reported as unread once; records of unknown types appended to a read log are not")
    func onlyUnknownRecords() throws {
        let setup = try Setup()
        defer { setup.folder.remove() }
        // The envelope kept (`parentUuid` tells a Claude log), the conversation types renamed.
        let renamed = Self.claudeSession("f1", cwd: "/w/app", prompt: "fix it")
            .replacingOccurrences(of: #"{"type":"user""#, with: #"{"parentUuid":null,"type":"user_message""#)
            .replacingOccurrences(of: #""type":"assistant""#, with: #""type":"assistant_message""#)
        try setup.folder.write("logs/f1.jsonl", renamed)
        let ordinaryPath = setup.folder.path + "/logs/s1.jsonl"
        try setup.folder.write("logs/s1.jsonl", Self.claudeSession("s1", cwd: "/w/app", prompt: "add an endpoint"))
        let first = try setup.ingest([setup.folder.path + "/logs"])
        #expect(first.unread.map(\.path) == [setup.folder.path + "/logs/f1.jsonl"])
        #expect(first.unread.map(\.tool) == ["claude-code"])
        #expect(first.newSessions == 2)
        // The ordinary log grows by records of new types only: its session had what it had, nothing is said.
        let handle = try #require(FileHandle(forWritingAtPath: ordinaryPath))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(Self.claudeSession("s1", cwd: "/w/app", prompt: "more", minute: 5)
            .replacingOccurrences(of: #"{"type":"user""#, with: #"{"parentUuid":null,"type":"user_message""#)
            .replacingOccurrences(of: #""type":"assistant""#, with: #""type":"assistant_message""#)
            .replacingOccurrences(of: "-s1\"", with: "-s1-later\"").utf8))
        try handle.close()
        let grown = try setup.ingest([setup.folder.path + "/logs"])
        #expect(grown.read == 1)
        #expect(grown.unread.isEmpty)
    }

    @Test("planted secrets never reach the database file, with or without --keep-prompts")
    func secrets() throws {
        for keep in [false, true] {
            let setup = try Setup()
            defer { setup.folder.remove() }
            let secrets = [
                "AKIA" + "IOSFODNN7EXAMPLE", "ghp_" + "1234567890abcdefghijABCDEFGHIJ123456",
                "sk-ant-" + "api03-abcdefghijklmnopqrstuvwxyz0123456789", "sk-proj-" + "abcdefghijklmnopqrstuvwxyz0123456789ABCD",
                "AIza" + "SyA1234567890abcdefghijklmnopqrstuv", "xoxb-" + "123456789012-1234567890123-abcdefghijklmnop",
                "sk_live_" + "abcdefghijklmnop1234567890",
                "eyJhbGciOiJIUzI1NiJ9" + ".eyJzdWIiOiIxMjM0NTY3ODkwIn0" + ".dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
                "hunter2-db-password",
            ]
            let prompt = "use " + secrets.dropLast().joined(separator: " and ") + " with DB_PASSWORD=" + secrets[secrets.count - 1]
                + " and -----BEGIN RSA PRIVATE KEY-----\\nMIIEowIBAAKCAQEAsecretkeybody\\n-----END RSA PRIVATE KEY-----"
            try setup.folder.write("logs/s.jsonl", Self.claudeSession("sec", cwd: "/w/app", prompt: prompt))
            _ = try setup.ingest([setup.folder.path + "/logs"], keepPrompts: keep)
            #expect(try setup.count("session") == 1)
            #expect(try setup.count("session_prompt") == (keep ? 1 : 0))
            try setup.database.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            var bytes = FileManager.default.contents(atPath: setup.folder.path + "/db.sqlite") ?? Data()
            bytes += FileManager.default.contents(atPath: setup.folder.path + "/db.sqlite-wal") ?? Data()
            let text = String(decoding: bytes, as: UTF8.self)
            for secret in secrets + ["MIIEowIBAAKCAQEAsecretkeybody"] {
                #expect(!text.contains(secret), "\(secret.prefix(8))… is in the database (keep-prompts: \(keep))")
            }
        }
    }

    @Test("a log without a working directory (Gemini up to v0.28) gets one from its edited files and its project hash")
    func projectHashResolution() {
        let repository = Repository(id: 7, root: "/srv/checkouts/acme-shop", origin: nil, name: "acme-shop", lastIngest: nil)
        let resolver = RepositoryResolver(repositories: [repository], environment: [:])
        let root = "/home/erin/code/acme-shop"
        let hash = SHA256.hex(SHA256.hash(Array(root.utf8)))
        let files = [root + "/src/cart/total.ts", root + "/src/cart/tax.ts"]
        // The files all lie in src/cart; the hash names the folder two above.
        #expect(RepositoryResolver.projectRoot(files, projectHash: hash)?.root == root)
        #expect(RepositoryResolver.projectRoot(files, projectHash: nil)?.root == root + "/src/cart")
        #expect(RepositoryResolver.projectRoot(files, projectHash: String(repeating: "0", count: 64))?.root == root + "/src/cart")
        #expect(RepositoryResolver.projectRoot(["/a.ts", "/b/c.ts"], projectHash: nil) == nil)
        #expect(RepositoryResolver.projectRoot(["src/a.ts"], projectHash: hash) == nil)
        let match = resolver.resolve(nil, filesEdited: files, projectHash: hash)
        #expect(match?.repositoryID == 7)
        #expect(match?.root == root)
        #expect(match?.evidence == "repository name acme-shop in \(root) (its project hash is that of \(root))")
        // Without the hash, the folder the files share still names the clone.
        #expect(resolver.resolve(nil, filesEdited: files)?.root == root)
        // A working directory, when the log has one, is read as before.
        #expect(resolver.resolve("/Users/bob/acme-shop", filesEdited: files, projectHash: hash)?.evidence == "repository name acme-shop in /Users/bob/acme-shop")
    }

    @Test("Windows paths: written with forward slashes, matched by folder name, their files made repository-relative")
    func windowsPaths() {
        #expect(LogText.portablePath(#"C:\Users\bob\source\repos\backend"#) == "C:/Users/bob/source/repos/backend")
        #expect(LogText.portablePath(#"\\host\share\backend\app.py"#) == "//host/share/backend/app.py")
        #expect(LogText.portablePath(#"app\models.py"#) == "app/models.py")
        #expect(LogText.portablePath(#"/home/x/odd\name"#) == #"/home/x/odd\name"#)
        let repository = Repository(id: 3, root: "/srv/backend", origin: nil, name: "backend", lastIngest: nil)
        let resolver = RepositoryResolver(repositories: [repository], environment: [:])
        let match = resolver.resolve("C:/Users/bob/source/repos/backend/app", filesEdited: ["C:/Users/bob/source/repos/backend/app/a.py"])
        #expect(match?.repositoryID == 3)
        #expect(match?.root == "C:/Users/bob/source/repos/backend")
        #expect(resolver.resolve("//host/share/backend")?.root == "//host/share/backend")
    }

    @Test("a folder inside a checkout named like another repository: the checkout whose files the session edited wins")
    func subfolderNamedLikeAnotherRepository() throws {
        let folder = try TemporaryDirectory("resolver")
        defer { folder.remove() }
        try folder.write("frontend/src/shared/button.ts", "x\n")
        try folder.write("shared/util.ts", "y\n")
        let frontend = Repository(id: 1, root: folder.path + "/frontend", origin: nil, name: "frontend", lastIngest: nil)
        let shared = Repository(id: 2, root: folder.path + "/shared", origin: nil, name: "shared", lastIngest: nil)
        let resolver = RepositoryResolver(repositories: [frontend, shared], environment: [:])
        let cwd = "/Users/alice/code/frontend/src/shared"
        #expect(resolver.resolve(cwd, filesEdited: [cwd + "/button.ts"])?.repositoryID == 1)
        // Files of the deeper one, or none to tell by: the deepest folder's name, as before.
        #expect(resolver.resolve(cwd, filesEdited: [cwd + "/util.ts"])?.repositoryID == 2)
        #expect(resolver.resolve(cwd)?.repositoryID == 2)
    }

    @Test("a Gemini log that edited relative paths is tied to the checkout whose root has its project hash")
    func geminiProjectHashOfCheckout() {
        let root = "/home/farhan/src/shop"
        let shop = Repository(id: 1, root: root, origin: nil, name: "shop", lastIngest: nil)
        let other = Repository(id: 2, root: "/home/farhan/src/other", origin: nil, name: "other", lastIngest: nil)
        let resolver = RepositoryResolver(repositories: [other, shop], environment: [:])
        let hash = SHA256.hex(SHA256.hash(Array(root.utf8)))
        let match = resolver.resolve(nil, filesEdited: ["README.md", "src/refunds.py"], projectHash: hash)
        #expect(match?.repositoryID == 1 && match?.root == root)
        #expect(match?.evidence.contains("project hash") == true)
        // A session that edited nothing is tied all the same; a hash of no checkout ties nothing.
        #expect(resolver.resolve(nil, projectHash: hash.uppercased())?.repositoryID == 1)
        #expect(resolver.resolve(nil, filesEdited: ["README.md"], projectHash: String(repeating: "0", count: 64)) == nil)
    }

    @Test("a Gemini log whose project hash is an edited path's folder keeps that folder as its working directory (and owner)")
    func geminiWorkingDirectory() throws {
        let setup = try Setup()
        defer { setup.folder.remove() }
        let root = "/home/farhan/src/mini"
        let hash = SHA256.hex(SHA256.hash(Array(root.utf8)))
        let chats = setup.folder.path + "/.gemini/tmp/\(hash)/chats"
        try FileManager.default.createDirectory(atPath: chats, withIntermediateDirectories: true)
        let lines = [
            #"{"sessionId":"454fadbb-c01a-c428-b746-17fc474a7174","projectHash":"\#(hash)","startTime":"2026-03-13T04:11:00.000Z","lastUpdated":"2026-03-13T04:11:00.000Z","kind":"main"}"#,
            #"{"id":"m0","timestamp":"2026-03-13T04:11:00.000Z","type":"user","content":[{"text":"Apply audit rules"}]}"#,
            #"{"id":"m1","timestamp":"2026-03-13T04:15:00.000Z","type":"gemini","content":"","model":"gemini-2.5-pro","tokens":{"input":10,"output":10,"cached":0,"thoughts":0,"tool":0,"total":20},"toolCalls":[{"id":"c0","name":"replace","args":{"file_path":"\#(root)/backend/app/domain/audit_rules.py"},"status":"success","timestamp":"2026-03-13T04:15:00.000Z"}]}"#,
        ]
        try (lines.joined(separator: "\n") + "\n").write(toFile: chats + "/session-2026-03-13T04-11-454fadbb.jsonl", atomically: true, encoding: .utf8)
        let report = try setup.ingest([setup.folder.path])
        #expect(report.read == 1)
        let stored = try setup.database.prepare("SELECT tool, working_directory, owner FROM session").first {
            [$0.text(0), $0.text(1), $0.text(2)]
        }
        #expect(stored?[0] == "gemini")
        #expect(stored?[1] == root)
    }

    @Test("a session in another clone of the repository resolves by name; inside the root by prefix")
    func repositoryResolution() throws {
        let setup = try Setup()
        defer { setup.folder.remove() }
        let store = CommitStore(database: setup.database)
        let repository = try store.upsertRepository(root: "/srv/checkouts/acme-shop", origin: nil, name: "acme-shop")
        try setup.folder.write("a/one.jsonl", Self.claudeSession("here", cwd: "/srv/checkouts/acme-shop/src", prompt: "x"))
        try setup.folder.write("b/two.jsonl", Self.claudeSession("there", cwd: "/Users/bob/code/acme-shop", prompt: "y", minute: 5))
        try setup.folder.write("c/three.jsonl", Self.claudeSession("elsewhere", cwd: "/home/x/other", prompt: "z", minute: 9))
        _ = try setup.ingest([setup.folder.path + "/a", setup.folder.path + "/b", setup.folder.path + "/c"], repositories: [repository])
        let sessions = try SessionStore(database: setup.database).sessions()
        let byID = Dictionary(uniqueKeysWithValues: sessions.map { ($0.id, $0) })
        #expect(byID["here"]?.repository == "/srv/checkouts/acme-shop")
        #expect(byID["there"]?.repository == "/srv/checkouts/acme-shop")
        #expect(byID["there"]?.filesEdited == ["src/app.ts"])
        #expect(byID["elsewhere"]?.repository == nil)
        let evidence = try setup.database.prepare("SELECT key, repository_evidence FROM session ORDER BY key").rows {
            ($0.text(0), $0.optionalText(1))
        }
        #expect(evidence.first { $0.0 == "here" }?.1?.hasPrefix("path prefix") == true)
        #expect(evidence.first { $0.0 == "there" }?.1?.hasPrefix("repository name acme-shop") == true)
    }

    @Test("a repository ingested while the run read (another process's ingest git) ties the sessions read before it, in the same run")
    func repositoryIngestedMeanwhile() throws {
        let setup = try Setup()
        defer { setup.folder.remove() }
        // The run is handed the repositories as they were when it began (none); the database has one by the end.
        _ = try CommitStore(database: setup.database).upsertRepository(root: "/srv/checkouts/acme-shop", origin: nil, name: "acme-shop")
        try setup.folder.write("a/one.jsonl", Self.claudeSession("here", cwd: "/srv/checkouts/acme-shop/src", prompt: "x"))
        try setup.folder.write("c/three.jsonl", Self.claudeSession("elsewhere", cwd: "/home/x/other", prompt: "z", minute: 9))
        let report = try setup.ingest([setup.folder.path + "/a", setup.folder.path + "/c"], repositories: [])
        #expect(report.read == 2 && report.newSessions == 2)
        let sessions = try SessionStore(database: setup.database).sessions()
        #expect(sessions.first { $0.id == "here" }?.repository == "/srv/checkouts/acme-shop")
        #expect(sessions.first { $0.id == "elsewhere" }?.repository == nil)
        // Nothing left marked: the next run reads nothing.
        let next = try setup.ingest([setup.folder.path + "/a", setup.folder.path + "/c"], repositories: [])
        #expect(next.read == 0 && next.unchanged == 2)
    }

    @Test("a session in a worktree of the repository, or in its checkout through a symbolic link, is the repository's")
    func worktreeAndLinkedCheckout() throws {
        let setup = try Setup()
        let repository = try ScriptedRepository("shop-main")
        defer {
            setup.folder.remove()
            repository.remove()
        }
        try repository.write("lib/cart.py", "x\n")
        try repository.commit("Initial layout")
        // Named like no repository, and without an origin: only git's shared directory tells.
        let worktree = setup.folder.path + "/agent-7"
        try repository.git("worktree", "add", "-q", worktree, "-b", "agent-7")
        let link = setup.folder.path + "/linked-code"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: repository.path)
        let stored = try CommitStore(database: setup.database).upsertRepository(root: repository.path, origin: nil, name: "shop-main")
        try setup.folder.write("logs/a.jsonl", Self.claudeSession("in-worktree", cwd: worktree, prompt: "x"))
        try setup.folder.write("logs/b.jsonl", Self.claudeSession("through-link", cwd: link + "/lib", prompt: "y", minute: 5))
        try setup.folder.write("logs/c.jsonl", Self.claudeSession("unrelated", cwd: setup.folder.path + "/logs", prompt: "z", minute: 9))
        _ = try setup.ingest([setup.folder.path + "/logs"], repositories: [stored])
        let byID = Dictionary(uniqueKeysWithValues: try SessionStore(database: setup.database).sessions().map { ($0.id, $0) })
        #expect(byID["in-worktree"]?.repository == repository.path)
        #expect(byID["in-worktree"]?.filesEdited == ["src/app.ts"])
        #expect(byID["through-link"]?.repository == repository.path)
        #expect(byID["through-link"]?.filesEdited == ["lib/src/app.ts"])
        #expect(byID["unrelated"]?.repository == nil)
        let evidence = Dictionary(
            uniqueKeysWithValues: try setup.database.prepare("SELECT key, repository_evidence FROM session").rows {
                ($0.text(0), $0.optionalText(1) ?? "")
            })
        #expect(evidence["in-worktree"]?.hasPrefix("a worktree of \(repository.path)") == true, "\(evidence)")
        #expect(evidence["through-link"]?.hasSuffix("(through a symbolic link)") == true, "\(evidence)")
    }

    @Test("a parent's active time merges its sub-agents' events instead of adding them")
    func activeTimeWithSubAgents() {
        // Parent active 10:00–10:09 (events each 3 min); a sub-agent active 10:03–10:06 in parallel.
        let parent: [Int64] = [0, 180_000, 360_000, 540_000]
        let child: [Int64] = [180_000, 270_000, 360_000]
        #expect(ActiveTime.seconds(parent) == 540)
        #expect(ActiveTime.seconds(parent + child) == 540)
        #expect(ActiveTime.seconds([0, 700_000]) == 0)
    }
}
