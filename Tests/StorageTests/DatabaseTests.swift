import Foundation
import Storage
import TestSupport
import Testing

@Suite("The SQLite wrapper and schema migrations")
struct DatabaseTests {
    @Test("a new database is migrated to the latest schema")
    func migrates() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try Database(path: directory.path + "/nested/db.sqlite")
        #expect(try database.schemaVersion() == Migrations.all.count)
    }

    @Test("commands opening one new database at once migrate it once, without an error (cron jobs on a first run)")
    func concurrentFirstOpen() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        for attempt in 0..<5 {
            let path = directory.path + "/db\(attempt).sqlite"
            let failures = await withTaskGroup(of: String?.self) { group in
                for _ in 0..<4 {
                    group.addTask {
                        do {
                            _ = try Database(path: path)
                            return nil
                        } catch { return "\(error)" }
                    }
                }
                return await group.reduce(into: [String]()) { if let failure = $1 { $0.append(failure) } }
            }
            #expect(failures.isEmpty, "\(failures)")
            #expect(try Database(path: path).schemaVersion() == Migrations.all.count)
        }
    }

    @Test("an older database's identity marks are told apart on upgrade: author, committer alone, message")
    func markBasisUpgrade() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path + "/db.sqlite"
        let before = Array(Migrations.all.prefix { $0.name != "mark-basis" })
        do {
            let old = try Database(path: path, migrations: before)
            try old.execute(
                """
                INSERT INTO repository (id, root, name) VALUES (1, '/r', 'r');
                INSERT INTO git_commit (id, repository_id, hash, parents, author_name, author_email, author_time,
                    author_offset, committer_name, committer_email, committer_time, subject, body, is_merge, is_bot,
                    lines_added, lines_deleted)
                VALUES (1, 1, 'a', '', 'Ann', 'a@x', 0, 0, 'Ann (aider)', 'a@x', 0, 's', '', 0, 0, 1, 0);
                INSERT INTO ai_mark VALUES (1, 'aider', 'message', 'committer Ann (aider) <a@x>');
                INSERT INTO ai_mark VALUES (1, 'claude-code', 'message', 'author Claude <noreply@anthropic.com>');
                INSERT INTO ai_mark VALUES (1, 'codex', 'message', 'Co-authored-by: Codex <noreply@openai.com>');
                """)
        }
        let upgraded = try Database(path: path)
        let sources = try upgraded.prepare("SELECT tool, source FROM ai_mark ORDER BY tool").rows { ($0.text(0), $0.text(1)) }
        #expect(sources.map(\.1) == ["committer", "author", "message"])
    }

    @Test("redact() in SQL is SecretRedactor's redaction; NULL stays NULL")
    func redactFunction() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try Database(path: directory.path + "/db.sqlite")
        let texts = try database.prepare(
            "SELECT redact('fix/ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8'), redact('main'), redact(NULL) IS NULL"
        ).first { ($0.text(0), $0.text(1), $0.int(2)) }
        #expect(texts?.0 == "fix/[REDACTED]")
        #expect(texts?.1 == "main")
        #expect(texts?.2 == 1)
    }

    @Test("an older database's session texts lose the secrets SecretRedactor learnt since, and its impossible token counts")
    func newerRedactionOnUpgrade() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path + "/db.sqlite"
        let npm = "npm_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8"
        let password = "Tr0ub4dor" + "horsebattery"
        do {
            let old = try Database(path: path, migrations: Array(Migrations.all.prefix { $0.name != "token counts in range" }))
            try old.execute(
                """
                INSERT INTO log_file (id, path, tool, size, modified, consumed, fingerprint, last_read)
                VALUES (1, '/gone/s.jsonl', 'claude-code', 1, 1, 1, '', 0);
                INSERT INTO session (id, tool, key, source, working_directory)
                VALUES (1, 'claude-code', 's1', '/gone/s.jsonl', '/w/\(npm)/app');
                INSERT INTO session_prompt (session_id, log_file_id, position, text)
                VALUES (1, 1, 0, 'use postgres://admin:\(password)@db/x');
                INSERT INTO token_usage (key, session_id, input, output, cache_write, cache_read)
                    VALUES ('k1', 1, -500, 5, 0, 9223372036854775807);
                """)
        }
        let upgraded = try Database(path: path)
        #expect(try upgraded.prepare("SELECT working_directory FROM session").first { $0.text(0) } == "/w/[REDACTED]/app")
        #expect(try upgraded.prepare("SELECT text FROM session_prompt").first { $0.text(0) } == "use postgres://admin:[REDACTED]@db/x")
        #expect(
            try upgraded.prepare("SELECT input, output, cache_read FROM token_usage").first { [$0.int(0), $0.int(1), $0.int(2)] }
                == [0, 5, 0])
    }

    /// A database migrated up to (not including) `migration`, with one stored prompt `prompt` and
    /// `extra` SQL run on it, then opened as the current version migrates it; removed by `directory`.
    func upgraded(from migration: String, prompt: String, extra: String = "", in directory: TemporaryDirectory) throws -> Database {
        let path = directory.path + "/db.sqlite"
        do {
            let old = try Database(path: path, migrations: Array(Migrations.all.prefix { $0.name != migration }))
            try old.execute(
                """
                INSERT INTO log_file (id, path, tool, size, modified, consumed, fingerprint, last_read)
                VALUES (1, '/gone/s.jsonl', 'claude-code', 1, 1, 1, '', 0);
                INSERT INTO session (id, tool, key, source) VALUES (1, 'claude-code', 's1', '/gone/s.jsonl');
                INSERT INTO session_prompt (session_id, log_file_id, position, text) VALUES (1, 1, 0, '\(prompt)');
                \(extra)
                """)
        }
        return try Database(path: path)
    }

    @Test("an older database's session texts lose the Twilio keys SecretRedactor learnt since")
    func twilioRedactionOnUpgrade() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let key = "SK" + "0123456789abcdef0123456789abcdef"
        let upgraded = try upgraded(from: "redacted session texts, Twilio", prompt: "call with \(key) now", in: directory)
        #expect(try upgraded.prepare("SELECT text FROM session_prompt").first { $0.text(0) } == "call with [REDACTED] now")
    }

    @Test("an older database loses the prompts' DB_PASS= values and the review's cached diffs, secrets included")
    func moreShapesAndDiffsOnUpgrade() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let value = "Kx7Wm2Xn" + "9Pv4Lr8Q"
        let upgraded = try upgraded(
            from: "redacted session texts, more shapes", prompt: "use DB_PASS=\(value) here",
            extra: "INSERT INTO commit_diff (repository, hash, reader, diff) VALUES ('/r', 'abc', 1, '{\"added\":\"STRIPE=\(value)\"}');",
            in: directory)
        #expect(try upgraded.prepare("SELECT text FROM session_prompt").first { $0.text(0) } == "use DB_PASS=[REDACTED] here")
        #expect(try upgraded.prepare("SELECT count(*) FROM commit_diff").first { $0.int(0) } == 0)
    }

    @Test("an older database's session texts are redacted on upgrade, rows whose logs are gone included")
    func sessionTextsRedactedOnUpgrade() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path + "/db.sqlite"
        let github = "ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8"
        let aws = "AKIAIOSFODNN7EXAMPLQ"
        do {
            let old = try Database(path: path, migrations: Array(Migrations.all.prefix { $0.name != "redacted session texts" }))
            try old.execute(
                """
                INSERT INTO log_file (id, path, tool, size, modified, consumed, fingerprint, last_read)
                VALUES (1, '/gone/s.jsonl', 'claude-code', 1, 1, 1, '', 0);
                INSERT INTO session (id, tool, key, source, working_directory, git_branch, tool_version, repository_evidence)
                VALUES (1, 'claude-code', 's1', '/gone/s.jsonl', '/w/\(aws)', 'fix/\(github)', '2.1 \(aws)', 'path prefix /w/\(aws)');
                INSERT INTO session_part (session_id, log_file_id, prompts, prompt_characters) VALUES (1, 1, 1, 5);
                INSERT INTO session_detail (session_id, log_file_id, kind, value) VALUES
                    (1, 1, 'model', 'opus \(github)'), (1, 1, 'model', 'opus [REDACTED]'), (1, 1, 'file', 'src/a.py'),
                    (1, 1, 'word', 'refund');
                INSERT INTO token_usage (key, session_id, input, output, cache_write, cache_read)
                    VALUES ('copilot:s1:e9:\(aws)', 1, 10, 5, 0, 0);
                INSERT INTO session_workflow (session_id, log_file_id, start_evidence) VALUES (1, 1, 'permissionMode \(github)');
                """)
        }
        let upgraded = try Database(path: path)
        let session = try upgraded.prepare(
            "SELECT working_directory, git_branch, tool_version, repository_evidence, key FROM session"
        ).first { [$0.text(0), $0.text(1), $0.text(2), $0.text(3), $0.text(4)] }
        #expect(session == ["/w/[REDACTED]", "fix/[REDACTED]", "2.1 [REDACTED]", "path prefix /w/[REDACTED]", "s1"])
        let details = try upgraded.prepare("SELECT kind, value FROM session_detail ORDER BY kind, value").rows {
            $0.text(0) + " " + $0.text(1)
        }
        // The redacted model collides with the one already there: one row is left.
        #expect(details == ["file src/a.py", "model opus [REDACTED]", "word refund"])
        #expect(try upgraded.prepare("SELECT key FROM token_usage").rows { $0.text(0) } == ["copilot:s1:e9:[REDACTED]"])
        #expect(
            try upgraded.prepare("SELECT start_evidence FROM session_workflow").rows { $0.text(0) }
                == ["permissionMode [REDACTED]"])
        try upgraded.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        // Nor do the file's free space and its write-ahead log keep the old values.
        for file in [path, path + "-wal"] where FileManager.default.fileExists(atPath: file) {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: file))
            for secret in [github, aws] { #expect(bytes.range(of: Data(secret.utf8)) == nil, "\(file) holds \(secret)") }
        }
    }

    @Test("a larger page cache lasts only while its body runs, also when the body throws")
    func pageCache() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try Database(path: directory.path + "/db.sqlite", migrations: [])
        let cacheSize = { try database.prepare("PRAGMA cache_size").first { $0.int64(0) } }
        let before = try cacheSize()
        let inside = try database.withPageCache(megabytes: 16) { try cacheSize() }
        #expect(inside == -16 * 1_024)
        #expect(try cacheSize() == before)
        struct Stop: Error {}
        #expect(throws: Stop.self) { try database.withPageCache(megabytes: 8) { throw Stop() } }
        #expect(try cacheSize() == before)
    }

    @Test("values are bound, so quotes, odd text and bytes survive")
    func binding() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try Database(path: directory.path + "/db.sqlite", migrations: [])
        try database.execute("CREATE TABLE t (a TEXT, b INTEGER, c REAL)")
        let text = "'); DROP TABLE t; -- \u{0} ünï"
        try database.prepare("INSERT INTO t VALUES (?, ?, ?)").execute([.text(text), .integer(-5), .real(1.5)])
        let row = try database.prepare("SELECT a, b, c FROM t").first { ($0.text(0), $0.int(1), $0.double(2)) }
        #expect(row?.0 == text)
        #expect(row?.1 == -5)
        #expect(row?.2 == 1.5)
        try database.execute("CREATE TABLE b (v BLOB)")
        let bytes: [UInt8] = [0, 255, 0x27, 10, 0]
        try database.prepare("INSERT INTO b VALUES (?), (?)").execute([.blob(bytes), .blob([])])
        let blobs = try database.prepare("SELECT v, typeof(v) FROM b ORDER BY length(v) DESC").rows { ($0.blob(0), $0.text(1)) }
        #expect(blobs.map(\.0) == [bytes, []])
        #expect(blobs.map(\.1) == ["blob", "blob"])
    }

    @Test("the same SQL reuses its statement, except inside a query of that statement")
    func statementCache() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try Database(path: directory.path + "/db.sqlite", migrations: [])
        try database.execute("CREATE TABLE t (a INTEGER)")
        let insert = try database.prepare("INSERT INTO t VALUES (?)")
        #expect(try database.prepare("INSERT INTO t VALUES (?)") === insert)
        for value in 1...3 { try database.prepare("INSERT INTO t VALUES (?)").execute([.integer(Int64(value))]) }
        // A query whose rows run the same query again: each needs its own statement.
        let select = "SELECT a FROM t WHERE a >= ? ORDER BY a"
        var pairs: [[Int]] = []
        try database.prepare(select).query([.integer(2)]) { row in
            let outer = row.int(0)
            pairs.append([outer] + (try database.prepare(select).rows([.integer(Int64(outer))]) { $0.int(0) }))
        }
        #expect(pairs == [[2, 2, 3], [3, 3]])
        #expect(try database.prepare(select).rows([.integer(1)]) { $0.int(0) } == [1, 2, 3])
    }

    @Test("a failing transaction is rolled back")
    func rollback() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try Database(path: directory.path + "/db.sqlite", migrations: [])
        try database.execute("CREATE TABLE t (a INTEGER)")
        struct Boom: Error {}
        #expect(throws: Boom.self) {
            try database.transaction {
                try database.prepare("INSERT INTO t VALUES (1)").execute()
                throw Boom()
            }
        }
        #expect(try database.prepare("SELECT count(*) FROM t").first { $0.int(0) } == 0)
    }

    @Test("a database from a newer Multiplier is refused")
    func newerSchema() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path + "/db.sqlite"
        _ = try Database(path: path, migrations: Migrations.all + [Migration(name: "future", sql: "CREATE TABLE f (x)")])
        #expect {
            try Database(path: path)
        } throws: { error in
            guard case StorageError.newerSchema(_, let found, let supported) = error else { return false }
            return found == Migrations.all.count + 1 && supported == Migrations.all.count
        }
    }

    @Test("a read-only open reads, refuses every write, and leaves the file's bytes as they were")
    func readOnly() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path + "/db.sqlite"
        do {
            let writer = try Database(path: path)
            try writer.execute("INSERT INTO repository (root, name) VALUES ('/r', 'r')")
        }
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let database = try Database(readOnlyPath: path)
        #expect(database.isReadOnly)
        #expect(try database.prepare("SELECT name FROM repository").first { $0.text(0) } == "r")
        #expect(throws: (any Error).self) { try database.execute("DELETE FROM repository") }
        #expect(throws: (any Error).self) { try database.execute("PRAGMA user_version = 1") }
        #expect(try database.prepare("SELECT count(*) FROM repository").first { $0.int(0) } == 1)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test("a WAL database whose shared-memory file cannot be made (a copy alone in a read-only folder) is still read")
    func readOnlyWithoutSharedMemory() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path + "/db.sqlite"
        do {
            let writer = try Database(path: path)
            try writer.execute("INSERT INTO repository (root, name) VALUES ('/r', 'r')")
        }
        // A link to nowhere where SQLite's -shm file would go: it can be neither opened nor made, as in a
        // folder no one may write (tests may run as root, whom permissions do not stop).
        try? FileManager.default.removeItem(atPath: path + "-shm")
        try FileManager.default.createSymbolicLink(atPath: path + "-shm", withDestinationPath: directory.path + "/no/such/folder")
        let database = try Database(readOnlyPath: path)
        #expect(try database.prepare("SELECT name FROM repository").first { $0.text(0) } == "r")
        #expect(throws: (any Error).self) { try database.execute("DELETE FROM repository") }
        #expect(Database.immutableURI("/a b/50%?x#y.sqlite") == "file:/a b/50%25%3fx%23y.sqlite?immutable=1")
    }

    @Test("the -wal and -shm a read-only connection leaves are removed once unused, and kept while another connection has them")
    func removeUnusedWAL() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path + "/db.sqlite"
        func walFiles() -> [String] { ["-wal", "-shm"].filter { FileManager.default.fileExists(atPath: path + $0) } }
        do {
            let writer = try Database(path: path)
            try writer.execute("INSERT INTO repository (root, name) VALUES ('/r', 'r')")
        }
        #expect(walFiles().isEmpty)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        do {
            let reader = try Database(readOnlyPath: path)
            #expect(try reader.prepare("SELECT count(*) FROM repository").first { $0.int(0) } == 1)
        }
        // SQLite's own close leaves them: a read-only connection may not checkpoint.
        #expect(walFiles() == ["-wal", "-shm"])
        try Database.removeUnusedWAL(at: path)
        #expect(walFiles().isEmpty)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)

        // Another connection's WAL (its commits not yet copied into the file) is in use: left, and its rows with it.
        let other = try Database(path: path)
        try other.execute("PRAGMA wal_autocheckpoint = 0")
        try other.execute("INSERT INTO repository (root, name) VALUES ('/s', 's')")
        do {
            let reader = try Database(readOnlyPath: path)
            #expect(try reader.prepare("SELECT count(*) FROM repository").first { $0.int(0) } == 2)
        }
        try Database.removeUnusedWAL(at: path)
        #expect(walFiles() == ["-wal", "-shm"])
        #expect(try other.prepare("SELECT count(*) FROM repository").first { $0.int(0) } == 2)
        #expect(try Database(readOnlyPath: path).prepare("SELECT count(*) FROM repository").first { $0.int(0) } == 2)
    }

    @Test("a read-only open never migrates: an older schema, a newer one and a missing file are refused with what to do")
    func readOnlyRefusals() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let old = directory.path + "/old.sqlite"
        _ = try Database(path: old, migrations: Array(Migrations.all.prefix(2)))
        #expect {
            try Database(readOnlyPath: old)
        } throws: { error in
            guard case StorageError.olderSchema(_, let found, let supported) = error else { return false }
            return found == 2 && supported == Migrations.all.count && "\(error)".contains("multiplier status --db")
        }
        #expect(try Database(path: old, migrations: nil).schemaVersion() == 2)
        let new = directory.path + "/new.sqlite"
        _ = try Database(path: new, migrations: Migrations.all + [Migration(name: "future", sql: "CREATE TABLE f (x)")])
        #expect {
            try Database(readOnlyPath: new)
        } throws: { error in
            if case StorageError.newerSchema = error { return true }
            return false
        }
        #expect {
            try Database(readOnlyPath: directory.path + "/none.sqlite")
        } throws: { error in
            if case StorageError.missing = error { return true }
            return false
        }
        #expect(!FileManager.default.fileExists(atPath: directory.path + "/none.sqlite"))
    }

    @Test("another program's SQLite file (tables, no schema version) is refused, read-write or read-only, and left byte for byte")
    func foreignDatabase() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        for table in ["foo", "task"] {
            let path = directory.path + "/\(table).sqlite"
            do {
                let other = try Database(path: path, migrations: nil)
                try other.execute("PRAGMA journal_mode = DELETE")
                try other.execute("CREATE TABLE \(table) (x INTEGER)")
            }
            let before = try Data(contentsOf: URL(fileURLWithPath: path))
            for open in [{ try Database(path: path) }, { try Database(readOnlyPath: path) }] {
                #expect {
                    _ = try open()
                } throws: { error in
                    guard case StorageError.foreignDatabase(_, let tables) = error else { return false }
                    return tables == [table] && "\(error)".contains("not a Multiplier one")
                }
            }
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        }
        // Only a view; only a schema version: another program's too.
        for (name, statement) in [("view", "CREATE VIEW answer AS SELECT 42"), ("versioned", "PRAGMA user_version = 7")] {
            let path = directory.path + "/\(name).sqlite"
            do {
                let other = try Database(path: path, migrations: nil)
                try other.execute("PRAGMA journal_mode = DELETE")
                try other.execute(statement)
            }
            let before = try Data(contentsOf: URL(fileURLWithPath: path))
            #expect {
                _ = try Database(path: path)
            } throws: { error in
                if case StorageError.foreignDatabase = error { return true }
                return false
            }
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before, "\(name)")
        }
        #expect(Database.firstTable(of: Migrations.all) == "repository")
    }

    @Test("a --db that is a folder, or a new file in a folder this user may not write, says which")
    func openReasons() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        #expect {
            try Database(path: directory.path)
        } throws: { error in
            guard case StorageError.cannotOpen(_, let reason) = error else { return false }
            return reason.contains("it is a folder")
        }
        // Root writes anywhere: only another user sees the permission (CommandLineTests runs it as nobody).
        guard getuid() != 0 else { return }
        try FileManager.default.createDirectory(atPath: directory.path + "/locked", withIntermediateDirectories: true)
        #expect(chmod(directory.path + "/locked", 0o555) == 0)
        #expect {
            try Database(path: directory.path + "/locked/db.sqlite")
        } throws: { error in
            guard case StorageError.cannotOpen(_, let reason) = error else { return false }
            return reason.contains("cannot create a file in")
        }
    }

    @Test("a file that is not a database is refused with a clear error")
    func notADatabase() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("text.sqlite", String(repeating: "this is not sqlite\n", count: 100))
        #expect {
            try Database(path: directory.path + "/text.sqlite")
        } throws: { error in
            if case StorageError.notADatabase = error { return true }
            return false
        }
    }

    @Test("a wrong number of bound values is an error, not undefined behaviour")
    func bindCount() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try Database(path: directory.path + "/db.sqlite", migrations: [])
        #expect(throws: SQLiteError.self) { try database.prepare("SELECT ?").execute([]) }
    }
}
