import Foundation
import Storage
import Support
import Synchronization

/// Runs a subcommand inside the MCP server the way the command line does, but with the
/// database opened read-only and its output kept instead of printed.
///
/// Tools reuse the commands this way, so the server answers exactly what `multiplier report`,
/// `tasks` and `plan` print. They share one read-only connection and the tasks read through it.
struct EmbeddedCommand {
    /// The read-only connection every command reads through.
    var database: Database { connection.database }
    private let connection: Connection
    var environment: [String: String]
    var currentDirectory: String
    /// Where the commands' notes go: the server's stderr.
    var log: @Sendable (String) -> Void

    init(database: Database, environment: [String: String], currentDirectory: String, log: @escaping @Sendable (String) -> Void) {
        connection = Connection(database)
        self.environment = environment
        self.currentDirectory = currentDirectory
        self.log = log
    }

    /// The connection and what was read through it. A file put in the database's place (`demo`
    /// builds a new one; a restored backup) is opened anew: the old connection would go on reading
    /// the file that was replaced. A change within the file is `ReadCache`'s to see.
    final class Connection {
        private(set) var database: Database
        private(set) var readCache = ReadCache()
        private var file: (device: UInt64, inode: UInt64)?

        init(_ database: Database) {
            self.database = database
            file = Self.identity(database.path)
        }

        /// The connection to use now.
        func current(log: (String) -> Void) throws -> (Database, ReadCache) {
            let now = Self.identity(database.path)
            if let now, let file, now != file {
                database = try Database(readOnlyPath: database.path)
                readCache = ReadCache()
                self.file = now
                log("multiplier mcp: \(database.path) was replaced; reading the new file")
            }
            return (database, readCache)
        }

        private static func identity(_ path: String) -> (device: UInt64, inode: UInt64)? {
            var info = stat()
            guard stat(path, &info) == 0 else { return nil }
            return (UInt64(info.st_dev), UInt64(info.st_ino))
        }
    }

    /// What a command printed on stdout.
    final class Output: Sendable {
        private let buffer = Mutex("")

        func append(_ text: String) { buffer.withLock { $0 += text } }
        var text: String { buffer.withLock { $0 } }
    }

    /// A read-only context for `spec` with `arguments` (options as `--name=value`, so no value can
    /// be read as an option), and the output it collects.
    /// - Parameter names: each option the tool may pass, by the tool argument it comes from
    ///   (`["--since": "since"]`): the command's messages name that argument, not the option.
    func context(_ spec: CommandSpec, _ arguments: [String], names: [String: String] = [:]) throws -> (CommandContext, Output) {
        let output = Output()
        let log = self.log
        let console = Console(out: { output.append($0) }, err: { log($0) })
        let (database, readCache) = try connection.current(log: log)
        let parsed = try ParsedArguments.parse(arguments + ["--db=" + database.path], spec: spec)
        var context = CommandContext(
            arguments: parsed, environment: environment, console: console, currentDirectory: currentDirectory, readOnly: true,
            sharedDatabase: database, readCache: readCache)
        context.argumentNames = .tool(names)
        return (context, output)
    }

    /// Runs a command and returns what it printed (`names` as for `context`).
    func run(_ command: CommandDefinition, _ arguments: [String], names: [String: String] = [:]) throws -> String {
        let (context, output) = try context(command.spec, arguments, names: names)
        _ = try command.run(context)
        return output.text
    }
}
