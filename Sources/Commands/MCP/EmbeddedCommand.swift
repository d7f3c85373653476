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
    let database: Database
    let readCache = ReadCache()
    var environment: [String: String]
    var currentDirectory: String
    /// Where the commands' notes go: the server's stderr.
    var log: @Sendable (String) -> Void

    /// What a command printed on stdout.
    final class Output: Sendable {
        private let buffer = Mutex("")

        func append(_ text: String) { buffer.withLock { $0 += text } }
        var text: String { buffer.withLock { $0 } }
    }

    /// A read-only context for `spec` with `arguments` (options as `--name=value`, so no value can
    /// be read as an option), and the output it collects.
    func context(_ spec: CommandSpec, _ arguments: [String]) throws -> (CommandContext, Output) {
        let output = Output()
        let log = self.log
        let console = Console(out: { output.append($0) }, err: { log($0) })
        let parsed = try ParsedArguments.parse(arguments + ["--db=" + database.path], spec: spec)
        let context = CommandContext(
            arguments: parsed, environment: environment, console: console, currentDirectory: currentDirectory, readOnly: true,
            sharedDatabase: database, readCache: readCache)
        return (context, output)
    }

    /// Runs a command and returns what it printed.
    func run(_ command: CommandDefinition, _ arguments: [String]) throws -> String {
        let (context, output) = try context(command.spec, arguments)
        _ = try command.run(context)
        return output.text
    }
}
