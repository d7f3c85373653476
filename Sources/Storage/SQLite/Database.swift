import CSQLite
import Foundation
import Support

/// One SQLite connection: WAL, a busy timeout, foreign keys on, schema migrated.
///
/// Not `Sendable`: one task owns the connection and does all the writing.
package final class Database {
    private let connection: OpaquePointer
    /// The file the database lives in.
    package let path: String
    /// Statements prepared before, by SQL: ingestion prepares the same few statements thousands of times.
    private var statements: [String: Statement] = [:]

    /// Opens (creating if needed) the database at `path` and brings its schema up to date
    /// (`migrations: nil` opens it as it is, to inspect a file before trusting it).
    ///
    /// - Throws: `StorageError.notADatabase` for a file that is not SQLite,
    ///   `StorageError.newerSchema` for a database written by a newer Multiplier,
    ///   `StorageError.cannotOpen` when the file cannot be opened or created.
    package init(path: String, migrations: [Migration]? = Migrations.all) throws {
        self.path = path
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty && !FileManager.default.fileExists(atPath: directory) {
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                throw StorageError.cannotOpen(path: path, reason: "cannot create \(directory)")
            }
        }
        connection = try Self.open(path, flags: SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX)
        do {
            // Before anything is written (even the journal mode): another program's database is left as it is.
            if let migrations { try refuseForeign(firstTable: Self.firstTable(of: migrations)) }
            try enableWAL()
            try execute("PRAGMA foreign_keys = ON")
            try execute("PRAGMA synchronous = NORMAL")
            // Statement journals in memory: once one statement's journal outgrew SQLite's 64 KiB spill
            // threshold, every later statement of the connection wrote its pages to a temporary file
            // (1.5 GB of writes over a first ingest of 82,000 commits).
            try execute("PRAGMA temp_store = MEMORY")
            if let migrations { try migrate(migrations) } else { _ = try schemaVersion() }
        } catch let error as SQLiteError where error.primaryCode == SQLITE_NOTADB {
            throw StorageError.notADatabase(path: path)
        } catch let error as SQLiteError {
            throw StorageError.sqlite(error, during: "opening \(path)")
        }
    }

    /// Opens an existing database read-only (`SQLITE_OPEN_READONLY`): SQLite refuses every write on
    /// this connection, and nothing is migrated, so the schema must already be `Migrations.all`'s.
    ///
    /// - Throws: `StorageError.missing` when there is no file, `StorageError.olderSchema` when it
    ///   needs migrating (any read-write command does that), and what `init(path:)` throws.
    /// - Parameter schema: the schema version the file must have; nil for a file with a schema of
    ///   its own (an export), which its reader checks.
    package init(readOnlyPath path: String, schema: Int? = Migrations.all.count) throws {
        self.path = path
        guard FileManager.default.fileExists(atPath: path) else { throw StorageError.missing(path: path) }
        var handle = try Self.open(path, flags: SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX)
        let probe = sqlite3_exec(handle, "PRAGMA user_version", nil, nil, nil) & 0xFF
        if probe == SQLITE_READONLY || probe == SQLITE_CANTOPEN {
            // A WAL database alone in a folder no one may write (a copy on a read-only share):
            // SQLite cannot make the shared-memory file it reads through. Nothing can write there
            // either, so the file is read as it is, without locks (`immutable`).
            sqlite3_close(handle)
            handle = try Self.open(Self.immutableURI(path), flags: SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI)
        }
        connection = handle
        do {
            // No journal-mode change here: that is a write. A WAL database stays WAL.
            let current = try schemaVersion()
            guard let supported = schema else { return }
            try refuseForeign(firstTable: Self.firstTable(of: Migrations.all))
            if current > supported { throw StorageError.newerSchema(path: path, found: current, supported: supported) }
            if current < supported { throw StorageError.olderSchema(path: path, found: current, supported: supported) }
        } catch let error as SQLiteError where error.primaryCode == SQLITE_NOTADB {
            throw StorageError.notADatabase(path: path)
        } catch let error as SQLiteError {
            throw StorageError.sqlite(error, during: "opening \(path)")
        }
    }

    /// Removes the `-wal` and `-shm` files beside the WAL database at `path` when no connection uses
    /// them, as SQLite documents doing it safely: open the database, then close it. A read-only
    /// connection makes both files and cannot remove them (that takes a checkpoint, a write); so once
    /// its own connections are closed, a reader calls this. The connection here is read-write but
    /// runs one read (`PRAGMA query_only` refuses anything else): on close, being the last one, it
    /// checkpoints the WAL (nothing to copy unless another program committed in the meantime, which
    /// its own last close would have copied too) and deletes both files. While another connection
    /// has the database open (an ingest), closing leaves them, as that connection needs them.
    ///
    /// - Throws: `StorageError.cannotOpen` when the file cannot be opened read-write (a file or
    ///   folder this user may only read: the files stay); an `SQLiteError` from the read.
    package static func removeUnusedWAL(at path: String) throws {
        let handle = try open(path, flags: SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX)
        defer { sqlite3_close_v2(handle) }
        for sql in ["PRAGMA query_only = ON", "PRAGMA user_version"] {
            // The read opens the WAL (a connection that never read closes without touching it).
            let code = sqlite3_exec(handle, sql, nil, nil, nil)
            guard code == SQLITE_OK else {
                throw SQLiteError(code: sqlite3_extended_errcode(handle), message: String(cString: sqlite3_errmsg(handle)), sql: sql)
            }
        }
    }

    /// `file:PATH?immutable=1`, the path's `%`, `?` and `#` escaped (SQLite's URI filenames).
    package static func immutableURI(_ path: String) -> String {
        var escaped = ""
        for character in path {
            switch character {
            case "%": escaped += "%25"
            case "?": escaped += "%3f"
            case "#": escaped += "%23"
            default: escaped.append(character)
            }
        }
        return "file:" + escaped + "?immutable=1"
    }

    private static func open(_ path: String, flags: Int32) throws -> OpaquePointer {
        var handle: OpaquePointer?
        let code = sqlite3_open_v2(path, &handle, flags, nil)
        guard code == SQLITE_OK, let handle else {
            var reason = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close(handle)
            // SQLite says only "unable to open database file": say which of the usual causes it is.
            var isFolder: ObjCBool = false
            let folder = (path as NSString).deletingLastPathComponent
            if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
                reason = "it is a folder; give a file's path"
            } else if !FileManager.default.fileExists(atPath: path), flags & SQLITE_OPEN_CREATE != 0,
                access(folder.isEmpty ? "." : folder, W_OK) != 0
            {
                reason = "cannot create a file in \(folder.isEmpty ? "." : folder) (\(String(cString: strerror(errno))))"
            } else if access(path, R_OK) != 0 {
                reason += " (\(String(cString: strerror(errno))))"
            }
            throw StorageError.cannotOpen(path: path, reason: reason)
        }
        sqlite3_extended_result_codes(handle, 1)
        // Another command writing (a scheduled ingest, a rebuild's one transaction on a large
        // history) is waited for, not failed on: two overlapping cron jobs both complete.
        sqlite3_busy_timeout(handle, Int32(busyTimeoutMilliseconds))
        addRedactFunction(handle)
        return handle
    }

    /// `PRAGMA journal_mode = WAL`. Switching a new database needs an exclusive lock, and SQLite
    /// answers SQLITE_BUSY at once rather than wait where waiting could deadlock (another command
    /// opening the same new file, a first run of two cron jobs): tried again for up to the busy timeout.
    private func enableWAL() throws {
        var waited = 0
        while true {
            do {
                try execute("PRAGMA journal_mode = WAL")
                return
            } catch let error as SQLiteError where error.primaryCode == SQLITE_BUSY && waited < Self.busyTimeoutMilliseconds {
                usleep(10_000)
                waited += 10
            }
        }
    }

    /// How long a statement waits for another connection's write lock before failing.
    static let busyTimeoutMilliseconds = 120_000

    /// `redact(text)`: `SecretRedactor.redact` as an SQL function (NULL stays NULL), so that a migration
    /// can clean texts stored before they were redacted, including rows whose logs are gone.
    private static func addRedactFunction(_ handle: OpaquePointer) {
        // Registering a function on a fresh connection fails only without memory; SQL that uses it then
        // fails with "no such function", which is reported where it runs.
        _ = sqlite3_create_function_v2(
            handle, "redact", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, nil,
            { context, count, values in
                guard count == 1, let value = values?[0], sqlite3_value_type(value) != SQLITE_NULL,
                    let bytes = sqlite3_value_text(value)
                else {
                    sqlite3_result_null(context)
                    return
                }
                let text = String(
                    decoding: UnsafeBufferPointer(start: bytes, count: Int(sqlite3_value_bytes(value))), as: UTF8.self)
                sqlite3_result_text(context, SecretRedactor.redact(text), -1, multiplier_sqlite_transient())
            }, nil, nil, nil)
    }

    /// Whether SQLite refuses writes on this connection (`init(readOnlyPath:)`).
    package var isReadOnly: Bool { sqlite3_db_readonly(connection, "main") == 1 }

    /// A number that changes when another connection commits to the file (`PRAGMA data_version`).
    package func dataVersion() throws -> Int {
        try prepare("PRAGMA data_version").first { $0.int(0) } ?? 0
    }

    deinit {
        statements.removeAll()  // finalized before the connection closes
        sqlite3_close_v2(connection)
    }

    /// Runs SQL without parameters (schema statements, pragmas).
    package func execute(_ sql: String) throws {
        var message: UnsafeMutablePointer<CChar>?
        let code = sqlite3_exec(connection, sql, nil, nil, &message)
        guard code == SQLITE_OK else {
            let text = message.map { String(cString: $0) } ?? String(cString: sqlite3_errmsg(connection))
            sqlite3_free(message)
            throw SQLiteError(code: sqlite3_extended_errcode(connection), message: text, sql: sql)
        }
    }

    /// Prepares a statement for repeated use; the same SQL gives the statement prepared before,
    /// unless that one is running a query (a query's closure that prepares it gets its own).
    package func prepare(_ sql: String) throws -> Statement {
        if let statement = statements[sql], !statement.isRunning { return statement }
        let statement = try Statement(connection: connection, sql: sql)
        // SQL made with varying text would grow the cache without end: it is bounded.
        if statements.count >= 128 { statements.removeAll() }
        if statements[sql] == nil { statements[sql] = statement }
        return statement
    }

    /// Runs `body` in an IMMEDIATE transaction: committed when it returns, rolled back when it throws.
    package func transaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN IMMEDIATE")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            // The rollback can only fail when SQLite already rolled back; the first error is the one to report.
            try? execute("ROLLBACK")
            throw error
        }
    }

    /// Runs `body` with SQLite's page cache raised to `megabytes`, then sets it back and gives
    /// the pages to the system (`PRAGMA shrink_memory`). For bulk writes of a large history: with
    /// the default 2 MB, index pages written a moment ago are spilled to the WAL and read back.
    package func withPageCache<T>(megabytes: Int, _ body: () throws -> T) throws -> T {
        let previous = try prepare("PRAGMA cache_size").first { $0.int64(0) } ?? -2_000
        try execute("PRAGMA cache_size = \(-megabytes * 1_024)")
        defer {
            // Restoring a setting this connection held a moment ago; a failure leaves only a larger cache.
            try? execute("PRAGMA cache_size = \(previous)")
            try? execute("PRAGMA shrink_memory")
        }
        return try body()
    }

    /// The rowid of the last inserted row.
    package var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(connection) }

    /// Rows changed by the last statement.
    package var changes: Int { Int(sqlite3_changes(connection)) }

    /// Another program's database is refused, untouched (a migration would add Multiplier's tables
    /// beside its own, or fail halfway on a name they share): a file with tables, views or the like but
    /// no schema version, or with a schema version but without the schema's first table. Version and
    /// schema are read in one statement, so in one snapshot: another process creating this database
    /// commits both at once, and is seen either before or after.
    private func refuseForeign(firstTable: String?) throws {
        var version = 0
        var objects: [String] = []
        try prepare(
            """
            SELECT (SELECT user_version FROM pragma_user_version), name FROM sqlite_master
            WHERE name NOT LIKE 'sqlite_%' ORDER BY type <> 'table', name
            """
        ).query { row in
            version = row.int(0)
            objects.append(row.text(1))
        }
        if objects.isEmpty { version = try schemaVersion() }
        if (version == 0 && !objects.isEmpty) || (version > 0 && firstTable.map { !objects.contains($0) } ?? false) {
            throw StorageError.foreignDatabase(path: path, tables: objects)
        }
    }

    /// The table the first migration creates (`repository` for Multiplier's own schema).
    package static func firstTable(of migrations: [Migration]) -> String? {
        guard let sql = migrations.first?.sql, let range = sql.range(of: "CREATE TABLE ") else { return nil }
        let name = sql[range.upperBound...].prefix { $0.isLetter || $0.isNumber || $0 == "_" }
        return name.isEmpty ? nil : String(name)
    }

    /// The schema version (`PRAGMA user_version`).
    package func schemaVersion() throws -> Int {
        try prepare("PRAGMA user_version").first { $0.int(0) } ?? 0
    }

    private func migrate(_ migrations: [Migration]) throws {
        let current = try schemaVersion()
        guard current <= migrations.count else {
            throw StorageError.newerSchema(path: path, found: current, supported: migrations.count)
        }
        for (index, migration) in migrations.enumerated() where index >= current {
            try transaction {
                // Another process opening the same new database may have applied it meanwhile:
                // the version is read again under the write lock.
                guard try schemaVersion() == index else { return }
                try execute(migration.sql)
                try execute("PRAGMA user_version = \(index + 1)")
            }
        }
    }
}

/// One step of the schema; the list of steps is append-only once shipped.
package struct Migration: Sendable {
    package let name: String
    package let sql: String

    package init(name: String, sql: String) {
        self.name = name
        self.sql = sql
    }
}
