import Foundation
import Model
import Storage
import Support

/// What a running command has: its arguments, the environment, and where to write.
package struct CommandContext {
    package var arguments: ParsedArguments
    package var environment: [String: String]
    package var console: Console
    /// The folder relative paths are resolved against.
    package var currentDirectory: String
    /// Open the database read-only (`multiplier mcp`): no code path of the command can write to it.
    package var readOnly = false
    /// A connection to use instead of opening one (`multiplier mcp` keeps one for its lifetime).
    var sharedDatabase: Database?
    /// Tasks and sessions kept between runs on `sharedDatabase`, until another connection changes the database.
    var readCache: ReadCache?
    /// How messages name the options: as options, or as the MCP tool's arguments that gave them.
    package var argumentNames = ArgumentNames.commandLine

    /// Notes and progress go to stderr unless `--quiet`.
    package var notes: Console {
        guard arguments.has("--quiet") else { return console }
        return Console(out: console.out, err: { _ in }, isErrorTTY: false, useColor: false, width: console.width)
    }

    /// `--db PATH`, else `MULTIPLIER_DB`, else `$XDG_DATA_HOME/multiplier/multiplier.sqlite`
    /// (falling back to `~/.local/share/multiplier/`).
    package var databasePath: String {
        if let path = arguments.value("--db") { return absolute(path) }
        if let path = environment["MULTIPLIER_DB"], !path.isEmpty { return absolute(path) }
        if let data = environment["XDG_DATA_HOME"], data.hasPrefix("/") {
            return data + "/multiplier/multiplier.sqlite"
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return home + "/.local/share/multiplier/multiplier.sqlite"
    }

    /// Opens the database (creating it on first use), or read-only as it is when `readOnly`.
    /// - Parameter existing: a command that only reads (`tasks`, `report`, …) refuses a database
    ///   that is not there (exit 66) rather than creating an empty one where a mistyped `--db` points.
    package func openDatabase(existing: Bool = false) throws -> Database {
        if let sharedDatabase { return sharedDatabase }
        if existing && !FileManager.default.fileExists(atPath: databasePath) { throw StorageError.missing(path: databasePath) }
        if readOnly { return try Database(readOnlyPath: databasePath) }
        do {
            return try Database(path: databasePath)
        } catch StorageError.sqlite(let error, _) where error.primaryCode == 8 && FileManager.default.fileExists(atPath: databasePath) {
            // SQLITE_READONLY: a database the user may only read (its file or folder). The commands that
            // only read work on it as it is; a write says so when it comes.
            return try Database(readOnlyPath: databasePath)
        }
    }

    /// The ingested repository `--repo` names: its root path (relative to the current directory) or its
    /// name (its folder's), when only one repository has that name.
    /// - Throws: `UsageError` (exit 64), the same line for every command.
    package func repository(_ name: String, among repositories: [Repository], command: String) throws -> Repository {
        if let found = repositories.first(where: { $0.root == absolute(name) }) { return found }
        // A path through a symbolic link: git's root, which ingestion stored, is the real path.
        let real = URL(fileURLWithPath: absolute(name)).resolvingSymlinksInPath().path
        if let found = repositories.first(where: { $0.root == real }) { return found }
        let named = name.contains("/") ? [] : repositories.filter { $0.name == name }.sorted { $0.root < $1.root }
        guard let found = named.first else {
            guard argumentNames.isCommandLine else {
                // A tool's caller cannot run `multiplier status`: the names it may give.
                let known = Set(repositories.map(\.name)).sorted()
                let list = known.prefix(10).joined(separator: ", ") + (known.count > 10 ? ", …" : "")
                throw UsageError(
                    "\(argumentNames.name("--repo")): no ingested repository '\(name)'; "
                        + (known.isEmpty ? "none is ingested" : "ingested: \(list)"), command: command)
            }
            throw UsageError("no ingested repository '\(name)'; 'multiplier status' lists them", command: command)
        }
        guard named.count == 1 else {
            let roots = named.prefix(3).map(\.root).joined(separator: ", ") + (named.count > 3 ? ", …" : "")
            throw UsageError("\(named.count) ingested repositories are named '\(name)' (\(roots)); give its path", command: command)
        }
        return found
    }

    /// The roots of `repository` and of the other ingested checkouts of its history (a second clone,
    /// a worktree, the folder before it moved): their work is counted once, under one of them
    /// (`TaskBuilder.oncePerID`), so a scope of one repository takes the tasks of them all.
    package func checkouts(of repository: Repository, among repositories: [Repository], database: Database) throws -> Set<String> {
        let identities = try CommitStore(database: database).historyIdentities()
        guard let identity = identities[repository.id] else { return [repository.root] }
        return Set(repositories.filter { identities[$0.id] == identity }.map(\.root)).union([repository.root])
    }

    /// `path` made absolute against the current directory, without `.`/`..` segments.
    package func absolute(_ path: String) -> String {
        let joined = path.hasPrefix("/") ? path : currentDirectory + "/" + path
        return URL(fileURLWithPath: joined).standardizedFileURL.path
    }
}
