import Foundation
import Model

/// A team export: one SQLite file with one machine's sessions, metadata only. Marked by
/// `PRAGMA application_id` so that `merge` can refuse anything else with a clear message.
package enum ExportFile {
    /// 'MLTX'.
    package static let applicationID: Int32 = 0x4D4C_5458
    package static let migrations = [
        Migration(
            name: "export",
            sql: """
                CREATE TABLE export_info (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
                CREATE TABLE session (
                    tool TEXT NOT NULL,
                    key TEXT NOT NULL,
                    parent_key TEXT,
                    repository_root_commit TEXT,
                    repository_origin TEXT,
                    repository_name TEXT,
                    working_directory TEXT,
                    owner TEXT,
                    branch TEXT,
                    prompts INTEGER NOT NULL,
                    input_tokens INTEGER NOT NULL,
                    output_tokens INTEGER NOT NULL,
                    cache_write_tokens INTEGER NOT NULL,
                    cache_read_tokens INTEGER NOT NULL,
                    PRIMARY KEY (tool, key)
                ) WITHOUT ROWID;
                CREATE TABLE session_event (tool TEXT NOT NULL, key TEXT NOT NULL, time_ms INTEGER NOT NULL);
                -- kind: 'model', 'file' (repository-relative path), 'commit', 'word' (a vocabulary word of the prompts)
                -- or 'key' (an issue key the prompts name; readers that do not know a kind skip it), or 'workflow'
                -- (the session's SessionWorkflow as sorted-key JSON; since schema 9 of the main database).
                CREATE TABLE session_detail (
                    tool TEXT NOT NULL, key TEXT NOT NULL, kind TEXT NOT NULL, value TEXT NOT NULL, count INTEGER NOT NULL DEFAULT 1
                );
                """)
    ]

    /// Writes a new export at `path` (replacing a file there), every text redacted (`redactingSecrets`).
    package static func write(_ sessions: [ExportedSession], info: ExportInfo, to path: String) throws {
        for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: path + suffix) {
            try FileManager.default.removeItem(atPath: path + suffix)
        }
        let database = try Database(path: path, migrations: migrations)
        try database.execute("PRAGMA application_id = \(applicationID)")
        try database.transaction {
            let setInfo = try database.prepare("INSERT INTO export_info (key, value) VALUES (?, ?)")
            for (key, value) in [
                ("format", "multiplier-export"), ("machine", info.machine), ("exporter", info.exporter),
                ("created", String(info.created)), ("pseudonymized", info.pseudonymized ? "yes" : "no"),
            ] {
                try setInfo.execute([.text(key), .text(value)])
            }
            let session = try database.prepare(
                """
                INSERT OR REPLACE INTO session (tool, key, parent_key, repository_root_commit, repository_origin, repository_name,
                    working_directory, owner, branch, prompts, input_tokens, output_tokens, cache_write_tokens, cache_read_tokens)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            let event = try database.prepare("INSERT INTO session_event (tool, key, time_ms) VALUES (?, ?, ?)")
            let detail = try database.prepare("INSERT INTO session_detail (tool, key, kind, value, count) VALUES (?, ?, ?, ?, ?)")
            for item in sessions.map({ $0.redactingSecrets() }) {
                try session.execute([
                    .text(item.tool), .text(item.key), .optional(item.parentKey), .optional(item.repositoryRootCommit),
                    .optional(item.repositoryOrigin), .optional(item.repositoryName), .optional(item.workingDirectory),
                    .optional(item.owner), .optional(item.branch), .int(item.prompts), .int(item.tokens.input),
                    .int(item.tokens.output), .int(item.tokens.cacheWrite), .int(item.tokens.cacheRead),
                ])
                let tool = SQLValue.text(item.tool)
                let key = SQLValue.text(item.key)
                for time in item.eventTimes { try event.execute([tool, key, .integer(time)]) }
                for model in item.models { try detail.execute([tool, key, .text("model"), .text(model), .int(1)]) }
                for file in item.filesEdited { try detail.execute([tool, key, .text("file"), .text(file), .int(1)]) }
                for commit in item.commits { try detail.execute([tool, key, .text("commit"), .text(commit), .int(1)]) }
                for (word, count) in item.promptWords.sorted(by: { $0.key < $1.key }) {
                    try detail.execute([tool, key, .text("word"), .text(word), .int(count)])
                }
                for issue in item.promptKeys { try detail.execute([tool, key, .text("key"), .text(issue), .int(1)]) }
                if let workflow = item.workflow {
                    try detail.execute([tool, key, .text("workflow"), .text(try workflowJSON(workflow)), .int(1)])
                }
            }
        }
        try database.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        try database.execute("PRAGMA journal_mode = DELETE")
    }

    /// A workflow as sorted-key JSON (an export's `session_detail` value of kind `workflow`).
    static func workflowJSON(_ workflow: SessionWorkflow) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(workflow), as: UTF8.self)
    }

    /// Reads an export; refuses files that are not exports or come from a newer Multiplier.
    package static func read(path: String) throws -> (info: ExportInfo, sessions: [ExportedSession]) {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw StorageError.cannotOpen(path: path, reason: "no such file")
        }
        guard !isFolder.boolValue else { throw StorageError.notAnExport(path: path) }
        // Read-only: a teammate's file is input, never changed (nor its journal mode), and it may lie
        // in a folder this user cannot write.
        let database: Database
        do {
            database = try Database(readOnlyPath: path, schema: nil)
        } catch StorageError.notADatabase {
            throw StorageError.notAnExport(path: path)
        }
        // A file cut short or edited: SQLite's own words, said of the export, with what to do.
        do {
            return try read(database, path: path)
        } catch StorageError.sqlite(let error, _) {
            throw StorageError.damagedExport(path: path, reason: error.message)
        } catch let error as SQLiteError {
            throw StorageError.damagedExport(path: path, reason: error.message)
        }
    }

    private static func read(_ database: Database, path: String) throws -> (info: ExportInfo, sessions: [ExportedSession]) {
        let application = try database.prepare("PRAGMA application_id").first { $0.int(0) } ?? 0
        guard application == Int(applicationID) else { throw StorageError.notAnExport(path: path) }
        let version = try database.schemaVersion()
        guard version <= migrations.count else {
            throw StorageError.newerSchema(path: path, found: version, supported: migrations.count)
        }
        var values: [String: String] = [:]
        try database.prepare("SELECT key, value FROM export_info").query { values[$0.text(0)] = $0.text(1) }
        guard values["format"] == "multiplier-export", let machine = values["machine"] else {
            throw StorageError.notAnExport(path: path)
        }
        let info = ExportInfo(
            machine: machine, exporter: values["exporter"] ?? "", created: Int64(values["created"] ?? "") ?? 0,
            pseudonymized: values["pseudonymized"] == "yes")
        // Whole numbers where `export` writes them: SQLite would read 'many' prompts as 0 and an event
        // time 'x' as 1970.
        let wrong = try database.prepare(
            """
            SELECT (SELECT count(*) FROM session WHERE typeof(prompts) <> 'integer' OR typeof(input_tokens) <> 'integer'
                    OR typeof(output_tokens) <> 'integer' OR typeof(cache_write_tokens) <> 'integer'
                    OR typeof(cache_read_tokens) <> 'integer')
                + (SELECT count(*) FROM session_event WHERE typeof(time_ms) <> 'integer')
                + (SELECT count(*) FROM session_detail WHERE typeof(count) <> 'integer')
            """
        ).first { $0.int(0) } ?? 0
        guard wrong == 0 else {
            throw StorageError.damagedExport(path: path, reason: "\(wrong) value\(wrong == 1 ? " is" : "s are") not a whole number")
        }
        var sessions: [String: ExportedSession] = [:]
        var order: [String] = []
        try database.prepare(
            """
            SELECT tool, key, parent_key, repository_root_commit, repository_origin, repository_name, working_directory, owner,
                branch, prompts, input_tokens, output_tokens, cache_write_tokens, cache_read_tokens
            FROM session ORDER BY tool, key
            """
        ).query { row in
            let id = row.text(0) + "\u{0}" + row.text(1)
            order.append(id)
            sessions[id] = ExportedSession(
                tool: row.text(0), key: row.text(1), parentKey: row.optionalText(2), repositoryRootCommit: row.optionalText(3),
                repositoryOrigin: row.optionalText(4), repositoryName: row.optionalText(5), workingDirectory: row.optionalText(6),
                owner: row.optionalText(7), branch: row.optionalText(8), prompts: row.int(9), eventTimes: [], models: [],
                filesEdited: [], commits: [],
                tokens: TokenTotals(input: row.int(10), output: row.int(11), cacheWrite: row.int(12), cacheRead: row.int(13)))
        }
        try database.prepare("SELECT tool, key, time_ms FROM session_event").query { row in
            sessions[row.text(0) + "\u{0}" + row.text(1)]?.eventTimes.append(row.int64(2))
        }
        try database.prepare("SELECT tool, key, kind, value, count FROM session_detail").query { row in
            let id = row.text(0) + "\u{0}" + row.text(1)
            switch row.text(2) {
            case "model": sessions[id]?.models.append(row.text(3))
            case "file": sessions[id]?.filesEdited.append(row.text(3))
            case "commit": sessions[id]?.commits.append(row.text(3))
            case "word": sessions[id]?.promptWords[row.text(3), default: 0] += row.int(4)
            case "key": sessions[id]?.promptKeys.append(row.text(3))
            case "workflow":
                // A value this version cannot read leaves the session's workflow unknown, as in older exports.
                sessions[id]?.workflow = try? JSONDecoder().decode(SessionWorkflow.self, from: Data(row.text(3).utf8))
            default: break
            }
        }
        return (info, order.compactMap { sessions[$0] })
    }
}
